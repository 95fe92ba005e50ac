// What the three throttle filters share (§4.5): token buckets keyed by `account`, a per-stream quota
// evaluated on the first non-empty event, a queue of events waiting for tokens, and back-pressure:
// while a stream waits, the socket whose bytes it was handling when it ran dry stops reading (as
// Pipy closes the tap of its input context). Only that one: an upstream connection shared through
// muxHTTP with other clients keeps reading. With no such socket (events from a timer), the whole
// context group pauses instead.
//
// Buckets refill to `quota` once a second (rate throttles) or only when tokens are given back
// (concurrency). Empty Data is dropped, as 0.30 does.

import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isFlush } from '../events.js';
import type { Reader } from '../context.js';
import { inputSource } from '../context.js';
import { need } from '../args.js';
import { parseSize } from '../units.js';
import { KeyedTable } from './keyed-table.js';
import * as log from '../log.js';

export class TokenBucket {
  tokens: number;
  private readonly waiters = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;

  constructor(readonly quota: number, private readonly refills: boolean) {
    this.tokens = quota;
  }

  /** Takes up to `n` tokens; returns how many it got. */
  take(n: number): number {
    const got = Math.max(0, Math.min(n, Math.floor(this.tokens)));
    this.tokens -= got;
    if (got && this.refills && !this.timer) this.timer = setInterval(() => this.refill(), 1000);
    return got;
  }

  give(n: number): void {
    this.tokens += n;
    this.wake();
  }

  wait(fn: () => void): void {
    this.waiters.add(fn);
  }

  unwait(fn: () => void): void {
    this.waiters.delete(fn);
  }

  private refill(): void {
    if (this.tokens < this.quota) this.tokens = this.quota;
    if (!this.waiters.size && this.timer) clearInterval(this.timer), (this.timer = null);
    this.wake();
  }

  private wake(): void {
    const fns = [...this.waiters];
    this.waiters.clear();
    for (const fn of fns) fn();
  }
}

/** Stands for the throttle when it asks its context group to stop reading. */
const noReader: Reader = { pause() {}, resume() {} };

export abstract class Throttle extends Filter {
  protected buckets = new KeyedTable<TokenBucket>();
  protected bucket: TokenBucket | null = null;
  private queue: Event[] = [];
  private started = false;
  private paused = false;
  private source: Reader | null = null;
  private readonly wake = () => this.pump();

  constructor(protected readonly quota: unknown, protected readonly account: unknown) {
    super();
  }

  protected abstract readonly refills: boolean;
  protected abstract parseQuota(v: unknown): number;
  /** Lets the head of the queue go when tokens allow; may split it (data rate). */
  protected abstract admit(queue: Event[]): Event | null;

  protected shareBuckets<T extends Throttle>(f: T): T {
    f.buckets = this.buckets;
    return f;
  }

  override reset(): void {
    this.bucket?.unwait(this.wake);
    this.release();
    super.reset();
    this.unpause();
    this.bucket = null;
    this.queue = [];
    this.started = false;
  }

  /** Gives back what the stream holds (concurrency); nothing for the rate throttles. */
  protected release(): void {}

  protected process(evt: Event): void {
    if (isFlush(evt)) return;
    if (!this.started) this.begin();
    if (!this.bucket) return this.output(evt);
    this.queue.push(evt);
    this.pump();
  }

  private begin(): void {
    this.started = true;
    const v = this.evalParam(this.quota);
    const quota = this.parseQuota(v);
    if (Number.isNaN(quota)) log.error('[throttle] invalid quota');
    if (!(quota > 0)) return;
    const key = this.evalParam(this.account);
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = new TokenBucket(quota, this.refills)));
    this.bucket = b;
  }

  private pump(): void {
    while (this.queue.length) {
      const e = this.admit(this.queue);
      if (!e) return this.wait();
      this.output(e);
    }
    this.unpause();
  }

  private wait(): void {
    this.bucket!.wait(this.wake);
    // Paused already: pause again, in case the group's write back-pressure resumed the source since.
    if (this.paused) return void this.source?.pause();
    this.paused = true;
    this.source = inputSource();
    if (this.source) this.source.pause();
    else this.context.group.congest(noReader);
  }

  private unpause(): void {
    if (!this.paused) return;
    this.paused = false;
    const source = this.source;
    this.source = null;
    if (source) source.resume();
    else this.context.group.drain();
  }
}

export function throttleArgs(args: unknown[]): [unknown, unknown] {
  need(args, 1);
  return [args[0], args[1]];
}

/** A quota number, or NaN when the value has no usable type. */
export function numericQuota(v: unknown, sizes: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return sizes ? parseSize(v) : Number(v);
  return NaN;
}
