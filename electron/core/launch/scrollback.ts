/**
 * A bounded terminal history: keeps the most recent `limit` characters of output so a client that
 * (re)attaches gets what it missed. Cuts at a line start where it can, so the replay does not begin
 * in the middle of an escape sequence more often than it must.
 */
export class Scrollback {
  private chunks: string[] = [];
  private size = 0;
  /** Every character ever appended, kept or not: the offset of the end of the output. */
  total = 0;

  constructor(private readonly limit = 1024 * 1024) {}

  append(data: string): void {
    if (data === '') return;
    this.chunks.push(data);
    this.total += data.length;
    this.size += data.length;
    if (this.size > this.limit * 1.25) this.compact();
  }

  private compact(): void {
    let text = this.chunks.join('');
    if (text.length > this.limit) {
      text = text.slice(text.length - this.limit);
      const newline = text.indexOf('\n');
      if (newline >= 0 && newline < 4096) text = text.slice(newline + 1);
    }
    this.chunks = [text];
    this.size = text.length;
  }

  text(): string {
    this.compact();
    return this.chunks[0] ?? '';
  }

  get length(): number {
    return Math.min(this.size, this.limit);
  }
}
