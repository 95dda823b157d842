import type { Request } from 'express';
import type { Principal } from '../principal.js';
import type { AppConfig } from '../../config/config.schema.js';
import type { Rate } from '../../config/rate-setting.js';

type RateSetting = {
  [K in keyof AppConfig]-?: AppConfig[K] extends Rate ? K : never;
}[keyof AppConfig];

export type RateLimitedRequest = Request & { principal?: Principal };

/** One limit: its setting, whom it counts separately, and what the learner reads when it is hit. */
export interface RateLimitRule {
  name: string;
  setting: RateSetting;
  key: (request: RateLimitedRequest) => string;
  /** German; `wait` is e.g. "40 Sekunden". */
  message: (wait: string) => string;
}

/** `request.ip` follows `trust proxy` (KUBELAB_TRUST_PROXY): the proxy's peer only when configured. */
const clientAddress = (request: RateLimitedRequest) => request.ip ?? 'unknown';
const learner = (request: RateLimitedRequest) => request.principal?.id ?? 'anonymous';

const signUpMessage = (wait: string) =>
  `Gerade melden sich sehr viele an. Bitte versuche es in ${wait} noch einmal.`;

export const SIGN_UPS_PER_ADDRESS: RateLimitRule = {
  name: 'sign-ups-per-address',
  setting: 'KUBELAB_RATE_SIGNUPS_PER_IP',
  key: clientAddress,
  message: signUpMessage,
};

export const SIGN_UPS: RateLimitRule = {
  name: 'sign-ups',
  setting: 'KUBELAB_RATE_SIGNUPS',
  key: () => 'all',
  message: signUpMessage,
};

export const SESSION_STARTS: RateLimitRule = {
  name: 'session-starts',
  setting: 'KUBELAB_RATE_SESSION_STARTS',
  key: learner,
  message: (wait) =>
    `Du hast in kurzer Zeit sehr viele Umgebungen gestartet. Bitte warte ${wait}, bevor du die nächste startest.`,
};

export const STEP_CHECKS: RateLimitRule = {
  name: 'step-checks',
  setting: 'KUBELAB_RATE_CHECKS',
  key: (request) => `${learner(request)} ${String(request.params.id)}`,
  message: (wait) =>
    `Du hast sehr oft hintereinander „Prüfen“ gedrückt. Bitte warte ${wait} und prüfe dann erneut.`,
};
