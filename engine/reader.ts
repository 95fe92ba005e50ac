// `read(pathname)` roots (spec §1.2): at worker start, a root pipeline with a fresh context is fed
// the file's bytes as Data events and then a StreamEnd. The file lies under the codebase root (a
// path leaving it is refused); `-` reads the process's stdin. Reading follows back-pressure: while
// the pipeline's context group is congested the file stream pauses.

import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { PipelineLayout, Pipeline } from './pipeline.js';
import { StreamContext, fromInput } from './context.js';
import type { Reader as GroupReader } from './context.js';
import type { Codebase } from './codebase.js';
import { makeData, flush, makeStreamEnd, isStreamEnd } from './events.js';
import * as log from './log.js';

export class FileReader implements GroupReader {
  private stream: Readable | null = null;
  private pipeline: Pipeline | null = null;

  constructor(private readonly layout: PipelineLayout, private readonly path: string, private readonly codebase: Codebase, private readonly prototypes: unknown[][]) {}

  start(): void {
    const source = this.open();
    if (!source) return;
    const ctx = StreamContext.create(this.prototypes);
    ctx.group.addReader(this);
    const p = this.layout.instantiate(ctx, { input: (e) => isStreamEnd(e) && this.finish() });
    this.pipeline = p;
    this.stream = source;
    source.on('data', (b) => fromInput(this, () => (p.input(makeData(b as Buffer)), p.input(flush()))));
    source.on('end', () => p.input(makeStreamEnd()));
    source.on('error', () => p.input(makeStreamEnd('ReadError')));
  }

  private open(): Readable | null {
    if (this.path === '-') return process.stdin;
    const abs = this.codebase.resolve(this.path);
    if (!abs) {
      log.error(`[read] Cannot open file outside the codebase: ${this.path}`);
      return null;
    }
    return createReadStream(abs);
  }

  private finish(): void {
    this.pipeline?.context.group.removeReader(this);
    this.pipeline?.release();
    this.pipeline = null;
  }

  pause(): void {
    this.stream?.pause();
  }

  resume(): void {
    this.stream?.resume();
  }

  /** Worker stop: readers are deleted (§6.6); stdin is left to the process. */
  stop(): void {
    if (this.stream && this.stream !== process.stdin) this.stream.destroy();
    this.stream = null;
    this.finish();
  }
}
