// demuxHTTP(target, [options]): decodes requests from the client connection and runs one sub-pipeline
// per request (cloned context), then encodes their responses back in request order (spec §4.1, §5.4).

import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { makeMessageStart, makeData, makeMessageEnd, makeStreamEnd } from '../events.js';
import type { Pipeline, PipelineLayout } from '../pipeline.js';
import { requireLayout } from '../pipeline.js';
import { need, str, optObj } from '../args.js';
import { HttpServer } from './http-server.js';
import { bufferSizeOption } from './http-common.js';

export class DemuxHTTP extends Filter {
  readonly name = 'demuxHTTP';
  private layout: PipelineLayout | null = null;
  private readonly server: HttpServer;

  constructor(private readonly target: string, private readonly bufferSize: number) {
    super();
    this.server = new HttpServer(bufferSize, {
      open: (ex, h) => {
        const sub = this.layout!.instantiate(this.context.clone(), { input: (e) => this.server.respond(ex, e) });
        ex.tag = sub;
        sub.input(makeMessageStart(h.head));
      },
      body: (ex, b) => (ex.tag as Pipeline | undefined)?.input(makeData(b)),
      end: (ex) => (ex.tag as Pipeline | undefined)?.input(makeMessageEnd()),
      close: (ex) => this.closeExchange(ex.tag as Pipeline | undefined),
      streamEnd: (ex) => (ex.tag as Pipeline | undefined)?.input(makeStreamEnd()),
    }, (e) => this.output(e));
  }

  static create(args: unknown[]): DemuxHTTP {
    need(args, 1);
    return new DemuxHTTP(str(args, 0), bufferSizeOption(optObj(args, 1)));
  }

  clone(): DemuxHTTP {
    const f = this.adopt(new DemuxHTTP(this.target, this.bufferSize));
    f.layout = this.layout;
    return f;
  }

  override targets(): string[] {
    return [this.target];
  }

  override bind(): void {
    this.layout = requireLayout(this.module, this.target);
  }

  override reset(): void {
    super.reset();
    this.server.reset();
  }

  protected process(evt: Event): void {
    this.server.input(evt);
  }

  /** The request's pipeline is over: tell it (so its filters end cleanly) and let it go. */
  private closeExchange(sub: Pipeline | undefined): void {
    if (!sub) return;
    sub.input(makeStreamEnd());
    sub.release();
  }
}
