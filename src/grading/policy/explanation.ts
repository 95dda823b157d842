import type { Direction } from './policy-model.js';
import type { Probe } from './reachability.js';

/** A rule of a policy: `policy` is `namespace/name`, `ruleIndex` the index in its rule list. */
export interface RuleVerdict {
  policy: string;
  ruleIndex: number;
  peerMatches: boolean;
  portMatches: boolean;
  /** The rule's peers as text, empty when the rule admits every peer. */
  peers: string[];
  /** The rule's ports as text (`80/TCP`), empty when the rule admits every port. */
  ports: string[];
}

export interface DirectionExplanation {
  direction: Direction;
  /** The pod whose policies decide: the source for egress, the destination for ingress. */
  pod: string;
  isolated: boolean;
  isolatingPolicies: string[];
  /** Every rule of the isolating policies, in policy order. */
  rules: RuleVerdict[];
  allowed: boolean;
}

export interface ConnectionExplanation extends Probe {
  from: string;
  to: string;
  allowed: boolean;
  egress: DirectionExplanation;
  ingress: DirectionExplanation;
  /** German, one line per entry, for learners. */
  text: string[];
}
