// deframe(states): a byte-level state machine written by the script (spec §4.5). The first key of
// `states` is the initial state; a state is a function of each byte (or of the filled read
// buffer) or a fixed result. A result is a state name, or `[...events, nextState, readLength?,
// buffer?]`: the events go out, then `readLength` bytes are either collected into `buffer` (a Data
// or an array) for the next state, or passed straight through as Data when there is no buffer.

import { isCallable } from '../../interpreter/index.js';
import { Filter, Failed } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isStreamEnd, bufferOf, makeData, Data } from '../events.js';
import { need, fail } from '../args.js';
import * as log from '../log.js';

interface Read {
  left: number;
  /** Where the bytes go; null passes them through. */
  into: Data | number[] | null;
}

export class Deframe extends Filter {
  readonly name = 'deframe';
  private state: string;
  private read: Read | null = null;
  private stopped = false;

  constructor(private readonly states: Record<string, unknown>, private readonly initial: string) {
    super();
    this.state = initial;
  }

  static create(args: unknown[]): Deframe {
    need(args, 1);
    const s = args[0];
    if (s === null) fail('states cannot be null');
    if (typeof s !== 'object' || s === undefined) fail('argument #1 expects an object');
    const names = Object.keys(s as object);
    return new Deframe(s as Record<string, unknown>, names[0] ?? '');
  }

  clone(): Deframe {
    return this.adopt(new Deframe(this.states, this.initial));
  }

  override reset(): void {
    super.reset();
    this.restart();
  }

  private restart(): void {
    this.state = this.initial;
    this.read = null;
    this.stopped = false;
  }

  protected process(evt: Event): void {
    if (isStreamEnd(evt)) {
      this.restart();
      return this.output(evt);
    }
    if (this.stopped || !isData(evt) || !evt.size) return;
    const b = bufferOf(evt);
    for (let i = 0; i < b.length && !this.stopped; ) i = this.read ? this.reading(b, i) : this.step(b, i);
  }

  private step(b: Buffer, i: number): number {
    this.apply(this.run(b[i]));
    return i + 1;
  }

  /** Consumes bytes of a pending read from `i`; returns the next position. */
  private reading(b: Buffer, i: number): number {
    const r = this.read!;
    const n = Math.min(r.left, b.length - i);
    const part = b.subarray(i, i + n);
    if (r.into === null) this.output(makeData(Buffer.from(part)));
    else if (r.into instanceof Data) r.into.push(Data.fromBuffer(Buffer.from(part)));
    else r.into.push(...part);
    r.left -= n;
    if (r.left === 0) {
      this.read = null;
      if (r.into !== null) this.apply(this.run(r.into));
    }
    return i + n;
  }

  private run(arg: unknown): unknown {
    if (!Object.prototype.hasOwnProperty.call(this.states, this.state)) return this.stop(`[deframe] invalid state: ${this.state}`);
    const s = this.states[this.state];
    return isCallable(s) ? this.callback(s, [arg]) : s;
  }

  private apply(result: unknown): void {
    if (this.stopped) return;
    if (result === Failed) return void this.stop('');
    if (typeof result === 'string') return void (this.state = result);
    if (!Array.isArray(result)) return void this.stop('[deframe] invalid state returned');
    const at = result.findIndex((x) => typeof x === 'string');
    if (at < 0) return void this.stop('[deframe] invalid state returned');
    for (const e of result.slice(0, at)) this.outputValue(e);
    this.state = result[at] as string;
    this.startRead(result[at + 1], result[at + 2]);
  }

  private startRead(len: unknown, buffer: unknown): void {
    if (len === undefined || len === null) return;
    if (typeof len !== 'number' || !(len >= 0)) return void this.stop(`[deframe] invalid reading length ${String(len)}`);
    if (buffer !== undefined && buffer !== null && !(buffer instanceof Data) && !Array.isArray(buffer)) return void this.stop('[deframe] invalid read buffer');
    const into = (buffer ?? null) as Data | number[] | null;
    if (len === 0) {
      if (into !== null) this.apply(this.run(into));
      return;
    }
    this.read = { left: Math.floor(len), into };
  }

  private stop(message: string): undefined {
    if (message) log.error(message);
    this.stopped = true;
    return undefined;
  }
}

