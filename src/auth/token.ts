import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe; shown to the learner once. */
export const newToken = (): string => `klt_${randomBytes(32).toString('base64url')}`;

/** Tokens are random and long, so a fast hash is enough: nothing to brute-force. */
export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');
