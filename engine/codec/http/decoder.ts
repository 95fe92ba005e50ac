// HTTP/1.x message decoder (spec §5.2): bytes in, head/body/end callbacks out. A pure state machine
// with no sockets, shared by every HTTP filter. Safer than 0.30 where 0.30 lets requests be smuggled
// (RFC 9112 §6): an invalid or conflicting Content-Length, Content-Length together with
// Transfer-Encoding, a non-chunked request Transfer-Encoding, or a bad chunk size is a decode error.

import { GuestObject } from '../../../interpreter/index.js';

export interface DecodedHead {
  head: GuestObject;
  /** Request: the connection should close after the response (`connection: close`, or HTTP/1.0 without it). */
  final: boolean;
  method: string;
  /** CONNECT or `upgrade: websocket`: the stream becomes a raw tunnel after this message. */
  tunnel: boolean;
}

export interface DecoderSink {
  head(h: DecodedHead): void;
  body(buf: Buffer): void;
  end(): void;
  /** The input is not HTTP: the owner answers 400 (requests) or fails the exchange. */
  error(reason: string): void;
  /** Raw bytes after a tunnel-opening message. */
  tunnel?(buf: Buffer): void;
}

type State = 'head' | 'body' | 'chunkSize' | 'chunkData' | 'chunkCRLF' | 'chunkTail' | 'untilClose' | 'tunnel' | 'failed';

const maxLine = 4096;
const maxHeadBytes = 64 * 1024;

export class HttpDecoder {
  private state: State = 'head';
  private pending: Buffer | null = null;
  private lines: string[] = [];
  private headBytes = 0;
  private remaining = 0;
  private tunnelNext = false;
  /** Responses: whether the next response answers a HEAD (no body), queued by the request side. */
  private readonly bodiless: boolean[] = [];
  /** Responses: whether the next response answers a CONNECT (a 2xx opens a tunnel). */
  private readonly connects: boolean[] = [];

  constructor(private readonly isResponse: boolean, private readonly sink: DecoderSink) {}

  /** Response decoders: the request just sent was a HEAD (or CONNECT), so its response has no body. */
  expectBodiless(v: boolean, connect = false): void {
    this.bodiless.push(v || connect);
    this.connects.push(connect);
  }

  get idle(): boolean {
    return this.state === 'head' && !this.lines.length && !this.pending;
  }

  get readingUntilClose(): boolean {
    return this.state === 'untilClose';
  }

  reset(): void {
    this.state = 'head';
    this.pending = null;
    this.lines = [];
    this.headBytes = 0;
    this.bodiless.length = 0;
    this.connects.length = 0;
  }

  feed(buf: Buffer): void {
    let data = this.pending ? Buffer.concat([this.pending, buf]) : buf;
    this.pending = null;
    let pos = 0;
    while (pos < data.length && this.state !== 'failed') {
      const used = this.step(data, pos);
      if (used < 0) {
        this.pending = data.subarray(pos);
        return;
      }
      pos += used;
    }
  }

  /** Connection closed: a body running until close ends here. */
  close(): void {
    if (this.state === 'untilClose') {
      this.state = 'head';
      this.sink.end();
    }
  }

  /** Consumes from `pos`; returns the bytes used or -1 when more input is needed. */
  private step(data: Buffer, pos: number): number {
    switch (this.state) {
      case 'head':
        return this.headLine(data, pos);
      case 'body':
        return this.fixedBody(data, pos);
      case 'chunkSize':
        return this.chunkSize(data, pos);
      case 'chunkData':
        return this.chunkData(data, pos);
      case 'chunkCRLF':
      case 'chunkTail':
        return this.chunkLineEnd(data, pos);
      case 'untilClose':
        this.sink.body(data.subarray(pos));
        return data.length - pos;
      case 'tunnel':
        this.sink.tunnel?.(data.subarray(pos));
        return data.length - pos;
      default:
        return data.length - pos;
    }
  }

  private fail(reason: string): number {
    this.state = 'failed';
    this.sink.error(reason);
    return 0;
  }

  // ---- head --------------------------------------------------------------------------------------

  private headLine(data: Buffer, pos: number): number {
    const nl = data.indexOf(10, pos);
    if (nl < 0) {
      if (this.headBytes + data.length - pos > maxHeadBytes) return this.fail('head too large');
      return -1;
    }
    this.headBytes += nl + 1 - pos;
    if (this.headBytes > maxHeadBytes) return this.fail('head too large');
    let end = nl > pos && data[nl - 1] === 13 ? nl - 1 : nl;
    if (end - pos > maxLine) end = pos + maxLine;
    const line = data.toString('latin1', pos, end);
    if (line === '' && this.lines.length) this.endOfHead();
    else if (line !== '' || this.lines.length) this.lines.push(line);
    return this.state === 'failed' ? 0 : nl + 1 - pos;
  }

  private endOfHead(): void {
    const [start, ...fields] = this.lines;
    this.lines = [];
    this.headBytes = 0;
    const tokens = splitStartLine(start);
    if (this.isResponse) this.responseHead(tokens, fields);
    else this.requestHead(tokens, fields);
  }

  private requestHead([method, path, protocol]: string[], fields: string[]): void {
    if (protocol !== 'HTTP/1.1' && protocol !== 'HTTP/1.0') return void this.fail('bad protocol');
    if (!method || !path || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(method)) return void this.fail('bad request line');
    const headers = parseFields(fields);
    if (!headers) return void this.fail('bad header');
    const head = new GuestObject();
    head.protocol = protocol;
    head.headers = headers;
    head.method = method;
    head.path = path;
    const conn = headers.connection;
    const final = conn === 'close' || (conn === undefined && protocol === 'HTTP/1.0');
    const tunnel = method === 'CONNECT' || headers.upgrade === 'websocket';
    const framing = requestFraming(headers);
    if (framing === null) return void this.fail('bad framing');
    this.sink.head({ head, final, method, tunnel });
    this.beginBody(framing, false, tunnel);
  }

  private responseHead([protocol, status, text]: string[], fields: string[]): void {
    if (!/^HTTP\/1\.[01]$/.test(protocol ?? '') || !/^\d{3}$/.test(status ?? '')) return void this.fail('bad status line');
    const headers = parseFields(fields);
    if (!headers) return void this.fail('bad header');
    const head = new GuestObject();
    head.protocol = protocol;
    head.headers = headers;
    head.status = Number(status);
    head.statusText = text ?? '';
    const code = Number(status);
    // Interim responses (100 Continue...) are not the answer; the real one follows.
    if (code < 200 && code !== 101) return;
    const bodiless = this.bodiless.shift() ?? false;
    const connect = this.connects.shift() ?? false;
    const tunnel = code === 101 || (connect && code >= 200 && code < 300);
    const framing = responseFraming(headers, code, bodiless || tunnel);
    if (framing === null) return void this.fail('bad framing');
    this.sink.head({ head, final: false, method: '', tunnel });
    this.beginBody(framing, true, tunnel);
  }

  private beginBody(framing: Framing, _response: boolean, tunnel: boolean): void {
    this.tunnelNext = tunnel;
    if (framing === 'chunked') this.state = 'chunkSize';
    else if (framing === 'close') this.state = 'untilClose';
    else if (framing > 0) {
      this.remaining = framing;
      this.state = 'body';
    } else this.finishMessage();
  }

  private finishMessage(): void {
    this.state = this.tunnelNext ? 'tunnel' : 'head';
    this.sink.end();
  }

  // ---- bodies ------------------------------------------------------------------------------------

  private fixedBody(data: Buffer, pos: number): number {
    const n = Math.min(this.remaining, data.length - pos);
    this.sink.body(data.subarray(pos, pos + n));
    this.remaining -= n;
    if (this.remaining === 0) this.finishMessage();
    return n;
  }

  private chunkSize(data: Buffer, pos: number): number {
    const nl = data.indexOf(10, pos);
    if (nl < 0) return data.length - pos > maxLine ? this.fail('bad chunk size') : -1;
    const line = data.toString('latin1', pos, nl).replace(/\r$/, '');
    const m = /^([0-9A-Fa-f]{1,12})[ \t]*(;.*)?$/.exec(line);
    if (!m) return this.fail('bad chunk size');
    this.remaining = parseInt(m[1], 16);
    this.state = this.remaining === 0 ? 'chunkTail' : 'chunkData';
    return nl + 1 - pos;
  }

  private chunkData(data: Buffer, pos: number): number {
    const n = Math.min(this.remaining, data.length - pos);
    this.sink.body(data.subarray(pos, pos + n));
    this.remaining -= n;
    if (this.remaining === 0) this.state = 'chunkCRLF';
    return n;
  }

  /** The CRLF after a chunk, or the one line after the last chunk (trailers are not supported). */
  private chunkLineEnd(data: Buffer, pos: number): number {
    const nl = data.indexOf(10, pos);
    if (nl < 0) return data.length - pos > 2 ? this.fail('bad chunk') : -1;
    const line = data.toString('latin1', pos, nl).replace(/\r$/, '');
    if (this.state === 'chunkCRLF') {
      if (line !== '') return this.fail('bad chunk');
      this.state = 'chunkSize';
    } else if (line === '') this.finishMessage();
    // A trailer field line: skip it and keep looking for the empty line.
    return nl + 1 - pos;
  }
}

// ---- helpers --------------------------------------------------------------------------------------

/**
 * Three tokens at the first two blanks; the third keeps its inner blanks, so a reason phrase such as
 * `Not Found` stays whole (0.30 kept only the first word, a bug this implementation fixes).
 */
function splitStartLine(line: string): string[] {
  const m = /^(\S*)[ ]+(\S*)(?:[ ]+(.*?))?[ \r\n]*$/.exec(line);
  return m ? [m[1], m[2], m[3] ?? ''] : line.split(/[ \r\n]+/).slice(0, 3);
}

/** Header fields: lower-cased names; set-cookie collects an array; a bad field name is an error. */
function parseFields(fields: string[]): GuestObject | null {
  const headers = new GuestObject();
  const lengths: string[] = [];
  for (const f of fields) {
    const colon = f.indexOf(':');
    if (colon < 0) continue;
    const name = f.slice(0, colon).toLowerCase();
    if (!/^[!#$%&'*+\-.^_`|~0-9a-z]+$/.test(name)) return null;
    const value = f.slice(colon + 1).replace(/^[ \t]+/, '');
    if (name === 'content-length') lengths.push(value.trim());
    if (name === 'set-cookie') {
      const prev = headers[name];
      headers[name] = Array.isArray(prev) ? [...prev, value] : [value];
    } else headers[name] = value;
  }
  // Several Content-Length fields must all agree (RFC 9112 §6.3).
  if (lengths.some((l) => l !== lengths[0])) return null;
  return headers;
}

type Framing = 'chunked' | 'close' | number;

function contentLength(headers: GuestObject): number | null | undefined {
  const cl = headers['content-length'];
  if (cl === undefined) return undefined;
  const s = String(cl).trim();
  if (!/^\d{1,15}$/.test(s)) return null;
  return Number(s);
}

function requestFraming(headers: GuestObject): Framing | null {
  const te = headers['transfer-encoding'];
  const cl = contentLength(headers);
  if (te !== undefined) {
    // Only a lone `chunked` is acceptable on a request, and never together with Content-Length.
    if (cl !== undefined || String(te).trim().toLowerCase() !== 'chunked') return null;
    return 'chunked';
  }
  if (cl === null) return null;
  return cl ?? 0;
}

function responseFraming(headers: GuestObject, code: number, bodiless: boolean): Framing | null {
  if (bodiless || code === 204 || code === 304) return 0;
  const te = headers['transfer-encoding'];
  const cl = contentLength(headers);
  if (te !== undefined && String(te).startsWith('chunked')) return cl !== undefined ? null : 'chunked';
  if (cl === null) return null;
  if (cl !== undefined) return cl;
  return 'close';
}
