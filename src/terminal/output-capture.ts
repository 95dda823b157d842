import { OutputRing } from './output-ring.js';

// CSI, OSC (BEL or ST terminated), charset and two-byte escape sequences: colours, cursor moves.
const ESCAPES =
  // eslint-disable-next-line no-control-regex -- escape sequences are control characters
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[@-Z\\-_]/g;

/**
 * A bounded slice of one command's output for the transcript: the first `headBytes` and the
 * last `tailBytes`, with the number of bytes left out in between.
 */
export class OutputCapture {
  private readonly head: Buffer[] = [];
  private headSize = 0;
  private readonly tail: OutputRing;

  constructor(
    private readonly headBytes: number,
    tailBytes: number,
  ) {
    this.tail = new OutputRing(tailBytes);
  }

  add(bytes: Buffer): void {
    const room = this.headBytes - this.headSize;
    if (room > 0) {
      const part = Buffer.from(bytes.subarray(0, room));
      this.head.push(part);
      this.headSize += part.length;
    }
    if (bytes.length > room) this.tail.append(Buffer.from(bytes.subarray(Math.max(room, 0))));
  }

  /** Plain text: escape sequences removed, CRLF as LF; cuts never split a UTF-8 character. */
  text(): string {
    const omitted = this.tail.start;
    let head = Buffer.concat(this.head);
    let tail = this.tail.since(0).bytes;
    if (omitted > 0) {
      head = head.subarray(0, completeUtf8Length(head));
      tail = tail.subarray(leadingContinuationBytes(tail));
    }
    const gap = omitted > 0 ? `\n[… ${omitted} Bytes ausgelassen …]\n` : '';
    return clean(head.toString('utf8')) + gap + clean(tail.toString('utf8'));
  }
}

function clean(text: string): string {
  return text.replace(ESCAPES, '').replace(/\r+\n/g, '\n');
}

/** The length of `bytes` without a multi-byte character cut off at its end. */
function completeUtf8Length(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue;
    if (byte < 0x80) return bytes.length;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return needed > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

function leadingContinuationBytes(bytes: Buffer): number {
  let n = 0;
  while (n < bytes.length && n < 3 && (bytes[n] & 0xc0) === 0x80) n++;
  return n;
}
