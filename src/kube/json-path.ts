/**
 * The part of kubectl's JSONPath that labs use: `{.status.podIP}`, `{.items[0].spec.podCIDR}`,
 * `{.spec.ports[*].port}`, `{.status.conditions[?(@.type=="Ready")].status}`, `['a.b']`,
 * `labels.app\.kubernetes\.io/name`, slices `[0:2]` and recursive descent `..name`.
 * A path yields every value it reaches, like kubectl; a missing field yields nothing.
 */
type Scalar = string | number | boolean | null;
type CompareOp = '==' | '!=' | '<' | '>' | '<=' | '>=';

type Segment =
  | { type: 'field'; name: string }
  | { type: 'recursive'; name: string }
  | { type: 'wildcard' }
  | { type: 'index'; index: number }
  | { type: 'slice'; start?: number; end?: number }
  | { type: 'filter'; path: Segment[]; op?: CompareOp; value?: Scalar };

export class JsonPathError extends Error {
  constructor(path: string, reason: string) {
    super(`ungültiger JSONPath „${path}“: ${reason}`);
    this.name = 'JsonPathError';
  }

  /** German, for a learner whose check could not look: the lab's fault, not theirs. */
  get learnerMessage(): string {
    return `Die Übung enthält einen Fehler (${this.message}). Bitte gib der Kursleitung Bescheid.`;
  }
}

const parsed = new Map<string, Segment[]>();

export function evaluateJsonPath(path: string, root: unknown): unknown[] {
  let segments = parsed.get(path);
  if (!segments) {
    segments = parsePath(path);
    parsed.set(path, segments);
  }
  return walk(segments, [root]);
}

/** The path without braces and blanks, e.g. `.status.podIP`: how labs and messages name it. */
export function stripBraces(path: string): string {
  const trimmed = path.trim();
  return trimmed.startsWith('{') && trimmed.endsWith('}') ? trimmed.slice(1, -1).trim() : trimmed;
}

/** Parses once; throws JsonPathError with a German reason. Used at lab load time too. */
export function parseJsonPath(path: string): void {
  if (!parsed.has(path)) parsed.set(path, parsePath(path));
}

function parsePath(path: string): Segment[] {
  const stripped = stripBraces(path);
  // `ip -j` prints a top-level array: `{[0].dev}` is read as `{.[0].dev}`.
  const text = stripped.startsWith('[') ? `.${stripped}` : stripped;
  if (/[{}]/.test(text))
    throw new JsonPathError(path, 'nur ein Ausdruck in geschweiften Klammern erlaubt');
  if (!text.startsWith('.')) throw new JsonPathError(path, 'muss mit „.“ beginnen');
  if (text === '.') return [];
  const parser = new Parser(text, path);
  const segments = parser.segments(() => false);
  if (!parser.done()) throw new JsonPathError(path, `unerwartetes „${parser.rest()}“`);
  return segments;
}

class Parser {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly original: string,
  ) {}

  done(): boolean {
    return this.pos >= this.text.length;
  }

  rest(): string {
    return this.text.slice(this.pos);
  }

  segments(stop: (c: string) => boolean): Segment[] {
    const out: Segment[] = [];
    while (!this.done() && !stop(this.text[this.pos] ?? '')) {
      if (this.text.startsWith('..', this.pos)) {
        this.pos += 2;
        out.push({ type: 'recursive', name: this.name() });
      } else if (this.text[this.pos] === '.') {
        this.pos += 1;
        // `.[0]` on a root array, as in `{.[?(@.dst=="default")].gateway}`.
        if (this.text[this.pos] === '[') continue;
        if (this.text[this.pos] === '*') {
          this.pos += 1;
          out.push({ type: 'wildcard' });
        } else {
          out.push({ type: 'field', name: this.name() });
        }
      } else if (this.text[this.pos] === '[') {
        out.push(this.bracket());
      } else {
        throw this.fail(`unerwartetes „${this.rest()}“`);
      }
    }
    return out;
  }

  private name(): string {
    let name = '';
    while (!this.done()) {
      const c = this.text[this.pos] ?? '';
      if (c === '\\' && this.text[this.pos + 1] === '.') {
        name += '.';
        this.pos += 2;
        continue;
      }
      if (/[.[\s=!<>)]/.test(c)) break;
      name += c;
      this.pos += 1;
    }
    if (!name) throw this.fail('leerer Feldname');
    return name;
  }

  private bracket(): Segment {
    const close = this.text.indexOf(']', this.pos);
    if (close < 0) throw this.fail('„]“ fehlt');
    if (this.text.startsWith('[?(', this.pos)) return this.filter();
    const inner = this.text.slice(this.pos + 1, close).trim();
    this.pos = close + 1;
    if (inner === '*') return { type: 'wildcard' };
    const quoted = /^(['"])(.*)\1$/.exec(inner);
    if (quoted) return { type: 'field', name: quoted[2] ?? '' };
    if (/^-?\d+$/.test(inner)) return { type: 'index', index: Number(inner) };
    const slice = /^(-?\d+)?:(-?\d+)?$/.exec(inner);
    if (slice) {
      return {
        type: 'slice',
        ...(slice[1] !== undefined ? { start: Number(slice[1]) } : {}),
        ...(slice[2] !== undefined ? { end: Number(slice[2]) } : {}),
      };
    }
    throw this.fail(`„[${inner}]“ wird nicht unterstützt`);
  }

  private filter(): Segment {
    this.pos += 3;
    this.skipBlanks();
    if (this.text[this.pos] !== '@') throw this.fail('ein Filter beginnt mit @');
    this.pos += 1;
    const path = this.segments((c) => /[\s=!<>)]/.test(c));
    this.skipBlanks();
    const op = /^(==|!=|<=|>=|<|>)/.exec(this.rest())?.[1] as CompareOp | undefined;
    let value: Scalar | undefined;
    if (op) {
      this.pos += op.length;
      this.skipBlanks();
      value = this.literal();
      this.skipBlanks();
    }
    if (!this.text.startsWith(')]', this.pos)) throw this.fail('„)]“ fehlt');
    this.pos += 2;
    return { type: 'filter', path, ...(op ? { op, value } : {}) };
  }

  private literal(): Scalar {
    const match = /^("([^"]*)"|'([^']*)'|-?\d+(\.\d+)?|true|false|null)/.exec(this.rest());
    if (!match) throw this.fail(`unerwarteter Wert „${this.rest()}“`);
    this.pos += match[0].length;
    if (match[2] !== undefined) return match[2];
    if (match[3] !== undefined) return match[3];
    if (match[0] === 'true' || match[0] === 'false') return match[0] === 'true';
    return match[0] === 'null' ? null : Number(match[0]);
  }

  private skipBlanks(): void {
    while (/\s/.test(this.text[this.pos] ?? '')) this.pos += 1;
  }

  private fail(reason: string): JsonPathError {
    return new JsonPathError(this.original, reason);
  }
}

function walk(segments: Segment[], nodes: unknown[]): unknown[] {
  return segments.reduce((current, segment) => current.flatMap((n) => apply(segment, n)), nodes);
}

function apply(segment: Segment, node: unknown): unknown[] {
  switch (segment.type) {
    case 'field':
      return isRecord(node) && Object.hasOwn(node, segment.name) ? [node[segment.name]] : [];
    case 'recursive':
      return descendants(node).flatMap((n) => apply({ type: 'field', name: segment.name }, n));
    case 'wildcard':
      return Array.isArray(node) ? node : isRecord(node) ? Object.values(node) : [];
    case 'index': {
      if (!Array.isArray(node)) return [];
      const index = segment.index < 0 ? node.length + segment.index : segment.index;
      return index >= 0 && index < node.length ? [node[index]] : [];
    }
    case 'slice':
      return Array.isArray(node) ? node.slice(segment.start, segment.end) : [];
    case 'filter':
      return Array.isArray(node) ? node.filter((item) => holds(segment, item)) : [];
  }
}

function holds(filter: Extract<Segment, { type: 'filter' }>, item: unknown): boolean {
  const values = walk(filter.path, [item]);
  if (!filter.op) return values.some((v) => v !== null && v !== undefined && v !== false);
  return values.some((v) => compare(v, filter.op as CompareOp, filter.value ?? null));
}

function compare(actual: unknown, op: CompareOp, expected: Scalar): boolean {
  if (op === '==' || op === '!=') {
    const equal = typeof expected === 'number' ? Number(actual) === expected : actual === expected;
    return op === '==' ? equal : !equal;
  }
  const [a, b] = [Number(actual), Number(expected)];
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
}

function descendants(node: unknown): unknown[] {
  const children = Array.isArray(node) ? node : isRecord(node) ? Object.values(node) : [];
  return [node, ...children.flatMap(descendants)];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
