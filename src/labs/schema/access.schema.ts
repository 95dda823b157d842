import { z } from 'zod';
import { k8sName } from './common.schema.js';

/** Namespaces of the cluster itself and of kubelab: never a learner's work namespace. */
const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease', 'kubelab-learner'];

/**
 * `plural` (core API) or `plural.group`, as in an RBAC rule: no subresource, no wildcard.
 * Secrets are refused by name: a learner never reads a token or a key.
 */
const resource = z
  .string()
  .regex(
    /^[a-z][a-z0-9]*(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    'muss eine Ressource wie „pods“ oder „servicecidrs.networking.k8s.io“ sein (kein „*“, keine Unterressource)',
  )
  .refine((value) => value.split('.')[0] !== 'secrets', {
    message: 'Secrets darf der Lernende nie lesen',
  });

const readSchema = z.strictObject({
  /** Without a namespace the resources are cluster-scoped (e.g. nodes). */
  namespace: k8sName.optional(),
  resources: z.array(resource).min(1),
  /** pods/exec there too: lab-made pods the learner may use (e.g. a hostNetwork server). */
  exec: z.boolean().default(false),
});

/**
 * What the learner's ServiceAccount may do in shared mode: work in `namespaces` (Pod Security
 * `baseline` enforced there), and read what `read` lists. Only meaningful for labs with `shared`.
 */
export const accessSchema = z
  .strictObject({
    namespaces: z
      .array(
        k8sName.refine((name) => !SYSTEM_NAMESPACES.includes(name), {
          message: 'ist ein Namespace des Clusters oder von kubelab, kein Arbeitsbereich',
        }),
      )
      .min(1),
    read: z.array(readSchema).default([]),
  })
  .superRefine((access, ctx) => {
    access.read.forEach((entry, index) => {
      if (entry.exec && !entry.namespace) {
        ctx.addIssue({
          code: 'custom',
          path: ['read', index, 'exec'],
          message: 'exec gilt nur in einem Namespace',
        });
      }
      if (entry.exec && entry.namespace === 'kube-system') {
        ctx.addIssue({
          code: 'custom',
          path: ['read', index, 'exec'],
          message: 'In die Pods von kube-system darf der Lernende nie hinein',
        });
      }
      if (entry.exec && !entry.resources.includes('pods')) {
        ctx.addIssue({
          code: 'custom',
          path: ['read', index, 'exec'],
          message: 'exec braucht „pods“ unter resources',
        });
      }
    });
  });

export type AccessSpec = z.infer<typeof accessSchema>;
export type AccessRead = AccessSpec['read'][number];
