// Back-pressure for the stages that buffer on their own between two event streams: the cleartext
// side of a node:tls socket, a node:zlib transform. Such a stage is written to like a socket, so it
// takes part in its context group like one: while more than `highWater` bytes wait in its writable
// side the group is congested (every socket of the stream family stops reading), until the stage
// drains, finishes or closes. A stage that shares a connection with others (an HTTP/2 stream) has no
// group to hold: only the reader feeding it is held, since the connection must go on reading.

import type { Readable, Writable } from 'node:stream';
import type { ContextGroup, Reader } from './context.js';
import { inputSource } from './context.js';
import { highWater } from './net/inbound.js';

export interface BacklogOptions {
  /**
   * The stage's readable side, paused with the group's sockets, so that a stage that expands what
   * it is given (inflating) does not pour more into a writer that is already congested.
   */
  output?: Readable;
  /**
   * Hold only the reader being read from, not the group, until `widen()`: a TLS handshake travels
   * through one of the group's sockets, which must keep reading until the handshake is done.
   */
  narrow?: boolean;
}

export class Backlog implements Reader {
  /** What this backlog holds back: the whole group, one reader, or nothing. */
  private hold: 'group' | Reader | null = null;
  private paused = false;
  private closed = false;
  private narrow: boolean;
  private readonly output: Readable | undefined;

  /** `group` null: only ever the reader being read from is held (`narrow` for good). */
  constructor(private readonly group: ContextGroup | null, private readonly stage: Writable, options: BacklogOptions = {}) {
    this.narrow = !!options.narrow || !group;
    this.output = options.output;
    for (const e of ['drain', 'finish', 'close']) stage.on(e, this.release);
    if (this.output) group?.addReader(this);
  }

  /** To call after each write to the stage. */
  wrote(): void {
    if (this.hold === 'group' || this.paused || this.closed || this.stage.writableLength <= highWater) return;
    // A reader held already writes again: its group's drain resumed it since, so stop it again.
    if (this.hold) return this.hold.pause();
    if (!this.narrow && this.group) {
      this.hold = 'group';
      this.group.congest(this);
    } else if ((this.hold = inputSource())) this.hold.pause();
  }

  readonly release = (): void => {
    const h = this.hold;
    this.hold = null;
    if (h === 'group') this.group?.drain();
    else h?.resume();
  };

  /** From now on the whole group is held (the handshake is done). */
  widen(): void {
    this.narrow = !this.group;
    this.release();
    this.wrote();
  }

  pause(): void {
    if (!this.output) return;
    this.paused = true;
    this.output.pause();
    // A paused transform stops taking input, so it would never drain: holding the group too would
    // keep everyone paused for good. The group stays congested by whoever paused us.
    this.release();
  }

  resume(): void {
    if (!this.output) return;
    this.paused = false;
    this.output.resume();
  }

  /** The stage is dropped: it holds nothing any more. */
  close(): void {
    this.closed = true;
    for (const e of ['drain', 'finish', 'close']) this.stage.off(e, this.release);
    this.release();
    if (this.output) this.group?.removeReader(this);
  }
}
