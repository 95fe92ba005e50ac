// One outgoing HTTP/2 message body, held back the way the HTTP/1 encoder holds it (spec §5.3): up to
// `bufferSize` bytes wait for the end of the message so the head can state `content-length` (and a
// bodiless message goes out as a single HEADERS frame with END_STREAM); past that the head goes out
// without a length and the body streams.

export interface OutgoingSink {
  /** The head goes out now; `length` is known when the whole body is; `end` when nothing follows. */
  head(length: number | null, end: boolean): void;
  data(b: Buffer): void;
  end(): void;
}

export class OutgoingBody {
  private chunks: Buffer[] = [];
  private size = 0;
  private streaming = false;
  /** Any body bytes came, whether or not they went out yet. */
  hadBody = false;

  constructor(private readonly bufferSize: number, private readonly bodiless: boolean, private readonly sink: OutgoingSink) {}

  data(b: Buffer): void {
    if (!b.length) return;
    this.hadBody = true;
    if (this.streaming) return this.sink.data(b);
    this.chunks.push(b);
    this.size += b.length;
    if (this.size > this.bufferSize && !this.bodiless) this.stream();
  }

  private stream(): void {
    this.streaming = true;
    this.sink.head(null, false);
    this.sink.data(this.take());
  }

  end(): void {
    if (this.streaming) return this.sink.end();
    if (this.bodiless || this.size === 0) return this.sink.head(this.size, true);
    this.sink.head(this.size, false);
    this.sink.data(this.take());
    this.sink.end();
  }

  private take(): Buffer {
    const b = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.chunks = [];
    return b;
  }
}
