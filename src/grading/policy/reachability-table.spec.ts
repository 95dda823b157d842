import { formatReachabilityTable } from './reachability-table.js';

describe(formatReachabilityTable.name, () => {
  it('prints rows = from, columns = to, . allowed, X denied', () => {
    const cell = (from: string, to: string, allowed: boolean) =>
      ({ from, to, allowed, port: 80, protocol: 'TCP' }) as const;
    expect(
      formatReachabilityTable([
        cell('x/a', 'x/a', true),
        cell('x/a', 'default/web', false),
        cell('default/web', 'x/a', true),
        cell('default/web', 'default/web', true),
      ]),
    ).toEqual([
      'Port 80/TCP (Zeilen: von, Spalten: zu; . = erlaubt, X = blockiert)',
      '-            x/a  default/web',
      'x/a          .    X',
      'default/web  .    .',
    ]);
  });

  it('says so when there are no pods', () => {
    expect(formatReachabilityTable([])).toEqual(['Keine Pods gefunden.']);
  });
});
