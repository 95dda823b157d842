import type { ReachabilityResult } from './reachability.js';

/**
 * A truth table like the Kubernetes e2e tests print it: rows are sources, columns destinations,
 * `.` allowed, `X` denied. Pods appear in the order of `results`.
 */
export function formatReachabilityTable(results: readonly ReachabilityResult[]): string[] {
  const first = results[0];
  if (!first) return ['Keine Pods gefunden.'];
  const sources = unique(results.map((r) => r.from));
  const destinations = unique(results.map((r) => r.to));
  const cells = new Map(results.map((r) => [`${r.from} ${r.to}`, r.allowed]));
  const rowHead = Math.max(1, ...sources.map((s) => s.length));
  const header = ['-'.padEnd(rowHead), ...destinations].join('  ');
  const rows = sources.map((from) =>
    [
      from.padEnd(rowHead),
      ...destinations.map((to) => {
        const allowed = cells.get(`${from} ${to}`);
        const mark = allowed === undefined ? '?' : allowed ? '.' : 'X';
        return mark.padEnd(to.length);
      }),
    ]
      .join('  ')
      .trimEnd(),
  );
  return [
    `Port ${first.port}/${first.protocol} (Zeilen: von, Spalten: zu; . = erlaubt, X = blockiert)`,
    header,
    ...rows,
  ];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
