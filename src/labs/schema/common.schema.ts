import net from 'node:net';
import { z } from 'zod';
import { parseJsonPath } from '../../kube/json-path.js';
import { labPatternProblem } from '../lab-pattern.js';
import { LAB_MODES } from '../modes/lab-mode.js';

export const slug = z
  .string()
  .regex(
    /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
    'muss aus Kleinbuchstaben, Ziffern und Bindestrichen bestehen',
  );

/** A Kubernetes object name or namespace (DNS-1123 label or subdomain). */
export const k8sName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, 'ist kein gültiger Kubernetes-Name');

/** A pattern RE2 can run (see `labPattern`), so grading stays linear in what it reads. */
export const regex = z.string().superRefine((value, ctx) => {
  const problem = labPatternProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const ipv4Cidr = z.string().refine(
  (value) => {
    const [ip, bits, ...rest] = value.split('/');
    const prefix = Number(bits);
    return (
      rest.length === 0 &&
      net.isIPv4(ip ?? '') &&
      // Number() would read "", " 16" and "0x10" as prefixes.
      /^\d{1,2}$/.test(bits ?? '') &&
      prefix >= 0 &&
      prefix <= 32
    );
  },
  { message: 'ist kein gültiges IPv4-Netz (z. B. 10.244.0.0/16)' },
);

export const port = z.number().int().min(1).max(65535);
export const protocol = z.enum(['TCP', 'UDP', 'SCTP']).default('TCP');

/**
 * A JSONPath in kubectl's notation, with or without braces: `{.status.podIP}`, `.status.podIP`,
 * or from a top-level array as `ip -j` prints it: `{[0].ifname}`.
 */
export const jsonPath = z.string().superRefine((path, ctx) => {
  try {
    parseJsonPath(path);
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: error instanceof Error ? error.message : String(error),
    });
  }
});

export const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** Exactly one operator per field assertion. */
export const fieldAssertion = z
  .strictObject({
    path: jsonPath,
    equals: scalar.optional(),
    matches: regex.optional(),
    contains: scalar.optional(),
    oneOf: z.array(scalar).min(1).optional(),
    exists: z.boolean().optional(),
  })
  .refine(
    (a) => ['equals', 'matches', 'contains', 'oneOf', 'exists'].filter((k) => k in a).length === 1,
    { message: 'braucht genau eine Bedingung: equals, matches, contains, oneOf oder exists' },
  );

/** A Kubernetes object, or the set of objects a label selector picks. */
export const objectRef = z
  .strictObject({
    apiVersion: z.string().default('v1'),
    kind: z
      .string()
      .regex(/^[A-Z][A-Za-z]*$/, 'muss eine Kubernetes-Art wie Pod oder Service sein'),
    namespace: k8sName.optional(),
    name: k8sName.optional(),
    selector: z.string().min(1).optional(),
  })
  .refine((o) => !(o.name && o.selector), { message: 'name und selector schließen sich aus' });

/** One or more pods: by name or by label selector, in a namespace. */
export const podRef = z
  .strictObject({
    namespace: k8sName.default('default'),
    pod: k8sName.optional(),
    selector: z.string().min(1).optional(),
    container: k8sName.optional(),
  })
  .refine((p) => Boolean(p.pod) !== Boolean(p.selector), {
    message: 'braucht genau eines von pod oder selector',
  });

/** Expected reachability: a default plus exceptions written `ns/pod -> ns/pod`. */
export const reachabilityExpectation = z.strictObject({
  default: z.enum(['allow', 'deny']),
  except: z
    .array(z.string().regex(/^\S+\/\S+\s*->\s*\S+\/\S+$/, 'muss die Form "ns/pod -> ns/pod" haben'))
    .default([]),
});

/** The modes a lab, a check, a hint or a step's setup file belongs to; each mode once. */
export const labModes = z
  .array(z.enum(LAB_MODES))
  .min(1)
  .refine((modes) => new Set(modes).size === modes.length, {
    message: 'nennt einen Modus doppelt',
  });

/** Stands in a check's message for the value the check saw. */
export const OBSERVED_PLACEHOLDER = '{observed}';

export const checkBase = {
  id: slug.optional(),
  /** German line shown with the result, e.g. "Pod web läuft". */
  title: z.string().min(1).optional(),
  timeoutSeconds: z.number().int().min(1).max(300).optional(),
  /**
   * The learner's sentences for pass and fail; `{observed}` in them stands for the value the
   * check saw (an address, a command, an answer).
   */
  messages: z
    .strictObject({ pass: z.string().min(1).optional(), fail: z.string().min(1).optional() })
    .optional(),
  /** A command the learner can run in their terminal to see what the check saw, e.g. `ip -n pod2 addr`. */
  see: z.string().min(1).optional(),
  /** Only in these modes of the server (KUBELAB_MODE); default: every mode the lab claims. */
  modes: labModes.optional(),
};
