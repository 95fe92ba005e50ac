// Per-stream contexts (spec §2). A context holds one frame per module (the interpreter's Context) plus
// what the engine needs around it: a process-wide id (dump prints it), the inbound connection, and
// the context group that `wait` listens on. Frame 0 belongs to the engine and holds `__inbound`; the
// module with load index i uses frame i + 1.

import { Context } from '../interpreter/index.js';

/** A socket that can stop reading while a writer of the same stream family is congested. */
export interface Reader {
  pause(): void;
  resume(): void;
}

/**
 * All contexts cloned from one root context; notified when a connect or exec below them hears
 * something. The group also carries back-pressure: while any of its sockets has too much queued
 * for writing, every other socket of the group stops reading, so a large body never piles up.
 */
export class ContextGroup {
  private readonly readers = new Set<Reader>();
  private congested = 0;

  /** `waiters` shared with the group this one branched from (see `branch`). */
  constructor(private readonly waiters = new Set<() => void>()) {}

  /**
   * A group with back-pressure of its own that still hears the same notifications (`wait` spans
   * every context cloned from one root, spec §2.3). For the streams of one HTTP/2 connection: a
   * writer congested below one stream must not pause the connection's socket, which carries the
   * other streams and the peer's WINDOW_UPDATEs.
   */
  branch(): ContextGroup {
    return new ContextGroup(this.waiters);
  }

  addReader(r: Reader): void {
    this.readers.add(r);
    if (this.congested) r.pause();
  }

  removeReader(r: Reader): void {
    this.readers.delete(r);
  }

  /**
   * Every congestion pauses the others again, not only the first: a reader resumed since (by a
   * throttle) stops again, and a stage that must not stay paused while holding the group (a zlib
   * transform, see Backlog) hears of each new congestion.
   */
  congest(self: Reader): void {
    this.congested++;
    for (const r of this.readers) if (r !== self) r.pause();
  }

  drain(): void {
    if (this.congested > 0 && --this.congested === 0) for (const r of this.readers) r.resume();
  }

  watch(fn: () => void): () => void {
    this.waiters.add(fn);
    return () => this.waiters.delete(fn);
  }

  notify(): void {
    // Called on every read of every socket: most groups have no waiters.
    if (this.waiters.size === 0) return;
    for (const fn of [...this.waiters]) fn();
  }
}

/**
 * The socket (or file) whose received bytes are being pushed through pipelines right now, like
 * Pipy's input context: a throttle that runs out of tokens stops reading from that source only, not
 * from a shared upstream connection that happens to belong to the same context group.
 */
let currentInput: Reader | null = null;

/** Runs `fn` with `r` as the current input source. */
export function fromInput<T>(r: Reader, fn: () => T): T {
  const outer = currentInput;
  currentInput = r;
  try {
    return fn();
  } finally {
    currentInput = outer;
  }
}

export function inputSource(): Reader | null {
  return currentInput;
}

// The loading context consumes id 1, so the first connection usually gets id 2 (as in Pipy).
let lastId = 1;

export class StreamContext extends Context {
  readonly id = ++lastId;

  constructor(frames: unknown[][], readonly inbound: unknown, readonly group: ContextGroup) {
    super(frames);
  }

  /** A fresh root context from every module's initial values (object values shared, as in Pipy). */
  static create(prototypes: readonly (readonly unknown[])[], inbound: unknown = null): StreamContext {
    const frames = prototypes.map((p) => p.slice());
    frames[0] = [inbound];
    return new StreamContext(frames, inbound, new ContextGroup());
  }

  /** Current values copied; inbound and group inherited (demux, fork with initializers). */
  override clone(): StreamContext {
    return new StreamContext(this.frames.map((f) => f.slice()), this.inbound, this.group);
  }

  /** As `clone`, in a branch of the group: its back-pressure stays its own (see ContextGroup.branch). */
  branch(): StreamContext {
    return new StreamContext(this.frames.map((f) => f.slice()), this.inbound, this.group.branch());
  }
}

/** Slot of `__inbound` in frame 0. */
export const inboundSlot = 0;
