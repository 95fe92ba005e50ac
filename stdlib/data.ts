// Data: the byte buffer of PipyJS, and also the "Data" stream event (pipyjs-language.md §3.17, §4).
//
// A Data is a list of Buffer chunks plus an offset into the first one, so the engine can push socket
// reads and filters can shift frames off the front without copying the rest. Chunks are never
// written after they enter a Data, which lets copies, `shift` results and Message bodies share them.
//
// Two faces: the TypeScript class (host API for the engine: fromBuffer, toBuffer, chunks, push...)
// and the guest class `DataClass` (constructor forms, `Data.from`, size, push, shift, shiftTo,
// shiftWhile, toArray, toString). Bytes reach guest callbacks as 0..255 (0.30 passed signed chars).

import { Buffer } from 'node:buffer';
import { HostClass, HostFunction, HostObject, bindHostClass, guestError, toNumber, toBoolean, cost } from '../interpreter/index.js';
import type { Runtime } from '../interpreter/index.js';
import { argumentError, encodingArg, expectFunction, expectString, isMissing } from './arguments.js';

/** Returned for every empty Data; zero-length, so nobody can write into it. */
const emptyBuffer = Buffer.alloc(0);

export type DataEncoding = 'utf8' | 'hex' | 'base64' | 'base64url';

/**
 * Pushes smaller than this are copied into a tail buffer the Data owns, so byte-at-a-time producers
 * build a few 4 KiB chunks instead of a list of thousands of tiny ones. A new tail is sized after the
 * Data (64 bytes to 4 KiB), so a small Data never holds much more memory than its budget paid for.
 */
const smallChunk = 256;
const minTail = 64;
const maxTail = 4096;

export class Data extends HostObject {
  private list: Buffer[] = [];
  /** Offset of the first live byte in list[0]. */
  private head = 0;
  private length = 0;
  /**
   * The owned tail: the last chunk is `tail[0, tailUsed)`. Bytes after tailUsed belong to nobody
   * yet, so appending there never changes bytes another Data can see through a shared view.
   */
  private tail: Buffer | null = null;
  private tailUsed = 0;

  /** The chunks are taken as they are (not copied): callers must not write to them afterwards. */
  constructor(chunks?: Buffer | readonly Buffer[]) {
    super();
    if (!chunks) return;
    if (Buffer.isBuffer(chunks)) this.appendShared(chunks);
    else for (const c of chunks) this.appendShared(c);
  }

  /** Wraps a Buffer without copying it. */
  static fromBuffer(buf: Buffer): Data {
    return new Data(buf);
  }

  /** Decodes text; throws a guest Error (Pipy's message) when the text is not valid for `encoding`. */
  static fromString(text: string, encoding: DataEncoding = 'utf8'): Data {
    return new Data(decodeText(text, encoding));
  }

  get size(): number {
    return this.length;
  }

  /** How many chunks hold the bytes (what sharing a Data's chunks costs). */
  get chunkCount(): number {
    return this.list.length;
  }

  /** Appends bytes; large chunks of a Data or Buffer are shared, small ones copied into the tail. */
  push(x: Data | Buffer | string): this {
    if (typeof x === 'string') this.append(Buffer.from(x, 'utf8'));
    else if (Buffer.isBuffer(x)) this.append(x);
    else for (const c of x.chunks()) this.append(c);
    return this;
  }

  private append(buf: Buffer): void {
    if (buf.length < smallChunk) this.appendSmall(buf);
    else this.appendShared(buf);
  }

  private appendShared(buf: Buffer): void {
    if (buf.length === 0) return;
    this.list.push(buf);
    this.length += buf.length;
    this.tail = null;
  }

  private appendSmall(buf: Buffer): void {
    if (buf.length === 0) return;
    if (!this.tail || this.tailUsed + buf.length > this.tail.length) return this.startTail(buf);
    buf.copy(this.tail, this.tailUsed);
    this.tailUsed += buf.length;
    this.list[this.list.length - 1] = this.tail.subarray(0, this.tailUsed);
    this.length += buf.length;
  }

  private startTail(buf: Buffer): void {
    const tail = Buffer.allocUnsafe(Math.min(maxTail, Math.max(minTail, buf.length, this.length)));
    buf.copy(tail);
    this.appendShared(tail.subarray(0, buf.length));
    this.tail = tail;
    this.tailUsed = buf.length;
  }

  /** The live chunks, in order (views, not copies). */
  chunks(): Buffer[] {
    if (this.list.length === 0) return [];
    const out = this.list.slice();
    if (this.head > 0) out[0] = out[0].subarray(this.head);
    return out;
  }

  /** All bytes in one Buffer (no copy when there is a single chunk). */
  toBuffer(): Buffer {
    const n = this.list.length;
    // Empty Data is the engine's flush signal, sent after every read: share one empty buffer.
    if (n === 0) return emptyBuffer;
    if (n === 1) return this.head > 0 ? this.list[0].subarray(this.head) : this.list[0];
    return Buffer.concat(this.chunks(), this.length);
  }

  /** A new Data holding the same bytes (chunks shared, both stay independent). */
  clone(): Data {
    return new Data(this.chunks());
  }

  clear(): void {
    this.tail = null;
    this.list = [];
    this.head = 0;
    this.length = 0;
  }

  /** Removes and returns the first `n` bytes (all of them if there are fewer). */
  shift(n: number): Data {
    const out = new Data();
    let want = Math.max(0, Math.min(Math.floor(n) || 0, this.length));
    while (want > 0) {
      const first = this.list[0];
      const avail = first.length - this.head;
      const take = Math.min(avail, want);
      out.appendShared(first.subarray(this.head, this.head + take));
      this.dropFront(take, avail);
      want -= take;
    }
    return out;
  }

  private dropFront(take: number, avail: number): void {
    this.length -= take;
    if (take === avail) {
      this.list.shift();
      this.head = 0;
      if (this.list.length === 0) this.tail = null;
    } else {
      this.head += take;
    }
  }

  /** Removes and returns the bytes up to and including the first one `pred` accepts (all if none). */
  shiftTo(pred: (byte: number) => boolean): Data {
    const i = this.indexWhere(pred);
    return this.shift(i < 0 ? this.length : i + 1);
  }

  /** Removes and returns the leading bytes `pred` accepts. */
  shiftWhile(pred: (byte: number) => boolean): Data {
    const i = this.indexWhere((b) => !pred(b));
    return this.shift(i < 0 ? this.length : i);
  }

  /** Index of the first byte `pred` accepts, or -1. */
  indexWhere(pred: (byte: number) => boolean): number {
    let i = 0;
    for (const c of this.chunks()) {
      for (let j = 0; j < c.length; j++, i++) if (pred(c[j])) return i;
    }
    return -1;
  }

  /** Host-side text: invalid UTF-8 becomes U+FFFD (the guest method gives undefined instead). */
  override toString(encoding: DataEncoding = 'utf8'): string {
    return this.toBuffer().toString(encoding);
  }

  /** UTF-8 text, or undefined when the bytes are not valid UTF-8 (Pipy's guest behaviour). */
  toStrictString(): string | undefined {
    try {
      return strictUtf8.decode(this.toBuffer());
    } catch {
      return undefined;
    }
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// ---- text decoding -------------------------------------------------------------------------------

const decodeError = (detail: string) => guestError('Error', detail);

/** Text → bytes with Pipy's error messages for malformed hex and Base64. */
export function decodeText(text: string, encoding: DataEncoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'hex':
      return decodeHex(text);
    case 'base64':
      return decodeBase64(text, false);
    case 'base64url':
      return decodeBase64(text, true);
  }
}

function decodeHex(text: string): Buffer {
  if (text.length % 2) throw decodeError('incomplete hex string');
  if (!/^[0-9a-fA-F]*$/.test(text)) throw decodeError('invalid hex encoding');
  return Buffer.from(text, 'hex');
}

/** Base64 must be padded to a multiple of 4; base64url may leave the padding out. */
function decodeBase64(text: string, url: boolean): Buffer {
  if (!url && text.length % 4) throw decodeError('incomplete Base64 string');
  const alphabet = url ? /^[A-Za-z0-9_-]*={0,3}$/ : /^[A-Za-z0-9+/]*={0,3}$/;
  if (!alphabet.test(text)) throw decodeError('invalid Base64 encoding');
  const body = text.replace(/=+$/, '');
  if (body.length % 4 === 1 || text.length - body.length > 2) throw decodeError('incomplete Base64 encoding');
  return Buffer.from(body, url ? 'base64url' : 'base64');
}

/** Upper bound of the bytes `text` decodes to, charged before decoding. */
function decodedSizeBound(text: string, encoding: DataEncoding): number {
  if (encoding === 'utf8') return text.length * 3;
  return encoding === 'hex' ? text.length >> 1 : Math.ceil((text.length * 3) / 4);
}

// ---- the guest class -----------------------------------------------------------------------------

/** Guest-side construction: charges the budget before any bytes are made. */
export function dataFromGuest(args: unknown[], rt: Runtime): Data {
  const [src, enc] = args;
  rt.alloc(cost.object);
  if (isMissing(src)) return new Data();
  if (typeof src === 'string') return guestDecode(src, encodingArg(enc, 1), rt);
  if (Array.isArray(src)) return dataFromBytes(src, rt);
  if (src instanceof Data) return (chargeChunks(src, rt), src.clone());
  throw argumentError(0, 'a string, Array or Data');
}

function guestDecode(text: string, encoding: DataEncoding, rt: Runtime): Data {
  rt.alloc(decodedSizeBound(text, encoding));
  return new Data(decodeText(text, encoding));
}

function dataFromBytes(bytes: unknown[], rt: Runtime): Data {
  rt.alloc(bytes.length);
  rt.charge(bytes.length);
  const buf = Buffer.allocUnsafe(bytes.length);
  for (let i = 0; i < bytes.length; i++) buf[i] = toNumber(bytes[i], rt) & 255;
  return new Data(buf);
}

/** `Data.from(text, encoding)`: like the constructor, but null instead of a decoding error. */
function dataFrom(args: unknown[], rt: Runtime): Data | null {
  const text = expectString(args[0], 0);
  const encoding = encodingArg(args[1], 1);
  rt.alloc(cost.object + decodedSizeBound(text, encoding));
  try {
    return new Data(decodeText(text, encoding));
  } catch {
    return null;
  }
}

function guestPush(self: Data, args: unknown[], rt: Runtime): Data {
  const [x] = args;
  if (typeof x === 'string') {
    rt.alloc(Buffer.byteLength(x));
    return self.push(x);
  }
  if (x instanceof Data) return (chargeChunks(x, rt), self.push(x));
  throw argumentError(0, 'a Data or a string');
}

/**
 * Sharing chunks copies no bytes but does add list entries: charged, so `d.push(d)` repeated cannot
 * double the host's chunk lists for free.
 */
function chargeChunks(d: Data, rt: Runtime): void {
  rt.alloc(d.chunkCount * cost.object);
}

function guestShift(self: Data, args: unknown[], rt: Runtime): Data {
  rt.alloc(cost.object);
  return self.shift(toNumber(args[0], rt));
}

/** Wraps a guest predicate: each byte visited is a step, each call goes through rt.call. */
function bytePredicate(arg: unknown, rt: Runtime): (b: number) => boolean {
  const fn = expectFunction(arg, 0);
  return (b) => {
    rt.charge(1);
    return toBoolean(rt.call(fn, [b]));
  };
}

function guestToString(self: Data, args: unknown[], rt: Runtime): string | undefined {
  const encoding = encodingArg(args[0], 0);
  rt.allocString(encoding === 'hex' ? self.size * 2 : encoding === 'utf8' ? self.size : Math.ceil(self.size / 3) * 4);
  return encoding === 'utf8' ? self.toStrictString() : self.toString(encoding);
}

function guestToArray(self: Data, _args: unknown[], rt: Runtime): number[] {
  rt.alloc(cost.arrayBase + self.size * cost.element);
  rt.charge(self.size);
  return [...self.toBuffer()];
}

export const DataClass = new HostClass({
  name: 'Data',
  construct: dataFromGuest,
  statics: { from: new HostFunction('from', dataFrom, 2) },
  getters: { size: (self: Data) => self.size },
  methods: {
    push: guestPush,
    shift: guestShift,
    shiftTo: (self: Data, args, rt) => (rt.alloc(cost.object), self.shiftTo(bytePredicate(args[0], rt))),
    shiftWhile: (self: Data, args, rt) => (rt.alloc(cost.object), self.shiftWhile(bytePredicate(args[0], rt))),
    toArray: guestToArray,
    toString: guestToString,
  },
  // Handed out of the sandbox, a Data becomes a copy of its bytes.
  toHost: (self: Data) => Buffer.from(self.toBuffer()),
});
bindHostClass(Data, DataClass);
