import { z } from 'zod';
import { isValidCidr } from './ip-block.js';

/**
 * The parts of Namespace, Pod and NetworkPolicy objects (API JSON as `kubectl get -o json`
 * prints it) the evaluator reads. Unknown fields are ignored; optional fields may be null.
 */
const labels = z.record(z.string(), z.string()).nullish();
const protocol = z.enum(['TCP', 'UDP', 'SCTP']).nullish();

const metadata = z.object({
  name: z.string().min(1),
  namespace: z.string().min(1).nullish(),
  labels,
});

export const labelSelectorSchema = z.object({
  matchLabels: labels,
  matchExpressions: z
    .array(
      z.object({
        key: z.string().min(1),
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: z.array(z.string()).nullish(),
      }),
    )
    .nullish(),
});

const cidr = z.string().refine(isValidCidr, { message: 'ist kein gültiges CIDR-Netz' });

const peer = z
  .object({
    podSelector: labelSelectorSchema.nullish(),
    namespaceSelector: labelSelectorSchema.nullish(),
    ipBlock: z.object({ cidr, except: z.array(cidr).nullish() }).nullish(),
  })
  .refine((p) => Boolean(p.ipBlock) !== Boolean(p.podSelector || p.namespaceSelector), {
    message: 'braucht entweder ipBlock oder podSelector/namespaceSelector',
  });

const policyPort = z.object({
  protocol,
  port: z.union([z.number().int().min(1).max(65535), z.string().min(1)]).nullish(),
  endPort: z.number().int().min(1).max(65535).nullish(),
});

const ports = z.array(policyPort).nullish();
const ingressRule = z.object({ from: z.array(peer).nullish(), ports });
const egressRule = z.object({ to: z.array(peer).nullish(), ports });

export const namespaceSchema = z.object({ kind: z.literal('Namespace'), metadata });

export const podSchema = z.object({
  kind: z.literal('Pod'),
  metadata,
  spec: z
    .object({
      containers: z
        .array(
          z.object({
            ports: z
              .array(
                z.object({
                  name: z.string().nullish(),
                  containerPort: z.number().int(),
                  protocol,
                }),
              )
              .nullish(),
          }),
        )
        .nullish(),
    })
    .nullish(),
  status: z.object({ podIP: z.string().nullish(), phase: z.string().nullish() }).nullish(),
});

export const networkPolicySchema = z.object({
  kind: z.literal('NetworkPolicy'),
  metadata,
  spec: z.object({
    podSelector: labelSelectorSchema.nullish(),
    policyTypes: z.array(z.enum(['Ingress', 'Egress'])).nullish(),
    ingress: z.array(ingressRule).nullish(),
    egress: z.array(egressRule).nullish(),
  }),
});

export type LabelSelectorJson = z.infer<typeof labelSelectorSchema>;
export type PodJson = z.infer<typeof podSchema>;
export type NetworkPolicyJson = z.infer<typeof networkPolicySchema>;
