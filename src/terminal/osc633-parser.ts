import { timingSafeEqual } from 'node:crypto';

/**
 * Shell integration markers, in the format of VS Code's shell integration (OSC 633):
 * `ESC ] 633 ; <letter> [; args] BEL` (or `ESC \` instead of BEL). kubelab's bash prompt hook
 * emits A (prompt start), B (command start), E;<escaped command line>, C (output start) and
 * D;<exit code> (command finished). The parser removes them from the byte stream and reports
 * them in order with the remaining output; it works on bytes, keeps state across chunks (a
 * marker or a UTF-8 character may be split anywhere), and passes every other escape sequence
 * through untouched.
 *
 * Any program in the shell can print such a sequence, so a marker counts only when its last
 * argument is the terminal's nonce (`ESC ] 633 ; A ; <nonce> BEL`, `E;<line>;<nonce>`), a random
 * value only the prompt hook knows (shell-integration.ts). Anything else that looks like a
 * marker, without the nonce, with a wrong one or too long, is plain output.
 */

export type ShellMark =
  | { type: 'promptStart' }
  | { type: 'commandStart' }
  | { type: 'commandLine'; commandLine: string }
  | { type: 'outputStart' }
  | { type: 'commandFinished'; exitCode: number | null };

export type ParsedItem = { type: 'data'; bytes: Buffer } | ShellMark;

const ESC = 0x1b;
const BEL = 0x07;
const BACKSLASH = 0x5c;
const SEMICOLON = 0x3b;
const BEL_TERMINATOR = Buffer.from([BEL]);
const ST_TERMINATOR = Buffer.from([ESC, BACKSLASH]);
const PREFIX = Buffer.from('\x1b]633;');
/** A longer marker is no kubelab marker: it is output, and so is what follows. */
const MAX_PAYLOAD = 64 * 1024;

type State = 'text' | 'prefix' | 'payload' | 'payloadEsc';

export class Osc633Parser {
  private readonly nonce: Buffer | null;
  private state: State = 'text';
  /** How many bytes of PREFIX have matched so far (state `prefix`); they are held back. */
  private matched = 0;
  private payload: Buffer[] = [];
  private payloadSize = 0;

  /** `nonce` null: the shell has no hook, and no marker is believed. */
  constructor(nonce: string | null) {
    this.nonce = nonce ? Buffer.from(nonce, 'latin1') : null;
  }

  write(chunk: Buffer): ParsedItem[] {
    const items: ParsedItem[] = [];
    const emit = (bytes: Buffer) => {
      if (bytes.length > 0) items.push({ type: 'data', bytes });
    };
    let i = 0;
    while (i < chunk.length) {
      switch (this.state) {
        case 'text': {
          const esc = chunk.indexOf(ESC, i);
          emit(chunk.subarray(i, esc === -1 ? chunk.length : esc));
          if (esc === -1) return items;
          this.state = 'prefix';
          this.matched = 1;
          i = esc + 1;
          break;
        }
        case 'prefix':
          if (chunk[i] === PREFIX[this.matched]) {
            i++;
            if (++this.matched === PREFIX.length) this.state = 'payload';
          } else {
            // Not a marker: what was held back is output, and this byte is looked at again.
            emit(PREFIX.subarray(0, this.matched));
            this.state = 'text';
          }
          break;
        case 'payload': {
          const end = findTerminator(chunk, i);
          const piece = chunk.subarray(i, end === -1 ? chunk.length : end);
          if (this.payloadSize + piece.length > MAX_PAYLOAD) {
            emit(Buffer.concat([PREFIX, ...this.payload]));
            this.dropPayload();
            this.state = 'text';
            break;
          }
          this.payload.push(Buffer.from(piece));
          this.payloadSize += piece.length;
          if (end === -1) return items;
          i = end + 1;
          if (chunk[end] === BEL) this.finishPayload(items, BEL_TERMINATOR);
          else this.state = 'payloadEsc';
          break;
        }
        case 'payloadEsc':
          if (chunk[i] === BACKSLASH) {
            i++;
            this.finishPayload(items, ST_TERMINATOR);
          } else {
            // ESC without `\` inside a marker breaks it; that ESC starts something new.
            emit(Buffer.concat([PREFIX, ...this.payload]));
            this.dropPayload();
            this.state = 'prefix';
            this.matched = 1;
          }
          break;
      }
    }
    return items;
  }

  private dropPayload(): void {
    this.payload = [];
    this.payloadSize = 0;
  }

  private finishPayload(items: ParsedItem[], terminator: Buffer): void {
    const payload = Buffer.concat(this.payload);
    this.dropPayload();
    this.state = 'text';
    const body = this.withoutNonce(payload);
    if (body === null) {
      items.push({ type: 'data', bytes: Buffer.concat([PREFIX, payload, terminator]) });
      return;
    }
    const mark = toMark(body);
    if (mark) items.push(mark);
  }

  /** The payload before `;<nonce>`, or null when it does not end with this terminal's nonce. */
  private withoutNonce(payload: Buffer): Buffer | null {
    const separator = payload.lastIndexOf(SEMICOLON);
    if (!this.nonce || separator === -1) return null;
    const given = payload.subarray(separator + 1);
    if (given.length !== this.nonce.length || !timingSafeEqual(given, this.nonce)) return null;
    return payload.subarray(0, separator);
  }
}

function findTerminator(chunk: Buffer, from: number): number {
  for (let i = from; i < chunk.length; i++) {
    if (chunk[i] === BEL || chunk[i] === ESC) return i;
  }
  return -1;
}

function toMark(payload: Buffer): ShellMark | null {
  const text = payload.toString('latin1');
  const [letter, ...args] = text.split(';');
  switch (letter) {
    case 'A':
      return { type: 'promptStart' };
    case 'B':
      return { type: 'commandStart' };
    case 'C':
      return { type: 'outputStart' };
    case 'D': {
      const code = args[0] === undefined || args[0] === '' ? NaN : Number(args[0]);
      return { type: 'commandFinished', exitCode: Number.isInteger(code) ? code : null };
    }
    case 'E':
      return { type: 'commandLine', commandLine: unescapeCommandLine(args[0] ?? '') };
    default:
      return null;
  }
}

/**
 * `\\` is a backslash and `\xNN` a byte (VS Code's escaping of `;`, control characters and
 * backslashes). `text` holds the raw bytes as latin1, so multi-byte UTF-8 survives the round trip.
 */
export function unescapeCommandLine(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH && text[i + 1] === '\\') {
      bytes.push(BACKSLASH);
      i++;
    } else if (
      c === BACKSLASH &&
      text[i + 1] === 'x' &&
      /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))
    ) {
      bytes.push(parseInt(text.slice(i + 2, i + 4), 16));
      i += 3;
    } else {
      bytes.push(c);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
