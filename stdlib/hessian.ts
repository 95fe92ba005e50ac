// The Hessian global: Hessian 2.0 serialisation to and from Data (spec §3.16).
//
// Encoding picks the most compact form Hessian 2.0 allows: integers in the compact int forms (or
// a 64-bit long beyond 32 bits), other numbers as 64-bit doubles, strings and binaries in compact
// or 32 KiB chunks, arrays as fixed-length untyped lists, plain objects as untyped maps. An object
// met twice is written as a back-reference, which also makes cycles safe.
// Decoding accepts every Hessian 2.0 form, typed lists, maps and class-defined objects included.
// String lengths count UTF-16 units and surrogates are written as 3-byte sequences, as Java's
// Hessian does, so output is readable by the reference implementation.

import { Buffer } from 'node:buffer';
import {
  GuestObject, HostFunction, HostObject, Namespace, guestError, toString, getProperty,
  ownKeys, getOwn, isGuestObject, cost,
} from '../interpreter/index.js';
import type { Runtime } from '../interpreter/index.js';
import { Data } from './data.js';
import { expectData, optional, requireArgs } from './arguments.js';

/** Nesting beyond this is refused, so neither direction can exhaust the host stack. */
const maxDepth = 512;
const chunkSize = 0x8000;

const hessianError = (detail: string) => guestError('Error', `Hessian: ${detail}`);

// ---- encoding ------------------------------------------------------------------------------------

class ByteWriter {
  private buf = Buffer.alloc(256);
  length = 0;

  constructor(private readonly rt: Runtime) {}

  reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const size = Math.max(this.buf.length * 2, this.length + n);
    this.rt.alloc(size - this.buf.length);
    const bigger = Buffer.alloc(size);
    this.buf.copy(bigger, 0, 0, this.length);
    this.buf = bigger;
  }

  byte(...bytes: number[]): void {
    this.reserve(bytes.length);
    for (const b of bytes) this.buf[this.length++] = b & 0xff;
  }

  bytes(b: Buffer): void {
    this.reserve(b.length);
    b.copy(this.buf, this.length);
    this.length += b.length;
  }

  int32(v: number): void {
    this.reserve(4);
    this.buf.writeInt32BE(v, this.length);
    this.length += 4;
  }

  int16(v: number): void {
    this.byte(v >> 8, v);
  }

  take(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}

class Encoder {
  readonly out: ByteWriter;
  /** Lists and maps already written, by their reference number. */
  private readonly refs = new Map<object, number>();
  private depth = 0;

  constructor(private readonly rt: Runtime) {
    this.out = new ByteWriter(rt);
  }

  value(v: unknown): void {
    this.rt.charge(1);
    switch (typeof v) {
      case 'boolean': return this.out.byte(v ? 0x54 : 0x46);
      case 'number': return this.number(v);
      case 'string': return this.string(v);
      case 'object': return v === null ? this.out.byte(0x4e) : this.object(v);
    }
    this.out.byte(0x4e);
  }

  private number(v: number): void {
    if (Number.isInteger(v) && !Object.is(v, -0)) {
      if (v >= -0x80000000 && v <= 0x7fffffff) return this.int(v);
      if (Number.isSafeInteger(v)) return this.long(v);
    }
    this.out.reserve(9);
    this.out.byte(0x44);
    const b = Buffer.alloc(8);
    b.writeDoubleBE(v);
    this.out.bytes(b);
  }

  private int(v: number): void {
    if (v >= -16 && v <= 47) this.out.byte(0x90 + v);
    else if (v >= -2048 && v <= 2047) this.out.byte(0xc8 + (v >> 8), v);
    else if (v >= -262144 && v <= 262143) this.out.byte(0xd4 + (v >> 16), v >> 8, v);
    else {
      this.out.byte(0x49);
      this.out.int32(v);
    }
  }

  private long(v: number): void {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(BigInt(v));
    this.out.byte(0x4c);
    this.out.bytes(b);
  }

  /** Full chunks of 32 K units with 'R', then the rest in the shortest final form. */
  private string(s: string): void {
    let start = 0;
    while (s.length - start > 0xffff) {
      // Never cut a surrogate pair: the two halves would land in different chunks.
      const end = isHighSurrogate(s.charCodeAt(start + chunkSize - 1)) ? start + chunkSize - 1 : start + chunkSize;
      this.out.byte(0x52);
      this.out.int16(end - start);
      this.utf8(s.slice(start, end));
      start = end;
    }
    const n = s.length - start;
    if (n <= 31) this.out.byte(n);
    else if (n <= 1023) this.out.byte(0x30 + (n >> 8), n);
    else {
      this.out.byte(0x53);
      this.out.int16(n);
    }
    this.utf8(s.slice(start));
  }

  /** UTF-8 of each UTF-16 unit on its own (surrogates as 3 bytes each), as Java writes it. */
  private utf8(s: string): void {
    this.out.reserve(s.length * 3);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) this.out.byte(c);
      else if (c < 0x800) this.out.byte(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
      else this.out.byte(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    }
  }

  private binary(b: Buffer): void {
    let start = 0;
    for (; b.length - start > 0xffff; start += chunkSize) {
      this.out.byte(0x41);
      this.out.int16(chunkSize);
      this.out.bytes(b.subarray(start, start + chunkSize));
    }
    const n = b.length - start;
    if (n <= 15) this.out.byte(0x20 + n);
    else if (n <= 1023) this.out.byte(0x34 + (n >> 8), n);
    else {
      this.out.byte(0x42);
      this.out.int16(n);
    }
    this.out.bytes(b.subarray(start));
  }

  private object(v: object): void {
    if (v instanceof Data) return this.binary(v.toBuffer());
    if (v instanceof HostObject && v.hostClass.name === 'Date') return this.date(v);
    const ref = this.refs.get(v);
    if (ref !== undefined) {
      this.out.byte(0x51);
      return this.int(ref);
    }
    if (++this.depth > maxDepth) throw hessianError('nesting too deep');
    this.refs.set(v, this.refs.size);
    if (Array.isArray(v)) this.list(v);
    else this.map(v);
    this.depth--;
  }

  private date(d: HostObject): void {
    const ms = Number(this.rt.call(getProperty(d, 'getTime', this.rt), []));
    if (!Number.isFinite(ms)) return this.out.byte(0x4e);
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(BigInt(Math.trunc(ms)));
    this.out.byte(0x4a);
    this.out.bytes(b);
  }

  private list(a: unknown[]): void {
    if (a.length <= 7) this.out.byte(0x78 + a.length);
    else {
      this.out.byte(0x58);
      this.int(a.length);
    }
    for (let i = 0; i < a.length; i++) this.value(a[i]);
  }

  /** Plain objects become untyped maps; other natives and functions become empty maps. */
  private map(o: object): void {
    this.out.byte(0x48);
    if (isGuestObject(o)) {
      for (const k of ownKeys(o)) {
        this.string(k);
        this.value(getOwn(o, k));
      }
    }
    this.out.byte(0x5a);
  }
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c < 0xdc00;
}

export function encodeHessian(v: unknown, rt: Runtime): Data {
  const e = new Encoder(rt);
  e.value(v);
  return Data.fromBuffer(Buffer.from(e.out.take()));
}

// ---- decoding ------------------------------------------------------------------------------------

interface ClassDef {
  name: string;
  fields: string[];
}

class Decoder {
  private pos = 0;
  private depth = 0;
  private readonly refs: unknown[] = [];
  private readonly types: string[] = [];
  private readonly classes: ClassDef[] = [];

  constructor(private readonly buf: Buffer, private readonly rt: Runtime) {}

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw hessianError('unexpected end of data');
  }

  private u8(): number {
    this.need(1);
    return this.buf[this.pos++];
  }

  private u16(): number {
    this.need(2);
    const v = this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  private i32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  private i64(): number {
    this.need(8);
    const v = this.buf.readBigInt64BE(this.pos);
    this.pos += 8;
    return Number(v);
  }

  private f64(): number {
    this.need(8);
    const v = this.buf.readDoubleBE(this.pos);
    this.pos += 8;
    return v;
  }

  private peek(): number {
    this.need(1);
    return this.buf[this.pos];
  }

  value(): unknown {
    this.rt.charge(1);
    const code = this.u8();
    if (code <= 0x1f) return this.stringBody(code, true);
    if (code <= 0x2f) return this.binaryBody(code - 0x20, true);
    if (code <= 0x33) return this.stringBody(((code - 0x30) << 8) | this.u8(), true);
    if (code <= 0x37) return this.binaryBody(((code - 0x34) << 8) | this.u8(), true);
    if (code <= 0x3f) return ((code - 0x3c) << 16) + this.u16();
    if (code >= 0x80) return this.compactNumber(code);
    if (code >= 0x60) return this.compactContainer(code);
    return this.lettered(code);
  }

  /** 0x80–0xff: ints and longs in one to three bytes. */
  private compactNumber(code: number): number {
    if (code <= 0xbf) return code - 0x90;
    if (code <= 0xcf) return ((code - 0xc8) << 8) + this.u8();
    if (code <= 0xd7) return ((code - 0xd4) << 16) + this.u16();
    if (code <= 0xef) return code - 0xe0;
    return ((code - 0xf8) << 8) + this.u8();
  }

  /** 0x60–0x7f: objects of a known class, short typed and untyped lists. */
  private compactContainer(code: number): unknown {
    if (code <= 0x6f) return this.instance(code - 0x60);
    if (code <= 0x77) {
      this.type();
      return this.fixedList(code - 0x70);
    }
    return this.fixedList(code - 0x78);
  }

  // A table would hide the operand reading that differs per code; the switch reads as the grammar.
  private lettered(code: number): unknown {
    switch (code) {
      case 0x41: case 0x42: return this.binaryBody(this.u16(), code === 0x42);
      case 0x43: this.classDef(); return this.value();
      case 0x44: return this.f64();
      case 0x46: return false;
      case 0x48: return this.map();
      case 0x49: return this.i32();
      case 0x4a: return this.i64();
      case 0x4b: return this.i32() * 60000;
      case 0x4c: return this.i64();
      case 0x4d: this.type(); return this.map();
      case 0x4e: return null;
      case 0x4f: return this.instance(this.intValue());
      case 0x51: return this.ref(this.intValue());
      case 0x52: case 0x53: return this.stringBody(this.u16(), code === 0x53);
      case 0x54: return true;
      case 0x55: this.type(); return this.openList();
      case 0x56: this.type(); return this.fixedList(this.intValue());
      case 0x57: return this.openList();
      case 0x58: return this.fixedList(this.intValue());
      case 0x59: return this.i32();
      case 0x5b: return 0;
      case 0x5c: return 1;
      case 0x5d: return (this.u8() << 24) >> 24;
      case 0x5e: return (this.u16() << 16) >> 16;
      case 0x5f: return this.i32() * 0.001;
    }
    throw hessianError(`unexpected code 0x${code.toString(16).padStart(2, '0')}`);
  }

  private intValue(): number {
    const v = this.value();
    if (typeof v !== 'number' || !Number.isInteger(v)) throw hessianError('expected an integer');
    return v;
  }

  private stringValue(): string {
    const v = this.value();
    if (typeof v !== 'string') throw hessianError('expected a string');
    return v;
  }

  /** A string of `units` UTF-16 units, then more chunks unless this one is final. */
  private stringBody(units: number, final: boolean): string {
    let s = this.utf8(units);
    while (!final) {
      const code = this.u8();
      if (code === 0x52 || code === 0x53) s += this.utf8(this.u16());
      else if (code <= 0x1f) s += this.utf8(code);
      else if (code >= 0x30 && code <= 0x33) s += this.utf8(((code - 0x30) << 8) | this.u8());
      else throw hessianError('bad string chunk');
      final = code !== 0x52;
    }
    return s;
  }

  private utf8(units: number): string {
    this.rt.allocString(units);
    let s = '';
    while (s.length < units) {
      const b = this.u8();
      if (b < 0x80) s += String.fromCharCode(b);
      else if (b < 0xe0) s += String.fromCharCode(((b & 0x1f) << 6) | this.cont());
      else if (b < 0xf0) s += String.fromCharCode(((b & 0x0f) << 12) | (this.cont() << 6) | this.cont());
      else s += this.astral(b);
    }
    return s;
  }

  /** A 4-byte sequence (not what Java writes, but valid UTF-8): one code point, two UTF-16 units. */
  private astral(lead: number): string {
    const cp = ((lead & 0x07) << 18) | (this.cont() << 12) | (this.cont() << 6) | this.cont();
    if (lead > 0xf4 || cp > 0x10ffff) throw hessianError('bad UTF-8 encoding');
    return String.fromCodePoint(cp);
  }

  private cont(): number {
    const b = this.u8();
    if ((b & 0xc0) !== 0x80) throw hessianError('bad UTF-8 encoding');
    return b & 0x3f;
  }

  private binaryBody(n: number, final: boolean): Data {
    const parts: Buffer[] = [];
    for (;;) {
      this.need(n);
      this.rt.alloc(n);
      parts.push(this.buf.subarray(this.pos, (this.pos += n)));
      if (final) break;
      const code = this.u8();
      if (code === 0x41 || code === 0x42) n = this.u16();
      else if (code >= 0x20 && code <= 0x2f) n = code - 0x20;
      else if (code >= 0x34 && code <= 0x37) n = ((code - 0x34) << 8) | this.u8();
      else throw hessianError('bad binary chunk');
      final = code !== 0x41;
    }
    return Data.fromBuffer(Buffer.concat(parts));
  }

  /** A type is a string (remembered) or the number of one seen before. */
  private type(): string {
    const v = this.value();
    if (typeof v === 'string') {
      this.types.push(v);
      return v;
    }
    if (typeof v === 'number' && v >= 0 && v < this.types.length) return this.types[v];
    throw hessianError('bad type');
  }

  private enter(): void {
    if (++this.depth > maxDepth) throw hessianError('nesting too deep');
  }

  private fixedList(n: number): unknown[] {
    if (n < 0) throw hessianError('bad list length');
    this.need(n);
    this.rt.alloc(cost.arrayBase + n * cost.element);
    const a: unknown[] = [];
    this.refs.push(a);
    this.enter();
    for (let i = 0; i < n; i++) a.push(this.value());
    this.depth--;
    return a;
  }

  private openList(): unknown[] {
    const a: unknown[] = [];
    this.refs.push(a);
    this.enter();
    while (this.peek() !== 0x5a) {
      this.rt.alloc(cost.element);
      a.push(this.value());
    }
    this.pos++;
    this.depth--;
    return a;
  }

  /** Map keys become property names (ToString of whatever the key was). */
  private map(): GuestObject {
    const o = new GuestObject();
    this.refs.push(o);
    this.enter();
    this.rt.alloc(cost.object);
    while (this.peek() !== 0x5a) {
      const key = this.value();
      this.rt.alloc(cost.property);
      o[typeof key === 'string' ? key : toString(key, this.rt)] = this.value();
    }
    this.pos++;
    this.depth--;
    return o;
  }

  private classDef(): void {
    const name = this.stringValue();
    const n = this.intValue();
    if (n < 0) throw hessianError('bad class definition');
    this.need(n);
    const fields: string[] = [];
    for (let i = 0; i < n; i++) fields.push(this.stringValue());
    this.classes.push({ name, fields });
  }

  private instance(index: number): GuestObject {
    const def = this.classes[index];
    if (!def) throw hessianError('bad class reference');
    const o = new GuestObject();
    this.refs.push(o);
    this.enter();
    this.rt.alloc(cost.object + def.fields.length * cost.property);
    for (const f of def.fields) o[f] = this.value();
    this.depth--;
    return o;
  }

  private ref(i: number): unknown {
    if (i < 0 || i >= this.refs.length) throw hessianError('bad reference');
    return this.refs[i];
  }
}

export function decodeHessian(data: Data, rt: Runtime): unknown {
  return new Decoder(data.toBuffer(), rt).value();
}

// ---- the guest API -------------------------------------------------------------------------------

const decode = new HostFunction('decode', (args, rt) => {
  requireArgs(args, 1);
  const data = optional(args[0], 0, expectData);
  return data ? decodeHessian(data, rt) : undefined;
}, 1);

const encode = new HostFunction('encode', (args, rt) => {
  requireArgs(args, 1);
  rt.alloc(cost.object);
  return encodeHessian(args[0], rt);
}, 1);

export const HessianNamespace = new Namespace('Hessian', { decode, encode });
