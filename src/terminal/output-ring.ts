/**
 * The last `capacity` bytes of a terminal's output, addressed by sequence number (the byte
 * offset since the shell started), so a reconnecting client gets exactly what it missed.
 */
export class OutputRing {
  private chunks: Buffer[] = [];
  private stored = 0;
  private endSeq = 0;

  constructor(private readonly capacity: number) {}

  /** The offset just after the last byte written. */
  get end(): number {
    return this.endSeq;
  }

  /** The oldest offset still held. */
  get start(): number {
    return this.endSeq - this.stored;
  }

  append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.chunks.push(bytes);
    this.stored += bytes.length;
    this.endSeq += bytes.length;
    while (this.stored > this.capacity) {
      const head = this.chunks[0];
      const excess = this.stored - this.capacity;
      if (head.length <= excess) {
        this.chunks.shift();
        this.stored -= head.length;
      } else {
        // A copy, so the dropped part of a large chunk is freed.
        this.chunks[0] = Buffer.from(head.subarray(excess));
        this.stored -= excess;
      }
    }
  }

  /**
   * The bytes after `seq`. `from` is where they start: later than `seq` when the bytes in
   * between fell out of the buffer. A `seq` beyond the end yields nothing from the end.
   */
  since(seq: number): { from: number; bytes: Buffer } {
    const from = Math.min(Math.max(seq, this.start), this.endSeq);
    let skip = from - this.start;
    const parts: Buffer[] = [];
    for (const chunk of this.chunks) {
      if (skip >= chunk.length) {
        skip -= chunk.length;
        continue;
      }
      parts.push(skip > 0 ? chunk.subarray(skip) : chunk);
      skip = 0;
    }
    return { from, bytes: Buffer.concat(parts) };
  }
}
