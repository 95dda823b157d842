import { parseArgs } from 'node:util';
import { parseClusterState } from '../grading/policy/cluster-state.js';
import { explainCompiled } from '../grading/policy/explain.js';
import { parseManifestText } from '../grading/policy/manifest-text.js';
import { type CompiledCluster, compileCluster } from '../grading/policy/policy-index.js';
import { PROTOCOLS, type Protocol } from '../grading/policy/policy-model.js';
import { type Probe, computeReachability } from '../grading/policy/reachability.js';
import { formatReachabilityTable } from '../grading/policy/reachability-table.js';
import { type CliCommand, type CliIo, UsageError } from './cli-io.js';

const INPUT_HELP =
  '  -f, --file <path>     kubectl get namespaces,pods,networkpolicies -A -o json, or YAML manifests; - = stdin';

const REACH_USAGE = [
  'Usage: kubelab netpol reach -f <file> --port <port> [--protocol TCP|UDP|SCTP] [--format table|json]',
  '',
  'Evaluates the NetworkPolicies for every source × destination pod (no cluster access).',
  INPUT_HELP,
  '  --port <1-65535>      destination port',
  '  --protocol <proto>    TCP (default), UDP or SCTP',
  '  --format <format>     table (default: rows = from, columns = to, . allowed, X denied) or json',
].join('\n');

const EXPLAIN_USAGE = [
  'Usage: kubelab netpol explain -f <file> --from <ns/pod> --to <ns/pod> --port <port> [--protocol TCP|UDP|SCTP]',
  '',
  'Explains in German which policies and rules allow or deny one connection.',
  INPUT_HELP,
].join('\n');

const NETPOL_USAGE = `${REACH_USAGE}\n\n${EXPLAIN_USAGE}`;

const OPTIONS = {
  file: { type: 'string', short: 'f' },
  port: { type: 'string' },
  protocol: { type: 'string', default: 'TCP' },
  format: { type: 'string', default: 'table' },
  from: { type: 'string' },
  to: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Options = ReturnType<typeof parseOptions>;

export const netpolCommand: CliCommand = {
  name: 'netpol',
  summary: 'NetworkPolicy evaluation: reach (matrix), explain (one connection)',
  usage: NETPOL_USAGE,
  run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === '--help' || sub === '-h') {
      io.out(NETPOL_USAGE);
      return 0;
    }
    if (sub !== 'reach' && sub !== 'explain') {
      throw new UsageError(
        sub ? `unknown netpol command "${sub}"` : 'missing command',
        NETPOL_USAGE,
      );
    }
    const usage = sub === 'reach' ? REACH_USAGE : EXPLAIN_USAGE;
    const options = parseOptions(rest, usage);
    if (options.help) {
      io.out(usage);
      return 0;
    }
    return sub === 'reach' ? reach(options, io) : explain(options, io);
  },
};

function reach(options: Options, io: CliIo): number {
  const { file, probe } = requireCommon(options, REACH_USAGE);
  const { format } = options;
  if (format !== 'table' && format !== 'json') {
    throw new UsageError(`--format must be table or json, not "${format}"`, REACH_USAGE);
  }
  if (options.from !== undefined || options.to !== undefined) {
    throw new UsageError('--from/--to belong to "netpol explain"', REACH_USAGE);
  }
  const results = computeReachability(loadCluster(file, io), probe);
  const lines =
    format === 'json' ? [JSON.stringify(results, null, 2)] : formatReachabilityTable(results);
  lines.forEach((line) => io.out(line));
  return 0;
}

function explain(options: Options, io: CliIo): number {
  const { file, probe } = requireCommon(options, EXPLAIN_USAGE);
  const podRef = (name: 'from' | 'to'): string => {
    const value = options[name];
    if (value === undefined) throw new UsageError(`--${name} <ns/pod> is required`, EXPLAIN_USAGE);
    if (!/^[^/\s]+\/[^/\s]+$/.test(value)) {
      throw new UsageError(`--${name} must be <namespace>/<pod>, not "${value}"`, EXPLAIN_USAGE);
    }
    return value;
  };
  const [from, to] = [podRef('from'), podRef('to')];
  explainCompiled(loadCluster(file, io), from, to, probe).text.forEach((line) => io.out(line));
  return 0;
}

function parseOptions(argv: string[], usage: string) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false })
      .values;
  } catch (error) {
    throw new UsageError((error as Error).message, usage);
  }
}

function requireCommon(options: Options, usage: string): { file: string; probe: Probe } {
  if (!options.file) throw new UsageError('-f/--file is required', usage);
  if (options.port === undefined) throw new UsageError('--port is required', usage);
  const port = Number(options.port);
  if (!/^\d+$/.test(options.port) || port < 1 || port > 65535) {
    throw new UsageError(`--port must be a number from 1 to 65535, not "${options.port}"`, usage);
  }
  const protocol = options.protocol.toUpperCase() as Protocol;
  if (!PROTOCOLS.includes(protocol)) {
    throw new UsageError(`--protocol must be TCP, UDP or SCTP, not "${options.protocol}"`, usage);
  }
  return { file: options.file, probe: { port, protocol } };
}

function loadCluster(file: string, io: CliIo): CompiledCluster {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return compileCluster(parseClusterState(parseManifestText(text)));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
  }
}
