import { execa } from 'execa';
import type { PreflightItem } from './preflight.types.js';

/** kind ships kindnet with NetworkPolicy enforcement from v0.24.0 (kind PR #3612). */
export const KIND_NETWORK_POLICY_VERSION: [number, number, number] = [0, 24, 0];

const INSTALL_HINT = 'https://kind.sigs.k8s.io/docs/user/quick-start/#installation';

/** `kind version` prints e.g. `kind v0.27.0 go1.23.4 linux/amd64`. */
export function parseKindVersion(output: string): [number, number, number] | undefined {
  const match = /\bv(\d+)\.(\d+)\.(\d+)/.exec(output);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

export function versionAtLeast(
  v: [number, number, number],
  min: [number, number, number],
): boolean {
  for (let i = 0; i < 3; i++) if (v[i] !== min[i]) return v[i] > min[i];
  return true;
}

/** The German problem line; the path is named only when it is not plain `kind` from PATH. */
export function kindMissingDe(kindBin: string): string {
  const where = kindBin === 'kind' ? '' : ` (${kindBin})`;
  return `Das Programm kind${where} ist nicht vorhanden oder nicht ausführbar.`;
}

export async function probeKind(kindBin: string): Promise<PreflightItem[]> {
  const base = { id: 'kind', label: 'kind CLI', required: true };
  const result = await execa(kindBin, ['version'], { reject: false, timeout: 10_000 });
  const version = result.exitCode === 0 ? parseKindVersion(String(result.stdout)) : undefined;
  if (!version) {
    const reason =
      result.code === 'ENOENT'
        ? 'not found'
        : String(result.stderr || result.shortMessage).slice(0, 200);
    return [
      {
        ...base,
        ok: false,
        problem: `kind (${kindBin}) is not usable: ${reason}`,
        fixEn: `Install kind ≥ v0.24 and put it on PATH, or set KUBELAB_KIND_BIN (${INSTALL_HINT}).`,
        problemDe: kindMissingDe(kindBin),
        fixDe: `kind ab Version 0.24 installieren und in den PATH legen oder KUBELAB_KIND_BIN setzen (${INSTALL_HINT}).`,
      },
    ];
  }
  const found = `v${version.join('.')}`;
  const enforces = versionAtLeast(version, KIND_NETWORK_POLICY_VERSION);
  return [
    { ...base, ok: true, found },
    {
      id: 'kind-network-policy',
      label: 'kindnet with NetworkPolicy support (kind ≥ v0.24)',
      required: false,
      ok: enforces,
      found,
      ...(enforces
        ? {}
        : {
            problem: `kind ${found} ships kindnet without NetworkPolicy enforcement; NetworkPolicy labs will be refused`,
            fixEn: 'Upgrade kind to v0.24.0 or newer.',
            problemDe: `kind ${found} setzt NetworkPolicies nicht durch; NetworkPolicy-Übungen werden abgelehnt.`,
            fixDe: 'kind auf Version 0.24.0 oder neuer aktualisieren.',
          }),
    },
  ];
}
