import { z } from 'zod';
import { checkSchema, hintSchema } from './check.schema.js';
import { ipv4Cidr, slug } from './common.schema.js';

/** A path inside the lab folder: relative, no `..`, no absolute paths. */
const labFile = (extension: string) =>
  z
    .string()
    .regex(
      /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[\w./-]+$/,
      'muss ein relativer Pfad innerhalb der Übung sein',
    )
    .refine((p) => p.endsWith(extension), { message: `muss auf ${extension} enden` });

export const clusterSchema = z.strictObject({
  workers: z.number().int().min(0).max(5).default(2),
  podSubnet: ipv4Cidr.default('10.244.0.0/16'),
  serviceSubnet: ipv4Cidr.default('10.96.0.0/16'),
  kubeProxyMode: z.enum(['iptables', 'ipvs', 'nftables', 'none']).default('iptables'),
  disableDefaultCNI: z.boolean().default(false),
  /** The lab relies on NetworkPolicy being enforced (kindnet from kind v0.24, or its own CNI). */
  networkPolicy: z.boolean().default(false),
});

const stepSchema = z
  .strictObject({
    id: slug,
    title: z.string().min(1),
    content: labFile('.md'),
    solution: labFile('.sh'),
    checks: z.array(checkSchema).min(1),
    hints: z.array(hintSchema).default([]),
  })
  .transform((step) => ({
    ...step,
    checks: step.checks.map((check, index) => ({
      ...check,
      id: check.id ?? `${check.kind}-${index + 1}`,
    })),
  }))
  .superRefine((step, ctx) => {
    const ids = step.checks.map((c) => c.id);
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) {
        ctx.addIssue({
          code: 'custom',
          path: ['checks', index, 'id'],
          message: `Prüfungs-ID "${id}" ist doppelt`,
        });
      }
    });
    step.hints.forEach((hint, index) => {
      if (typeof hint !== 'string' && !ids.includes(hint.when.check)) {
        ctx.addIssue({
          code: 'custom',
          path: ['hints', index, 'when', 'check'],
          message: `verweist auf eine Prüfung "${hint.when.check}", die es in diesem Schritt nicht gibt`,
        });
      }
    });
  });

export const labSchema = z
  .strictObject({
    title: z.string().min(1),
    summary: z.string().min(1),
    /** "Lernziele" */
    goals: z.array(z.string().min(1)).min(1),
    /** minutes */
    duration: z.number().int().min(1).max(600),
    level: z.enum(['einsteiger', 'fortgeschritten', 'experte']),
    environment: z.literal('kind').default('kind'),
    cluster: clusterSchema.default(clusterSchema.parse({})),
    setup: z.array(labFile('.yaml')).default([]),
    autoCheck: z.boolean().default(false),
    steps: z.array(stepSchema).min(1),
  })
  .superRefine((lab, ctx) => {
    const ids = lab.steps.map((s) => s.id);
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', index, 'id'],
          message: `Schritt-ID "${id}" ist doppelt`,
        });
      }
    });
  });

export type LabSpec = z.infer<typeof labSchema>;
export type StepSpec = LabSpec['steps'][number];
export type ClusterSpec = z.infer<typeof clusterSchema>;
