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

  /** From here on every byte passes raw to `tunnel` (the owner switched protocols, e.g. to h2c). */
  divert(): void {
    this.state = 'tunnel';
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
    if (!this.lines.length) {
      const used = this.wholeHead(data, pos);
      if (used !== lineByLine) return used;
    }
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

  /**
   * The usual case: a whole head, CRLF-terminated, starting at `pos`. It is decoded into one string
   * and parsed there, with no list of lines. Anything unusual (leading blank lines, an earlier bare-LF
   * blank line, a line too long, a head not all here yet) returns `lineByLine` for the general path.
   */
  private wholeHead(data: Buffer, pos: number): number {
    const first = data[pos];
    if (first === 13 || first === 10 || this.headBytes) return lineByLine;
    const end = data.indexOf(headEnd, pos);
    if (end < 0 || end + 4 - pos > maxHeadBytes) return lineByLine;
    const text = data.toString('latin1', pos, end + 2);
    const nl = text.indexOf('\n');
    const startEnd = text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (startEnd > maxLine) return lineByLine;
    splitStartLine(text.slice(0, startEnd));
    const error = this.isResponse ? checkStatusLine() : checkRequestLine();
    if (error) return this.fail(error);
    const headers = new GuestObject();
    beginFields();
    for (let i = nl + 1; i < text.length;) {
      const e = text.indexOf('\n', i);
      const le = e > i && text.charCodeAt(e - 1) === 13 ? e - 1 : e;
      if (le === i || le - i > maxLine) return lineByLine;
      if (!addField(headers, text, i, le)) return this.fail('bad header');
      i = e + 1;
    }
    if (lengthsDiffer) return this.fail('bad header');
    if (this.isResponse) this.responseHead(headers);
    else this.requestHead(headers);
    return this.state === 'failed' ? 0 : end + 4 - pos;
  }

  private endOfHead(): void {
    const lines = this.lines;
    this.lines = [];
    this.headBytes = 0;
    splitStartLine(lines[0]);
    const error = this.isResponse ? checkStatusLine() : checkRequestLine();
    if (error) return void this.fail(error);
    const headers = new GuestObject();
    beginFields();
    for (let i = 1; i < lines.length; i++) {
      if (!addField(headers, lines[i], 0, lines[i].length)) return void this.fail('bad header');
    }
    if (lengthsDiffer) return void this.fail('bad header');
    if (this.isResponse) this.responseHead(headers);
    else this.requestHead(headers);
  }

  /** After checkRequestLine: the start-line tokens are method, path, protocol. */
  private requestHead(headers: GuestObject): void {
    const method = tok0;
    const protocol = tok2;
    const head = new GuestObject();
    head.protocol = protocol;
    head.headers = headers;
    head.method = method;
    head.path = tok1;
    const conn = headers.connection;
    const final = conn === 'close' || (conn === undefined && protocol === 'HTTP/1.0');
    const tunnel = method === 'CONNECT' || headers.upgrade === 'websocket';
    const framing = requestFraming(headers);
    if (framing === null) return void this.fail('bad framing');
    this.sink.head({ head, final, method, tunnel });
    this.beginBody(framing, false, tunnel);
  }

  /** After checkStatusLine: the start-line tokens are protocol, status, reason. */
  private responseHead(headers: GuestObject): void {
    const code = Number(tok1);
    const head = new GuestObject();
    head.protocol = tok0;
    head.headers = headers;
    head.status = code;
    head.statusText = tok2;
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

/** Marks "take the line-by-line path" from `wholeHead`. */
const lineByLine = -2;
const headEnd = Buffer.from('\r\n\r\n', 'latin1');

/** Field-name (token) characters, RFC 9110 §5.6.2; both cases, names are lower-cased after. */
const tokenChars = new Uint8Array(256);
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") tokenChars[c.charCodeAt(0)] = 1;

function isToken(s: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c > 255 || !tokenChars[c]) return false;
  }
  return true;
}

/** Whitespace as the regex class `\s` sees it, within latin1. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 160;
}

function noSpace(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isSpace(s.charCodeAt(i))) return false;
  return true;
}

// The three start-line tokens of the head being parsed (the decoder is synchronous: no array per message).
let tok0 = '';
let tok1 = '';
let tok2 = '';

/**
 * Three tokens at the first two blanks; the third keeps its inner blanks, so a reason phrase such as
 * `Not Found` stays whole (0.30 kept only the first word, a bug this implementation fixes).
 * The common shape (single blanks, nothing odd) is split with indexOf; anything else by the regex.
 */
function splitStartLine(line: string): void {
  const a = line.indexOf(' ');
  const b = a > 0 ? line.indexOf(' ', a + 1) : -1;
  const last = line.charCodeAt(line.length - 1);
  if (b > a + 1 && b + 1 < line.length && line.charCodeAt(b + 1) !== 32 && last !== 32 &&
      line.indexOf('\r', b + 1) < 0 && noSpace(line, 0, a) && noSpace(line, a + 1, b)) {
    tok0 = line.slice(0, a);
    tok1 = line.slice(a + 1, b);
    tok2 = line.slice(b + 1);
    return;
  }
  const m = /^(\S*)[ ]+(\S*)(?:[ ]+(.*?))?[ \r\n]*$/.exec(line);
  const t = m ? [m[1], m[2], m[3] ?? ''] : line.split(/[ \r\n]+/);
  tok0 = t[0] ?? '';
  tok1 = t[1] ?? '';
  tok2 = t[2] ?? '';
}

/** The request line's error, or '' when it is good. */
function checkRequestLine(): string {
  if (tok2 !== 'HTTP/1.1' && tok2 !== 'HTTP/1.0') return 'bad protocol';
  if (!tok0 || !tok1 || !isToken(tok0, 0, tok0.length)) return 'bad request line';
  return '';
}

/** The status line's error, or '' when it is good. */
function checkStatusLine(): string {
  if (tok0 !== 'HTTP/1.1' && tok0 !== 'HTTP/1.0') return 'bad status line';
  const s = tok1;
  if (s.length !== 3 || !isDigit(s.charCodeAt(0)) || !isDigit(s.charCodeAt(1)) || !isDigit(s.charCodeAt(2))) return 'bad status line';
  return '';
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// Content-Length values of the head being parsed: several must all agree (RFC 9112 §6.3).
let firstLength: string | undefined;
let lengthsDiffer = false;

function beginFields(): void {
  firstLength = undefined;
  lengthsDiffer = false;
}

/**
 * One header field, `s[from, to)`, into `headers`: lower-cased name; set-cookie collects an array;
 * a line without a colon is skipped. False for a bad field name.
 */
function addField(headers: GuestObject, s: string, from: number, to: number): boolean {
  const colon = s.indexOf(':', from);
  if (colon < 0 || colon >= to) return true;
  if (!isToken(s, from, colon)) return false;
  const name = fieldName(s.slice(from, colon));
  let v = colon + 1;
  for (let c = s.charCodeAt(v); v < to && (c === 32 || c === 9); c = s.charCodeAt(++v));
  const value = s.slice(v, to);
  if (name === 'content-length') {
    const l = value.trim();
    if (firstLength === undefined) firstLength = l;
    else if (l !== firstLength) lengthsDiffer = true;
  }
  if (name === 'set-cookie') {
    const prev = headers[name];
    headers[name] = Array.isArray(prev) ? [...prev, value] : [value];
  } else headers[name] = value;
  return true;
}

/**
 * Lower-cased field names by their spelling on the wire, kept as property keys (internalized), so
 * the usual names cost a map lookup rather than a lower-casing and a key internalization each time.
 * Bounded: names past the first `maxFieldNames` are lower-cased every time.
 */
const fieldNames = new Map<string, string>();
const maxFieldNames = 1024;

function fieldName(raw: string): string {
  const known = fieldNames.get(raw);
  if (known !== undefined) return known;
  const name = raw.toLowerCase();
  if (fieldNames.size >= maxFieldNames) return name;
  const key = Object.keys({ [name]: 0 })[0];
  fieldNames.set(raw, key);
  return key;
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
