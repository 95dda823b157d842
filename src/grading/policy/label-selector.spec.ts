import { describeSelector, matchesSelector } from './label-selector.js';
import type { LabelSelector, LabelSelectorRequirement } from './policy-model.js';

const selector = (
  matchLabels: Record<string, string> = {},
  ...matchExpressions: LabelSelectorRequirement[]
): LabelSelector => ({ matchLabels, matchExpressions });

describe(matchesSelector.name, () => {
  const labels = { app: 'web', tier: 'front' };

  it('selects everything with the empty selector', () => {
    expect(matchesSelector(selector(), {})).toBe(true);
    expect(matchesSelector(selector(), labels)).toBe(true);
  });

  it('needs every matchLabels entry', () => {
    expect(matchesSelector(selector({ app: 'web' }), labels)).toBe(true);
    expect(matchesSelector(selector({ app: 'web', tier: 'back' }), labels)).toBe(false);
    expect(matchesSelector(selector({ env: 'prod' }), labels)).toBe(false);
  });

  it.each([
    ['In', ['web', 'api'], true],
    ['In', ['api'], false],
    ['NotIn', ['api'], true],
    ['NotIn', ['web'], false],
    ['Exists', [], true],
    ['DoesNotExist', [], false],
  ] as const)('app %s %j on app=web → %s', (operator, values, expected) => {
    const s = selector({}, { key: 'app', operator, values: [...values] });
    expect(matchesSelector(s, labels)).toBe(expected);
  });

  it.each([
    ['In', ['x'], false],
    ['NotIn', ['x'], true],
    ['Exists', [], false],
    ['DoesNotExist', [], true],
  ] as const)('%s %j on a missing key → %s', (operator, values, expected) => {
    const s = selector({}, { key: 'env', operator, values: [...values] });
    expect(matchesSelector(s, labels)).toBe(expected);
  });

  it('ANDs matchLabels and matchExpressions', () => {
    const s = selector({ app: 'web' }, { key: 'tier', operator: 'In', values: ['back'] });
    expect(matchesSelector(s, labels)).toBe(false);
    expect(matchesSelector(s, { app: 'web', tier: 'back' })).toBe(true);
  });
});

describe(describeSelector.name, () => {
  it('writes kubectl selector notation', () => {
    const s = selector(
      { app: 'web' },
      { key: 'tier', operator: 'In', values: ['a', 'b'] },
      { key: 'env', operator: 'NotIn', values: ['dev'] },
      { key: 'team', operator: 'Exists', values: [] },
      { key: 'debug', operator: 'DoesNotExist', values: [] },
    );
    expect(describeSelector(s)).toBe('app=web,tier in (a,b),env notin (dev),team,!debug');
    expect(describeSelector(selector())).toBe('{}');
  });
});
