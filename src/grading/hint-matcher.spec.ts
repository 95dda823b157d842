import { NESTED_LOOP, NESTED_LOOP_INPUT } from '../../test/support/backtracking.js';
import type { HintSpec } from '../labs/schema/check.schema.js';
import type { CheckResult } from './check-result.js';
import { plainHints } from '../labs/plain-hints.js';
import { matchingHints } from './hint-matcher.js';

function result(id: string, status: CheckResult['status'], observed?: unknown): CheckResult {
  return {
    id,
    kind: 'answer',
    status,
    message: '',
    durationMs: 0,
    ...(observed === undefined ? {} : { observed }),
  };
}

function when(check: string, extra: Partial<Exclude<HintSpec, string>['when']> = {}) {
  return { check, status: 'fail' as const, ...extra };
}

describe(matchingHints.name, () => {
  it('shows a conditional hint when its check has the named status', () => {
    const hints: HintSpec[] = [
      'Immer sichtbar',
      { text: 'Bei Fehler', when: when('anzahl') },
      { text: 'Bei Erfolg', when: when('anzahl', { status: 'pass' }) },
      { text: 'Kann nicht prüfen', when: when('anzahl', { status: 'error' }) },
    ];

    expect(matchingHints(hints, [result('anzahl', 'fail')])).toEqual(['Bei Fehler']);
    expect(matchingHints(hints, [result('anzahl', 'pass')])).toEqual(['Bei Erfolg']);
    expect(matchingHints(hints, [result('anzahl', 'error')])).toEqual(['Kann nicht prüfen']);
  });

  it('shows nothing for a check that has no result', () => {
    expect(
      matchingHints([{ text: 'Tipp', when: when('fehlt') }], [result('anzahl', 'fail')]),
    ).toEqual([]);
  });

  it('keeps the order of the lab', () => {
    const hints: HintSpec[] = [
      { text: 'Zweite Prüfung', when: when('b') },
      { text: 'Erste Prüfung', when: when('a') },
    ];

    expect(matchingHints(hints, [result('a', 'fail'), result('b', 'fail')])).toEqual([
      'Zweite Prüfung',
      'Erste Prüfung',
    ]);
  });

  describe('with a condition on the observed value', () => {
    it.each<
      [
        string,
        NonNullable<NonNullable<Exclude<HintSpec, string>['when']>['observed']>,
        unknown,
        boolean,
      ]
    >([
      ['equals a string', { equals: '2' }, '2', true],
      ['equals a string, not', { equals: '2' }, '20', false],
      ['equals a number observed as number', { equals: 2 }, 2, true],
      ['equals a boolean', { equals: true }, true, true],
      ['contains', { contains: '10.96.' }, '10.96.0.10', true],
      ['contains, not', { contains: '10.96.' }, '10.244.1.5', false],
      ['matches', { matches: '^10\\.244\\.' }, '10.244.1.5', true],
      ['matches, not', { matches: '^10\\.244\\.' }, '10.96.0.10', false],
      ['matches JSON of an object', { matches: '"phase":"Pending"' }, { phase: 'Pending' }, true],
      ['all conditions hold', { contains: '244', matches: '^10\\.' }, '10.244.1.5', true],
      ['one condition fails', { contains: '244', matches: '^192\\.' }, '10.244.1.5', false],
      ['notMatches', { notMatches: '^10\\.244\\.' }, '10.96.0.10', true],
      ['notMatches, not', { notMatches: '^10\\.244\\.' }, '10.244.1.5', false],
      [
        'matches and notMatches: a field with another value',
        { matches: '"\\.status\\.phase":', notMatches: '"\\.status\\.phase":"Running"' },
        { count: 1, fields: { '.status.phase': 'Pending' } },
        true,
      ],
      [
        'matches and notMatches: the field with that value',
        { matches: '"\\.status\\.phase":', notMatches: '"\\.status\\.phase":"Running"' },
        { count: 1, fields: { '.status.phase': 'Running' } },
        false,
      ],
      ['matches in linear time', { matches: NESTED_LOOP }, NESTED_LOOP_INPUT, false],
      ['notMatches in linear time', { notMatches: NESTED_LOOP }, NESTED_LOOP_INPUT, true],
      ['equals null when nothing was observed', { equals: 'null' }, undefined, true],
    ])('%s', (_, observed, value, shown) => {
      const hints: HintSpec[] = [{ text: 'Tipp', when: when('x', { observed }) }];

      expect(matchingHints(hints, [result('x', 'fail', value)])).toEqual(shown ? ['Tipp'] : []);
    });
  });
});

describe(plainHints.name, () => {
  it('returns the unconditional hints in order', () => {
    const hints: HintSpec[] = ['Eins', { text: 'Bedingt', when: when('a') }, 'Zwei'];

    expect(plainHints(hints)).toEqual(['Eins', 'Zwei']);
  });
});
