/** Pieces buffered before they are joined into one flat block, so that many small writes cost little memory. */
const BLOCK_PIECES = 4096;

/** Thrown by {@link Output.write} when the output would pass its limit; the executor reports it with position. */
export class OutputLimitError extends Error {
  override name = 'OutputLimitError';
  constructor(readonly limit: number) {
    super(`output exceeds the limit of ${limit} characters`);
  }
}

/**
 * The executor's writer (Go's io.Writer of Execute): collects the output of one execution and fails as soon as it
 * passes `limit` characters, so a runaway template stops while it writes instead of when memory runs out.
 */
export class Output {
  private readonly blocks: string[] = [];
  private pieces: string[] = [];
  private size = 0;

  constructor(private readonly limit: number = Infinity) {}

  /** Appends `text`; throws OutputLimitError past the limit. */
  write(text: string): void {
    this.size += text.length;
    if (this.size > this.limit) throw new OutputLimitError(this.limit);
    this.pieces.push(text);
    if (this.pieces.length >= BLOCK_PIECES) {
      this.blocks.push(this.pieces.join(''));
      this.pieces = [];
    }
  }

  /** Everything written, as one string. */
  text(): string {
    return this.blocks.length === 0 ? this.pieces.join('') : this.blocks.join('') + this.pieces.join('');
  }
}
