const NEWLINE = 0x0a;

/**
 * Splits a byte stream into lines. Works on bytes, not strings, so a UTF-8 character cut by a
 * chunk boundary is never mangled (0x0A never occurs inside a multi-byte character).
 * The bytes after the last newline stay pending until a later chunk completes them.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingLength = 0;

  /** Bytes of the incomplete last line held back. */
  get pendingBytes(): number {
    return this.pendingLength;
  }

  /** Calls onLine for every line completed by `chunk`; `bytes` includes the newline. */
  push(chunk: Buffer, onLine: (text: string, bytes: number) => void): void {
    let start = 0;
    let newline = chunk.indexOf(NEWLINE, start);
    while (newline !== -1) {
      let line = chunk.subarray(start, newline);
      if (this.pendingLength > 0) {
        line = Buffer.concat([...this.pending, line]);
        this.pending = [];
        this.pendingLength = 0;
      }
      onLine(line.toString('utf8'), line.length + 1);
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) {
      // Copy: the caller may reuse its read buffer.
      const rest = Buffer.from(chunk.subarray(start));
      this.pending.push(rest);
      this.pendingLength += rest.length;
    }
  }

  /** Hands out the incomplete last line (for a range known to end at a line boundary) and clears it. */
  flush(onLine: (text: string, bytes: number) => void): void {
    if (this.pendingLength === 0) return;
    const line = Buffer.concat(this.pending);
    this.reset();
    onLine(line.toString('utf8'), line.length);
  }

  reset(): void {
    this.pending = [];
    this.pendingLength = 0;
  }
}
