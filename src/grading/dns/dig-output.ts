/**
 * Reads what `dig` (BIND 9, as in the agnhost image) prints. With `+search +showsearch` it prints
 * one block per name it tried along the pod's search list, each with its own status; recorded
 * outputs are in test/fixtures/cluster-state/outputs/dig.
 */
export interface DigRecord {
  name: string;
  type: string;
  data: string;
}

export interface DigAttempt {
  /** The name asked, as dig prints it (absolute, with the trailing dot). */
  question: string;
  status: string;
  answers: DigRecord[];
}

export interface DigOutput {
  attempts: DigAttempt[];
  /** No server answered at all (dig exits 9). */
  timedOut: boolean;
}

/** The resolver's verdict: the first answer along the search list, else why there is none. */
export interface DnsResolution {
  /** NOERROR, NXDOMAIN, NODATA (name without records of the type), TIMEOUT, or dig's rcode. */
  status: string;
  /** The name that answered. */
  name?: string;
  /** The data of the records of the asked type, in dig's order. */
  answers: string[];
}

export function parseDigOutput(stdout: string): DigOutput {
  const blocks = stdout.split(/^(?=; <<>> DiG)/m).filter((b) => b.startsWith('; <<>> DiG'));
  const attempts = blocks.flatMap((block) => {
    const status = /->>HEADER<<-.*status: ([A-Z]+)/.exec(block)?.[1];
    if (!status) return [];
    const question = /;; QUESTION SECTION:\n;(\S+)/.exec(block)?.[1] ?? '';
    return [{ question: question.toLowerCase(), status, answers: section(block, 'ANSWER') }];
  });
  const timedOut = /no servers could be reached|connection timed out/.test(stdout);
  return { attempts, timedOut: timedOut && attempts.length === 0 };
}

function section(block: string, name: string): DigRecord[] {
  const match = new RegExp(`;; ${name} SECTION:\\n([\\s\\S]*?)(?:\\n\\n|$)`).exec(block);
  if (!match?.[1]) return [];
  return match[1].split('\n').flatMap((line) => {
    const fields = line.trim().split(/\s+/);
    // name [ttl] [class] type data…: dig may leave out TTL and class, so find the class.
    const at = fields.indexOf('IN');
    if (line.startsWith(';') || at < 1 || fields.length < at + 3) return [];
    return [
      { name: fields[0] ?? '', type: fields[at + 1] ?? '', data: fields.slice(at + 2).join(' ') },
    ];
  });
}

/**
 * What the pod's resolver concluded. A name without an answer counts as NXDOMAIN when every
 * try inside the cluster domain said NXDOMAIN: the last try (the bare name) goes to the upstream
 * resolver, which in a cluster without internet often fails (SERVFAIL, REFUSED) and says nothing
 * about the cluster's names.
 */
export function resolveDig(
  output: DigOutput,
  type: string,
  clusterDomain = 'cluster.local',
): DnsResolution {
  const answered = output.attempts.find(
    (a) => a.status === 'NOERROR' && a.answers.some((r) => r.type === type),
  );
  if (answered) {
    const answers = answered.answers.filter((r) => r.type === type).map((r) => r.data);
    return { status: 'NOERROR', name: answered.question, answers };
  }
  if (output.timedOut || output.attempts.length === 0) return { status: 'TIMEOUT', answers: [] };
  const inCluster = output.attempts.filter((a) => a.question.endsWith(`.${clusterDomain}.`));
  const relevant = inCluster.length > 0 ? inCluster : output.attempts.slice(-1);
  const notNx = relevant.find((a) => a.status !== 'NXDOMAIN');
  if (!notNx) return { status: 'NXDOMAIN', answers: [] };
  return { status: notNx.status === 'NOERROR' ? 'NODATA' : notNx.status, answers: [] };
}
