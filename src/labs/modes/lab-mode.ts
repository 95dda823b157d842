/**
 * How a server runs kind labs (KUBELAB_MODE): `local` gives the one trusted user shells in the
 * nodes; `shared` gives learners a toolbox and `knoten <node> <command>` instead.
 */
export const LAB_MODES = ['local', 'shared'] as const;
export type LabMode = (typeof LAB_MODES)[number];

/** A lab item that may be limited to some modes; without `modes` it belongs to every mode. */
export interface ModeScoped {
  modes?: readonly LabMode[] | undefined;
}

export function belongsTo(item: ModeScoped, mode: LabMode): boolean {
  return item.modes === undefined || item.modes.includes(mode);
}
