// HTTP/1.x message encoder (spec §5.3): head fields and body chunks in, bytes out. The body is held
// until the message ends so a short body gets `content-length`; past `bufferSize` the encoder switches
// to chunked transfer and streams. Header names go out exactly as the script wrote them.

import { statusText } from './status.js';

export interface EncodeOptions {
  /** Response: `connection: close` (the stream ends after it). Never true for muxHTTP requests. */
  final: boolean;
  /** Response to HEAD: the head says how long the body would be, but no body is written. */
  bodiless: boolean;
}

export type Writer = (buf: Buffer) => void;

const crlf = Buffer.from('\r\n');
const lastChunk = Buffer.from('0\r\n\r\n');

export class HttpEncoder {
  private head: Record<string, unknown> | null = null;
  private opts: EncodeOptions = { final: false, bodiless: false };
  private chunks: Buffer[] = [];
  private size = 0;
  private chunked = false;

  constructor(private readonly isResponse: boolean, private readonly bufferSize: number, private readonly write: Writer) {}

  get inMessage(): boolean {
    return this.head !== null;
  }

  start(head: unknown, opts: EncodeOptions): void {
    this.head = (head && typeof head === 'object' ? head : {}) as Record<string, unknown>;
    this.opts = opts;
    if (this.chunks.length) this.chunks = [];
    this.size = 0;
    this.chunked = false;
  }

  data(buf: Buffer): void {
    if (!this.head || !buf.length) return;
    if (this.chunked) return this.writeChunk(buf);
    this.chunks.push(buf);
    this.size += buf.length;
    if (this.size > this.bufferSize && this.canChunk()) this.switchToChunked();
  }

  end(): void {
    if (!this.head) return;
    if (this.chunked) this.write(lastChunk);
    else this.writeWhole();
    this.head = null;
    if (this.chunks.length) this.chunks = [];
  }

  /** Drops a half-encoded message (the stream was cut): nothing more is written for it. */
  abort(): void {
    this.head = null;
    this.chunks = [];
  }

  private canChunk(): boolean {
    return !this.opts.bodiless && !(this.isResponse && noFraming(statusOf(this.head!)));
  }

  private switchToChunked(): void {
    this.chunked = true;
    this.write(Buffer.from(this.headText('transfer-encoding: chunked'), 'latin1'));
    const body = Buffer.concat(this.chunks);
    this.chunks = [];
    this.writeChunk(body);
  }

  private writeChunk(buf: Buffer): void {
    if (this.opts.bodiless) return;
    this.write(join(buf.length.toString(16).toUpperCase() + '\r\n', [buf], buf.length, crlf));
  }

  private writeWhole(): void {
    const head = this.headText(`content-length: ${this.size}`);
    this.write(join(head, this.opts.bodiless ? [] : this.chunks, this.opts.bodiless ? 0 : this.size, null));
  }

  /** Start line, the script's headers, framing and connection fields, blank line. */
  private headText(framing: string): string {
    const h = this.head!;
    let text = this.isResponse ? responseLine(h) : requestLine(h);
    const { lines, upgrade, userLength } = headerLines(h.headers, this.isResponse && this.opts.bodiless);
    text += lines;
    const bare = this.isResponse && noFraming(statusOf(h));
    if (!bare && !userLength) text += framing + '\r\n';
    if (upgrade) text += 'connection: upgrade\r\n';
    else if (!bare) text += this.opts.final ? 'connection: close\r\n' : 'connection: keep-alive\r\n';
    return text + '\r\n';
  }
}

/** One buffer: `text` (latin1), then the `size` bytes of `chunks`, then `tail`. */
function join(text: string, chunks: Buffer[], size: number, tail: Buffer | null): Buffer {
  const out = Buffer.allocUnsafe(text.length + size + (tail ? tail.length : 0));
  let pos = out.write(text, 0, 'latin1');
  for (const c of chunks) pos += c.copy(out, pos);
  if (tail) tail.copy(out, pos);
  return out;
}

// ---- head text ------------------------------------------------------------------------------------

function statusOf(h: Record<string, unknown>): number {
  const s = Number(h.status ?? 200);
  return Number.isFinite(s) && s > 0 ? Math.floor(s) : 200;
}

/** 1xx and 204 carry neither framing nor connection fields. */
function noFraming(status: number): boolean {
  return status < 200 || status === 204;
}

function responseLine(h: Record<string, unknown>): string {
  const status = statusOf(h);
  const text = typeof h.statusText === 'string' ? h.statusText : statusText(status);
  return `${str(h.protocol, 'HTTP/1.1')} ${status} ${text}\r\n`;
}

function requestLine(h: Record<string, unknown>): string {
  return `${str(h.method, 'GET')} ${str(h.path, '/')} ${str(h.protocol, 'HTTP/1.1')}\r\n`;
}

function str(v: unknown, dflt: string): string {
  return typeof v === 'string' && v ? v : dflt;
}

// Dropped names are matched case-sensitively, as in Pipy: `Content-Length` from a script stays.
const alwaysDropped = new Set(['connection', 'keep-alive', 'transfer-encoding']);

function headerLines(headers: unknown, keepLength: boolean): { lines: string; upgrade: boolean; userLength: boolean } {
  let lines = '';
  let upgrade = false;
  let userLength = false;
  if (!headers || typeof headers !== 'object') return { lines, upgrade, userLength };
  for (const name of Object.keys(headers)) {
    const v = (headers as Record<string, unknown>)[name];
    if (alwaysDropped.has(name) || v === undefined || v === null) continue;
    if (name === 'content-length') {
      if (!keepLength) continue;
      userLength = true;
    }
    if (name === 'upgrade' && (v === 'websocket' || v === 'h2c')) upgrade = true;
    if (Array.isArray(v)) for (const x of v) lines += `${name}: ${fieldText(x)}\r\n`;
    else lines += `${name}: ${fieldText(v)}\r\n`;
  }
  return { lines, upgrade, userLength };
}

/** Field values never carry CR/LF into the output: a script cannot split the head. */
function fieldText(v: unknown): string {
  const s = typeof v === 'string' ? v : String(v);
  return s.indexOf('\r') < 0 && s.indexOf('\n') < 0 ? s : s.replace(/[\r\n]+/g, ' ');
}
