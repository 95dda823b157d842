import { selects } from '../fake-kube.js';
import type { SimCluster } from './sim-cluster.js';
import type { ScriptCommand } from '../../../src/labs/script-commands.js';

const READ_ONLY = new Set([
  'get',
  'describe',
  'exec',
  'logs',
  'wait',
  'rollout',
  'top',
  'cluster-info',
  'explain',
  'version',
  'api-resources',
  'api-versions',
  'auth',
  'config',
  'port-forward',
  'events',
  'debug',
]);

const KINDS: Record<string, string> = {
  pod: 'Pod',
  pods: 'Pod',
  po: 'Pod',
  deployment: 'Deployment',
  deployments: 'Deployment',
  deploy: 'Deployment',
  service: 'Service',
  services: 'Service',
  svc: 'Service',
  networkpolicy: 'NetworkPolicy',
  networkpolicies: 'NetworkPolicy',
  netpol: 'NetworkPolicy',
  namespace: 'Namespace',
  namespaces: 'Namespace',
  ns: 'Namespace',
  configmap: 'ConfigMap',
  configmaps: 'ConfigMap',
  cm: 'ConfigMap',
  daemonset: 'DaemonSet',
  daemonsets: 'DaemonSet',
  ds: 'DaemonSet',
  statefulset: 'StatefulSet',
  statefulsets: 'StatefulSet',
  sts: 'StatefulSet',
  node: 'Node',
  nodes: 'Node',
  no: 'Node',
};

/** Flags that take a value in the next word when not written `--flag=value`. */
const VALUE_FLAGS = new Set([
  '-n',
  '--namespace',
  '-l',
  '--selector',
  '-p',
  '--patch',
  '--type',
  '--image',
  '--labels',
  '--port',
  '--replicas',
  '-o',
  '--output',
  '--timeout',
  '--grace-period',
  '-f',
  '--filename',
  '--overrides',
  '--restart',
  '--env',
  '--field-manager',
]);

interface Parsed {
  verb: string;
  args: string[];
  flags: Map<string, string[]>;
  /** Words after `--` (the container's command for kubectl run). */
  rest: string[];
}

/**
 * Plays one line of a solution script against the simulated cluster: kubectl's changing verbs
 * are applied, reading verbs and other programs are skipped, anything the simulator cannot
 * reproduce faithfully is refused (so a lab test never passes by ignoring a step's real work).
 */
export function applyKubectl(sim: SimCluster, command: ScriptCommand): void {
  const where = `line ${command.line} (${command.text})`;
  // Every kubectl in the line, also inside `$(…)` and after pipes or `xargs`.
  const calls = command.argv
    .map((word, i) => (/(^|[$(`|;&])kubectl$/.test(word) ? i : -1))
    .filter((i) => i >= 0)
    .map((i) => parse(command.argv.slice(i + 1)));
  if (calls.length === 0) return;
  const compound =
    command.argv[0] !== 'kubectl' || /[|;&`]|\$\(/.test(command.text.replace(/'[^']*'/g, ''));
  if (compound) {
    if (calls.every((call) => READ_ONLY.has(call.verb))) return;
    throw new Error(
      `${where}: a changing kubectl command must stand alone (no pipes, substitutions, prefixes)`,
    );
  }
  const parsed = parse(command.argv.slice(1));
  if (READ_ONLY.has(parsed.verb)) return;
  const namespace = one(parsed, '-n', '--namespace');
  switch (parsed.verb) {
    case 'apply':
    case 'create': {
      const file = one(parsed, '-f', '--filename');
      if (file !== '-' || command.stdin === undefined) {
        throw new Error(`${where}: only "kubectl ${parsed.verb} -f - <<EOF" is simulated`);
      }
      sim.applyYaml(withNamespace(command.stdin, namespace));
      return;
    }
    case 'delete':
      return forTargets(sim, parsed, namespace, where, (kind, ns, name) =>
        sim.delete(kind, ns, name),
      );
    case 'scale': {
      const replicas = Number(one(parsed, '--replicas'));
      return forTargets(sim, parsed, namespace, where, (kind, ns, name) => {
        if (kind !== 'Deployment' && kind !== 'StatefulSet')
          throw new Error(`${where}: cannot scale ${kind}`);
        sim.patch(kind, ns, name, { spec: { replicas } });
      });
    }
    case 'label': {
      const pairs = parsed.args.filter((a) => /^[^=]+=[^=]*$|^[^=]+-$/.test(a));
      const labels = Object.fromEntries(
        pairs.map((p) =>
          p.endsWith('-') && !p.includes('=')
            ? [p.slice(0, -1), null]
            : [p.split('=')[0], p.split('=')[1]],
        ),
      );
      const targets = { ...parsed, args: parsed.args.filter((a) => !pairs.includes(a)) };
      return forTargets(sim, targets, namespace, where, (kind, ns, name) => {
        const current = sim.get(kind, ns, name)?.metadata?.labels ?? {};
        const clash = Object.keys(labels).find(
          (k) => labels[k] !== null && k in current && current[k] !== labels[k],
        );
        if (clash && !parsed.flags.has('--overwrite'))
          throw new Error(`${where}: label ${clash} exists (needs --overwrite)`);
        sim.patch(kind, ns, name, { metadata: { labels } });
      });
    }
    case 'patch': {
      const type = one(parsed, '--type') ?? 'strategic';
      if (type === 'json')
        throw new Error(`${where}: JSON patches are not simulated; use --type merge`);
      const patch = JSON.parse(one(parsed, '-p', '--patch') ?? '{}') as Record<string, unknown>;
      return forTargets(sim, parsed, namespace, where, (kind, ns, name) =>
        sim.patch(kind, ns, name, patch),
      );
    }
    case 'run': {
      const [name] = parsed.args;
      const image = one(parsed, '--image');
      if (!name || !image) throw new Error(`${where}: kubectl run needs a name and --image`);
      const labels = one(parsed, '--labels');
      const port = one(parsed, '--port');
      sim.apply({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace: namespace ?? 'default',
          labels: labels
            ? Object.fromEntries(labels.split(',').map((kv) => kv.split('=')))
            : { run: name },
        },
        spec: {
          containers: [
            {
              name,
              image,
              ...(parsed.rest.length > 0 ? { args: parsed.rest } : {}),
              ...(port ? { ports: [{ containerPort: Number(port) }] } : {}),
            },
          ],
        },
      });
      return;
    }
    default:
      throw new Error(`${where}: kubectl ${parsed.verb} is not simulated`);
  }
}

function parse(words: string[]): Parsed {
  const flags = new Map<string, string[]>();
  const args: string[] = [];
  let verb = '';
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word === '--') return { verb, args, flags, rest: words.slice(i + 1) };
    if (word.startsWith('-')) {
      const eq = word.indexOf('=');
      const name = eq > 0 ? word.slice(0, eq) : word;
      const value = eq > 0 ? word.slice(eq + 1) : VALUE_FLAGS.has(word) ? (words[++i] ?? '') : '';
      flags.set(name, [...(flags.get(name) ?? []), value]);
    } else if (!verb) verb = word;
    else args.push(word);
  }
  return { verb, args, flags, rest: [] };
}

function one(parsed: Parsed, ...names: string[]): string | undefined {
  for (const name of names) {
    const values = parsed.flags.get(name);
    if (values?.length) return values.at(-1);
  }
  return undefined;
}

/** `kind name…`, `kind/name…`, or `kind -l selector`, each resolved to objects. */
function forTargets(
  sim: SimCluster,
  parsed: Parsed,
  namespace: string | undefined,
  where: string,
  act: (kind: string, namespace: string | undefined, name: string) => void,
): void {
  const targets: [string, string][] = [];
  const [first, ...others] = parsed.args;
  if (first?.includes('/')) {
    for (const arg of parsed.args) {
      const [kind = '', name = ''] = arg.split('/');
      targets.push([resolveKind(kind, where), name]);
    }
  } else if (first) {
    const kind = resolveKind(first, where);
    const selector = one(parsed, '-l', '--selector');
    if (selector) {
      const objects = sim
        .list(kind, namespace ?? 'default')
        .filter((o) => selects(selector, o.metadata.labels ?? {}));
      if (objects.length === 0) throw new Error(`${where}: no ${kind} matches ${selector}`);
      for (const o of objects) targets.push([kind, o.metadata.name as string]);
    }
    for (const name of others) targets.push([kind, name]);
  }
  if (targets.length === 0) throw new Error(`${where}: no object named`);
  for (const [kind, name] of targets) act(kind, namespace, name);
}

function resolveKind(word: string, where: string): string {
  const kind = KINDS[word.toLowerCase()];
  if (!kind) throw new Error(`${where}: kind "${word}" is not simulated`);
  return kind;
}

/** `kubectl -n ns apply` puts namespace-less objects into `ns`. */
function withNamespace(yaml: string, namespace: string | undefined): string {
  if (!namespace) return yaml;
  return yaml
    .split(/^---$/m)
    .map((doc) =>
      /^\s*namespace:/m.test(doc) || !/^metadata:/m.test(doc)
        ? doc
        : doc.replace(/^metadata:\n/m, `metadata:\n  namespace: ${namespace}\n`),
    )
    .join('---');
}
