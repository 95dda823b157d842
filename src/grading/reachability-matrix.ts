import { CannotCheckError } from './check-errors.js';

export interface MatrixExpectation {
  default: 'allow' | 'deny';
  /** `ns/pod -> ns/pod` pairs that differ from the default. */
  except: string[];
}

export interface Mismatch {
  from: string;
  to: string;
  expectedAllowed: boolean;
}

export interface MatrixComparison {
  /** The observed matrix in the expectation's own shape, so the two read side by side. */
  observed: MatrixExpectation;
  mismatches: Mismatch[];
}

export const pairKey = (from: string, to: string) => `${from} -> ${to}`;

/** Every ordered pair of distinct pods: traffic of a pod to itself is never policed. */
export function podPairs(pods: readonly string[]): [string, string][] {
  return pods.flatMap((from) =>
    pods.filter((to) => to !== from).map((to): [string, string] => [from, to]),
  );
}

/** The expectation with its exceptions normalised; an exception naming no pod of the matrix is a lab error. */
export function normalizeExpectation(
  expectation: MatrixExpectation,
  pods: readonly string[],
): MatrixExpectation {
  const except = expectation.except.map((pair) => {
    const [from = '', to = ''] = pair.split('->').map((p) => p.trim());
    if (!pods.includes(from) || !pods.includes(to) || from === to) {
      throw new CannotCheckError(
        `Die Übung erwartet etwas für „${pair}“, aber diese Pods gehören nicht zur Prüfung (${pods.join(', ')}). Bitte gib der Kursleitung Bescheid.`,
      );
    }
    return pairKey(from, to);
  });
  return { default: expectation.default, except: [...new Set(except)].sort() };
}

export function compareMatrix(
  pods: readonly string[],
  expectation: MatrixExpectation,
  allowed: (from: string, to: string) => boolean,
): MatrixComparison {
  const expected = normalizeExpectation(expectation, pods);
  const exceptions = new Set(expected.except);
  const defaultAllowed = expected.default === 'allow';
  const observedExcept: string[] = [];
  const mismatches: Mismatch[] = [];
  for (const [from, to] of podPairs(pods)) {
    const pair = pairKey(from, to);
    const expectedAllowed = exceptions.has(pair) ? !defaultAllowed : defaultAllowed;
    const isAllowed = allowed(from, to);
    if (isAllowed !== defaultAllowed) observedExcept.push(pair);
    if (isAllowed !== expectedAllowed) mismatches.push({ from, to, expectedAllowed });
  }
  return { observed: { default: expected.default, except: observedExcept.sort() }, mismatches };
}

/** German: which connections differ, at most `limit` of them named. */
export function describeMismatches(mismatches: readonly Mismatch[], limit = 4): string {
  const named = mismatches
    .slice(0, limit)
    .map(
      (m) =>
        `${m.from} → ${m.to} ist ${m.expectedAllowed ? 'blockiert, sollte aber erlaubt sein' : 'erlaubt, sollte aber blockiert sein'}`,
    );
  const rest = mismatches.length - named.length;
  const count =
    mismatches.length === 1
      ? 'Eine Verbindung verhält sich anders als verlangt'
      : `${mismatches.length} Verbindungen verhalten sich anders als verlangt`;
  return `${count}: ${named.join('; ')}${rest > 0 ? `; und ${rest} weitere` : ''}.`;
}
