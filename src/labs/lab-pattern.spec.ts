import { NESTED_LOOP, NESTED_LOOP_INPUT } from '../../test/support/backtracking.js';
import { labPattern, labPatternProblem } from './lab-pattern.js';

describe(labPattern.name, () => {
  it('answers a pattern that backtracks exponentially in JS RegExp, on 10,000 characters', () => {
    expect(labPattern(NESTED_LOOP).test(NESTED_LOOP_INPUT)).toBe(false);
    expect(labPattern(NESTED_LOOP).test('aaaa')).toBe(true);
  });

  it('compiles each pattern once per set of flags', () => {
    expect(labPattern('^x$')).toBe(labPattern('^x$'));
    expect(labPattern('^x$', { multiline: true })).not.toBe(labPattern('^x$'));
  });

  describe('semantics a lab relies on', () => {
    it.each<[string, string, boolean, boolean]>([
      // pattern, text, multiline, matches
      ['^10\\.244\\.', 'IP\n10.244.1.5', false, false],
      ['^10\\.244\\.', 'IP\n10.244.1.5', true, true],
      ['^1\\s*$', '1\n', false, true],
      ['^1$', 'x\n1\ny', true, true],
      ['^1$', 'x\n1\ny', false, false],
      ['\\bno\\b', 'kubectl get no', false, true],
      ['\\bno\\b', 'kubectl get nodes', false, false],
      ['\\bmein-pod\\b', 'exec mein-pod-2', false, true],
      ['^\\d+$', '٣', false, false],
      ['^\\w+$', 'grüße', false, false],
      ['^.{5}$', 'grüße', false, true],
      ['^(?i)kubectl', 'KUBECTL get no', false, true],
      ['\\s--\\s', 'exec client -- curl', false, true],
      ['[^\\n]*kube-system', 'NamespaceSelector: name=kube-system', false, true],
    ])('/%s/ on %j (multiline %s): %s', (source, text, multiline, matches) => {
      expect(labPattern(source, { multiline }).test(text)).toBe(matches);
    });

    it('reads \\s as [\\t\\n\\f\\r ], without the no-break space JS RegExp counts', () => {
      expect(labPattern('a\\sb').test('a\tb')).toBe(true);
      expect(labPattern('a\\sb').test('a\u00a0b')).toBe(false);
      expect(new RegExp('a\\sb').test('a\u00a0b')).toBe(true);
    });
  });
});

describe(labPatternProblem.name, () => {
  it('accepts what RE2 runs', () => {
    expect(labPatternProblem('^ip( -[a-z0-9]+)* (r|ro|rou|route)\\b')).toBeUndefined();
  });

  it.each(['(a)\\1', '(?<ip>a)\\k<ip>'])('refuses the backreference in %s', (source) => {
    expect(labPatternProblem(source)).toBe(
      'nutzt einen Rückverweis wie „\\1“; RE2 kennt keine Rückverweise',
    );
  });

  it.each(['(?=x)', 'a(?!x)', '(?<=x)y', '(?<!x)y'])('refuses the lookaround in %s', (source) => {
    expect(labPatternProblem(source)).toBe(
      'nutzt Lookahead oder Lookbehind („(?=“, „(?!“, „(?<=“, „(?<!“); RE2 kennt beides nicht',
    );
  });

  it('says what else RE2 does not read', () => {
    expect(labPatternProblem('(')).toBe(
      'ist kein gültiger regulärer Ausdruck (RE2: missing closing ): „(“)',
    );
    expect(labPatternProblem('\\u00e4')).toBe(
      'ist kein gültiger regulärer Ausdruck (RE2: invalid escape sequence: „\\u“)',
    );
  });
});
