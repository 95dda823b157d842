import type { z } from 'zod';
import type { fieldAssertion } from '../labs/schema/common.schema.js';
import { labPattern } from '../labs/lab-pattern.js';
import { evaluateJsonPath, stripBraces } from '../kube/json-path.js';

export type FieldAssertion = z.infer<typeof fieldAssertion>;

export interface AssertionResult {
  /** The path as labs write it, without braces: `.status.phase`. */
  path: string;
  holds: boolean;
  /** What the path found: one value, several as an array, or null for nothing. */
  value: unknown;
}

/**
 * Checks one assertion against an object. Several values (from `[*]`) compare as kubectl prints
 * them, joined by spaces, except `contains`, which then asks for one of them; a single string
 * `contains` a substring, a single array an element.
 */
export function checkAssertion(assertion: FieldAssertion, target: unknown): AssertionResult {
  const values = evaluateJsonPath(assertion.path, target).filter((v) => v !== null);
  const path = stripBraces(assertion.path);
  const value = values.length === 0 ? null : values.length === 1 ? values[0] : values;
  if (assertion.exists !== undefined) {
    return { path, holds: values.length > 0 === assertion.exists, value };
  }
  if (values.length === 0) return { path, holds: false, value };
  const text = values.map(asText).join(' ');
  let holds: boolean;
  if (assertion.equals !== undefined) {
    holds = text === String(assertion.equals);
  } else if (assertion.matches !== undefined) {
    holds = labPattern(assertion.matches).test(text);
  } else if (assertion.oneOf !== undefined) {
    holds = assertion.oneOf.map(String).includes(text);
  } else {
    const wanted = String(assertion.contains);
    const [only] = values;
    if (values.length === 1 && typeof only === 'string') holds = only.includes(wanted);
    else {
      const items = values.length === 1 && Array.isArray(only) ? (only as unknown[]) : values;
      holds = items.some((item) => asText(item) === wanted);
    }
  }
  return { path, holds, value };
}

/** The expectation in German, for messages: `„Running“`, `passend zu /^10\./`. */
export function describeAssertion(assertion: FieldAssertion): string {
  if (assertion.equals !== undefined) return `„${String(assertion.equals)}“`;
  if (assertion.matches !== undefined) return `passend zu /${assertion.matches}/`;
  if (assertion.oneOf !== undefined) {
    return `eines von ${assertion.oneOf.map((o) => `„${String(o)}“`).join(', ')}`;
  }
  if (assertion.contains !== undefined) return `mit „${String(assertion.contains)}“ darin`;
  return assertion.exists ? 'vorhanden' : 'nicht vorhanden';
}

/**
 * For the learner: what was found against what is wanted, without the path or a pattern:
 * `Gefunden wurde „10.244.1.30“, verlangt ist „10.244.1.3“`, `„pod2“ fehlt noch`.
 */
export function describeFinding(assertion: FieldAssertion, value: unknown): string {
  const found = valueText(value);
  const wanted = describeWanted(assertion);
  if (assertion.exists !== undefined) {
    return assertion.exists ? 'Noch nicht vorhanden' : `Noch vorhanden (gefunden: „${found}“)`;
  }
  if (assertion.contains !== undefined) {
    const missing = `„${String(assertion.contains)}“ fehlt noch`;
    return found === undefined ? missing : `${missing} (gefunden: „${found}“)`;
  }
  if (found === undefined) {
    return wanted ? `Noch nichts gefunden – verlangt ist ${wanted}` : 'Noch nichts gefunden';
  }
  return wanted
    ? `Gefunden wurde „${found}“, verlangt ist ${wanted}`
    : `Gefunden wurde „${found}“ – das passt noch nicht`;
}

/** What a path found, as a learner reads it: `10.244.1.30`, `pod1, pod2`; undefined for nothing. */
export function valueText(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value)) {
    const items = value.filter((v) => v !== null && v !== '').map(asText);
    return items.length ? items.join(', ') : undefined;
  }
  return asText(value);
}

function describeWanted(assertion: FieldAssertion): string | undefined {
  if (assertion.equals !== undefined) return `„${String(assertion.equals)}“`;
  if (assertion.oneOf !== undefined) {
    return assertion.oneOf.map((o) => `„${String(o)}“`).join(' oder ');
  }
  return undefined;
}

export function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
