import { z } from 'zod';
import {
  checkBase,
  fieldAssertion,
  jsonPath,
  k8sName,
  labModes,
  objectRef,
  podRef,
  port,
  protocol,
  reachabilityExpectation,
  regex,
  scalar,
  slug,
} from './common.schema.js';

/** Where a probe goes: exactly one of pod, selector, service, ip, host, node. */
const probeTarget = z
  .strictObject({
    namespace: k8sName.optional(),
    pod: k8sName.optional(),
    selector: z.string().min(1).optional(),
    service: k8sName.optional(),
    ip: z.union([z.ipv4(), z.ipv6()]).optional(),
    host: z.string().min(1).optional(),
    /**
     * A node's InternalIP (a role `control-plane`/`worker`, a name suffix like `worker2`, or the
     * node's name): what reaches a hostPort or a hostNetwork pod there.
     */
    node: z.string().min(1).optional(),
    port,
    protocol,
    /**
     * With `service`: go through the NodePort of service port `port` on this node (a role
     * `control-plane`/`worker`, a name suffix like `worker2`, or the node's name).
     */
    nodePort: z.string().min(1).optional(),
  })
  .refine(
    (t) =>
      ['pod', 'selector', 'service', 'ip', 'host', 'node'].filter((k) => t[k as keyof typeof t])
        .length === 1,
    {
      message: 'braucht genau eines von pod, selector, service, ip, host oder node',
    },
  )
  .refine((t) => !t.nodePort || t.service, {
    message: 'nodePort gilt nur zusammen mit service',
    path: ['nodePort'],
  });

const resourceCheck = z.strictObject({
  ...checkBase,
  kind: z.literal('resource'),
  object: objectRef,
  expect: z.enum(['exists', 'absent']).default('exists'),
  count: z
    .strictObject({
      equals: z.number().int().min(0).optional(),
      min: z.number().int().min(0).optional(),
      max: z.number().int().min(0).optional(),
    })
    .optional(),
  fields: z.array(fieldAssertion).default([]),
  /**
   * Every selected object was created after this step began: the learner replaced them, by
   * whatever command (delete, scale to 0 and back, rollout restart).
   */
  createdInStep: z.boolean().optional(),
});

const answerCheck = z.strictObject({
  ...checkBase,
  id: slug,
  kind: z.literal('answer'),
  /** The German question next to the input field. */
  prompt: z.string().min(1),
  type: z.enum(['ip', 'cidr', 'name', 'number', 'text']),
  expected: z.union([
    z.strictObject({ value: scalar }),
    z.strictObject({ object: objectRef, path: jsonPath }),
  ]),
});

const connectivityCheck = z.strictObject({
  ...checkBase,
  kind: z.literal('connectivity'),
  from: podRef,
  to: probeTarget,
  expect: z.enum(['allow', 'deny']),
});

/** A matrix over pods: `reachability` probes it in the live cluster, `policy` evaluates the NetworkPolicies. */
const matrix = {
  pods: z.array(podRef).min(1),
  port,
  protocol,
  expect: reachabilityExpectation,
};

const reachabilityCheck = z.strictObject({
  ...checkBase,
  kind: z.literal('reachability'),
  ...matrix,
});

const dnsCheck = z.strictObject({
  ...checkBase,
  kind: z.literal('dns'),
  from: podRef,
  query: z.string().min(1),
  type: z.enum(['A', 'AAAA', 'SRV', 'PTR']).default('A'),
  expect: z.union([
    z.strictObject({ serviceIp: z.strictObject({ namespace: k8sName, name: k8sName }) }),
    z.strictObject({ podIp: z.strictObject({ namespace: k8sName, name: k8sName }) }),
    z.strictObject({ endpointsOf: z.strictObject({ namespace: k8sName, name: k8sName }) }),
    z.strictObject({ addresses: z.array(z.string().min(1)).min(1) }),
    z.strictObject({ nxdomain: z.literal(true) }),
  ]),
});

const sourceIpCheck = z.strictObject({
  ...checkBase,
  kind: z.literal('sourceIp'),
  from: z.union([podRef, z.strictObject({ node: z.string().min(1) })]),
  to: probeTarget,
  /** podIp: no NAT; nodeIp: SNAT to the node; clientIp: the original client address is kept. */
  expect: z.enum(['podIp', 'nodeIp', 'clientIp']),
});

const nodeExecCheck = z.strictObject({
  ...checkBase,
  kind: z.literal('nodeExec'),
  /** A node name, or a role: `control-plane` or `worker` (the first worker). */
  node: z.string().min(1).default('control-plane'),
  command: z.array(z.string().min(1)).min(1),
  expect: z
    .strictObject({
      exitCode: z.number().int().min(0).max(255).default(0),
      stdout: z
        .strictObject({
          contains: z.string().optional(),
          notContains: z.string().optional(),
          matches: regex.optional(),
        })
        .optional(),
      json: z.array(fieldAssertion).optional(),
    })
    .default({ exitCode: 0 }),
});

/** kube-proxy (iptables mode) on a node has a KUBE-SVC chain with one KUBE-SEP per ready endpoint. */
const kubeProxyRulesCheck = z.strictObject({
  ...checkBase,
  kind: z.literal('kubeProxyRules'),
  /** A node name or role, as for nodeExec. */
  node: z.string().min(1).default('control-plane'),
  service: z.strictObject({ namespace: k8sName, name: k8sName }),
  /** One port of the service, by name or number; every port when left out. */
  port: z.union([port, z.string().min(1)]).optional(),
});

const policyCheck = z.strictObject({ ...checkBase, kind: z.literal('policy'), ...matrix });

const transcriptCheck = z.strictObject({
  ...checkBase,
  kind: z.literal('transcript'),
  command: regex,
  exitCode: z.number().int().min(0).max(255).optional(),
  output: regex.optional(),
  /** Count only commands run since this step was opened (default), or the whole session. */
  since: z.enum(['step', 'session']).default('step'),
});

export const checkSchema = z.discriminatedUnion('kind', [
  resourceCheck,
  answerCheck,
  connectivityCheck,
  reachabilityCheck,
  dnsCheck,
  sourceIpCheck,
  nodeExecCheck,
  kubeProxyRulesCheck,
  policyCheck,
  transcriptCheck,
]);

export type CheckSpec = z.infer<typeof checkSchema>;
export type CheckKind = CheckSpec['kind'];
export const CHECK_KINDS: CheckKind[] = checkSchema.options.map((o) => o.shape.kind.value);

/**
 * A hint is plain text, or text shown only when a check observed something (`when`); either
 * may be limited to some modes (`modes`, the object form without `when` is a plain hint).
 */
export const hintSchema = z.union([
  z.string().min(1),
  z
    .strictObject({
      text: z.string().min(1),
      when: z
        .strictObject({
          check: slug,
          status: z.enum(['pass', 'fail', 'error']).default('fail'),
          observed: z
            .strictObject({
              equals: scalar.optional(),
              matches: regex.optional(),
              /** RE2 has no negative lookahead: "observed does not match this". */
              notMatches: regex.optional(),
              contains: scalar.optional(),
            })
            .optional(),
        })
        .optional(),
      modes: labModes.optional(),
    })
    .refine((hint) => hint.when !== undefined || hint.modes !== undefined, {
      message: 'braucht when oder modes; ein Tipp ohne beides ist einfacher Text',
    }),
]);

export type HintSpec = z.infer<typeof hintSchema>;
