// depositMessage(filename, [options]): spools large message bodies to disk (spec §4.5). The first
// `threshold` bytes of a body pass straight on; the rest is written to the file and streamed back
// out at MessageEnd, then the end event. The file is deleted afterwards unless `keep` is true.
// Events arriving while a body is being read back wait behind it, so order is kept.

import { openSync, writeSync, readSync, closeSync, unlinkSync } from 'node:fs';
import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isMessageStart, isMessageEnd, isStreamEnd, bufferOf, makeData } from '../events.js';
import { need, optObj, numOrStr, optBool } from '../args.js';
import { parseSize } from '../units.js';
import * as log from '../log.js';

const chunk = 64 * 1024;

export class DepositMessage extends Filter {
  readonly name = 'depositMessage';
  private inMessage = false;
  private passed = 0;
  private file: { fd: number; path: string; size: number } | null = null;
  /** The file could not be opened: the rest of this body is lost (said once). */
  private broken = false;

  constructor(private readonly filename: unknown, private readonly threshold: number, private readonly keep: boolean) {
    super();
  }

  static create(args: unknown[]): DepositMessage {
    need(args, 1);
    const o = optObj(args, 1);
    const t = numOrStr(o, 'threshold');
    return new DepositMessage(args[0], t === undefined ? 1024 * 1024 : parseSize(t), optBool(o, 'keep') ?? false);
  }

  clone(): DepositMessage {
    return this.adopt(new DepositMessage(this.filename, this.threshold, this.keep));
  }

  override reset(): void {
    super.reset();
    this.discard();
    this.inMessage = false;
  }

  override shutdown(): void {
    this.discard();
  }

  protected process(evt: Event): void {
    if (isMessageStart(evt)) {
      this.inMessage = true;
      this.passed = 0;
      this.broken = false;
      this.output(evt);
    } else if (isData(evt) && this.inMessage) this.body(bufferOf(evt));
    else if (isMessageEnd(evt) || isStreamEnd(evt)) {
      this.inMessage = false;
      this.replay();
      this.output(evt);
    } else this.output(evt);
  }

  private body(b: Buffer): void {
    const room = Math.max(0, this.threshold - this.passed);
    if (room > 0) {
      const head = b.subarray(0, room);
      this.passed += head.length;
      this.output(makeData(head));
      b = b.subarray(room);
    }
    if (b.length) this.spool(b);
  }

  private spool(b: Buffer): void {
    if (this.broken) return;
    if (!this.file) {
      const path = String(this.evalParam(this.filename) ?? '');
      try {
        this.file = { fd: openSync(path, 'w+'), path, size: 0 };
      } catch (e) {
        this.broken = true;
        return void log.error(`[depositMessage] cannot open ${path}: ${(e as Error).message}`);
      }
    }
    writeSync(this.file.fd, b);
    this.file.size += b.length;
  }

  /** Streams the spooled part back out, then lets the file go. */
  private replay(): void {
    const f = this.file;
    if (!f) return;
    const buf = Buffer.alloc(chunk);
    for (let pos = 0; pos < f.size; ) {
      const n = readSync(f.fd, buf, 0, chunk, pos);
      if (n <= 0) break;
      this.output(makeData(Buffer.from(buf.subarray(0, n))));
      pos += n;
    }
    this.discard();
  }

  private discard(): void {
    const f = this.file;
    this.file = null;
    if (!f) return;
    closeSync(f.fd);
    if (!this.keep) {
      try {
        unlinkSync(f.path);
      } catch {
        // already gone
      }
    }
  }
}
