import { z } from 'zod';
import { accessSchema } from './access.schema.js';
import { checkSchema, hintSchema, type CheckSpec } from './check.schema.js';
import type { LabMode } from '../modes/lab-mode.js';
import { ipv4Cidr, labModes, slug } from './common.schema.js';

/** A path inside the lab folder: relative, no `..`, no absolute paths. */
const labFile = (...extensions: string[]) =>
  z
    .string()
    .regex(
      /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[\w./-]+$/,
      'muss ein relativer Pfad innerhalb der Übung sein',
    )
    .refine((p) => extensions.some((e) => p.endsWith(e)), {
      message: `muss auf ${extensions.join(' oder ')} enden`,
    });

export const clusterSchema = z.strictObject({
  workers: z.number().int().min(0).max(5).default(2),
  podSubnet: ipv4Cidr.default('10.244.0.0/16'),
  serviceSubnet: ipv4Cidr.default('10.96.0.0/16'),
  kubeProxyMode: z.enum(['iptables', 'ipvs', 'nftables', 'none']).default('iptables'),
  disableDefaultCNI: z.boolean().default(false),
  /** The lab relies on NetworkPolicy being enforced (kindnet from kind v0.24, or its own CNI). */
  networkPolicy: z.boolean().default(false),
});

/** A file of a step's `setup` or `solution`, written as its path or as `{ file, modes }`. */
export interface StepFileEntry {
  file: string;
  modes?: LabMode[] | undefined;
}

/** A step file that may belong to some modes only (default: every mode of the lab). */
const stepFile = z
  .union([
    labFile('.yaml', '.sh'),
    z.strictObject({ file: labFile('.yaml', '.sh'), modes: labModes.optional() }),
  ])
  .transform((entry): StepFileEntry => (typeof entry === 'string' ? { file: entry } : entry));

const stepSchema = z
  .strictObject({
    id: slug,
    title: z.string().min(1),
    content: labFile('.md'),
    /** Manifests (`.yaml`, server-side applied) and/or scripts (`.sh`), run in the given order. */
    solution: z
      .union([stepFile, z.array(stepFile).min(1)])
      .transform((files) => (Array.isArray(files) ? files : [files])),
    /**
     * What breaks when the step begins, i.e. when the step before it is first passed (and on
     * „Fortsetzen“ after that step's solution): a fault that would mask earlier steps if the lab's
     * setup made it. Same file types as the lab's setup, plus scripts for kind (control-plane node).
     */
    setup: z.array(stepFile).default([]),
    /** Looking, not changing: the step's checks read answers or transcripts only. */
    observe: z.boolean().default(false),
    /**
     * What this step shows exists only where NetworkPolicies are enforced (a policy that drops
     * traffic). `labs:test` skips such a step, with the reason, on a host that cannot enforce.
     */
    needsNetworkPolicy: z.boolean().default(false),
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
      if (typeof hint !== 'string' && hint.when && !ids.includes(hint.when.check)) {
        ctx.addIssue({
          code: 'custom',
          path: ['hints', index, 'when', 'check'],
          message: `verweist auf eine Prüfung "${hint.when.check}", die es in diesem Schritt nicht gibt`,
        });
      }
    });
  });

export const containerSchema = z.strictObject({
  /** Default: KUBELAB_CONTAINER_IMAGE. */
  image: z.string().min(1).optional(),
});

/** Check kinds that read the Kubernetes API; a container environment has none. */
const KUBERNETES_CHECKS = new Set([
  'resource',
  'connectivity',
  'reachability',
  'dns',
  'sourceIp',
  'policy',
]);

export const labSchema = z
  .strictObject({
    title: z.string().min(1),
    summary: z.string().min(1),
    /** "Lernziele" */
    goals: z.array(z.string().min(1)).min(1),
    /** minutes */
    duration: z.number().int().min(1).max(600),
    level: z.enum(['einsteiger', 'fortgeschritten', 'experte']),
    environment: z.enum(['kind', 'container']).default('kind'),
    /**
     * The server modes (KUBELAB_MODE) the lab is written for; a server in another mode does not
     * offer it. `shared` means every node command in it goes through `knoten`.
     */
    modes: labModes.default(['local']),
    cluster: clusterSchema.default(clusterSchema.parse({})),
    container: containerSchema.optional(),
    /** kind: manifests applied in order; container: scripts run in the container in order. */
    setup: z.array(labFile('.yaml', '.sh')).default([]),
    autoCheck: z.boolean().default(false),
    /** The learner's rights in shared mode (kind labs only). */
    access: accessSchema.optional(),
    steps: z.array(stepSchema).min(1),
  })
  .superRefine((lab, ctx) => {
    checkEnvironment(lab, ctx);
    if ((lab.steps[0]?.setup.length ?? 0) > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['steps', 0, 'setup'],
        message:
          'Der erste Schritt beginnt mit der Übung: Was er braucht, gehört ins setup der Übung',
      });
    }
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

interface EnvironmentView {
  environment: 'kind' | 'container';
  container?: unknown;
  access?: unknown;
  setup: string[];
  steps: { setup: StepFileEntry[]; solution: StepFileEntry[]; checks: CheckSpec[] }[];
}

function checkEnvironment(lab: EnvironmentView, ctx: z.RefinementCtx): void {
  const container = lab.environment === 'container';
  const setupExtension = container ? '.sh' : '.yaml';
  lab.setup.forEach((file, index) => {
    if (!file.endsWith(setupExtension)) {
      ctx.addIssue({
        code: 'custom',
        path: ['setup', index],
        message: `muss in einer ${lab.environment}-Umgebung auf ${setupExtension} enden`,
      });
    }
  });
  if (!container) {
    if (lab.container) {
      ctx.addIssue({
        code: 'custom',
        path: ['container'],
        message: 'gilt nur für environment: container',
      });
    }
    return;
  }
  if (lab.access) {
    ctx.addIssue({
      code: 'custom',
      path: ['access'],
      message: 'gilt nur für environment: kind (ein Container hat keine Kubernetes-API)',
    });
  }
  lab.steps.forEach((step, stepIndex) => {
    step.setup.forEach(({ file }, fileIndex) => {
      if (!file.endsWith('.sh')) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', stepIndex, 'setup', fileIndex],
          message: 'muss in einer container-Umgebung ein Skript (.sh) sein',
        });
      }
    });
    step.solution.forEach(({ file }, fileIndex) => {
      if (!file.endsWith('.sh')) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', stepIndex, 'solution', fileIndex],
          message: 'muss in einer container-Umgebung ein Skript (.sh) sein',
        });
      }
    });
    step.checks.forEach((check, checkIndex) => {
      const needsApi =
        KUBERNETES_CHECKS.has(check.kind) ||
        (check.kind === 'answer' && 'object' in check.expected);
      if (needsApi) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', stepIndex, 'checks', checkIndex, 'kind'],
          message: `Die Prüfart „${check.kind}“ braucht die Kubernetes-API; eine Container-Umgebung hat keine`,
        });
      }
    });
  });
}

export type LabSpec = z.infer<typeof labSchema>;
export type ContainerSpec = z.infer<typeof containerSchema>;
export type StepSpec = LabSpec['steps'][number];
export type ClusterSpec = z.infer<typeof clusterSchema>;
