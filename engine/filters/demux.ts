// demux(target): one sub-pipeline (cloned context) per input message; the first message each
// sub-pipeline outputs is collected and sent on as soon as it is complete, in the order they
// complete (§4.1). demuxQueue shares this machinery and only changes the order and what an empty
// sub-pipeline yields.
//
// An input StreamEnd closes the open message (a MessageEnd is supplied) but is not forwarded; the
// filter's own StreamEnd goes out once no message is pending any more.

import { TargetFilter } from './target-filter.js';
import type { Event } from '../events.js';
import { isData, isMessageStart, isMessageEnd, isStreamEnd, makeMessageStart, makeMessageEnd, makeStreamEnd, makeData, bufferOf } from '../events.js';
import type { Pipeline } from '../pipeline.js';
import { need, str } from '../args.js';

/** One request message and the reply its sub-pipeline is producing. */
interface Exchange {
  sub: Pipeline;
  out: Event[];
  started: boolean;
  done: boolean;
}

export abstract class DemuxBase extends TargetFilter {
  protected queue: Exchange[] = [];
  private current: Exchange | null = null;
  private ending = false;

  /** Replies leave in request order (demuxQueue) or as they complete (demux). */
  protected abstract readonly ordered: boolean;

  override reset(): void {
    super.reset();
    for (const x of this.queue) x.sub.release();
    this.queue = [];
    this.current = null;
    this.ending = false;
  }

  protected process(evt: Event): void {
    if (isMessageStart(evt)) return this.open(evt);
    if (isStreamEnd(evt)) return this.inputEnded();
    const x = this.current;
    if (!x || !(isData(evt) || isMessageEnd(evt))) return;
    if (isMessageEnd(evt)) this.current = null;
    x.sub.input(evt);
  }

  private open(evt: Event): void {
    if (this.current) this.current.sub.input(makeMessageEnd());
    const x: Exchange = { sub: null as unknown as Pipeline, out: [], started: false, done: false };
    x.sub = this.layout!.instantiate(this.context.clone(), { input: (e) => this.reply(x, e) });
    this.queue.push(x);
    this.current = x;
    x.sub.input(evt);
  }

  private inputEnded(): void {
    if (this.current) this.current.sub.input(makeMessageEnd());
    this.current = null;
    this.ending = true;
    this.flush();
  }

  /** An event from an exchange's sub-pipeline: only its first message counts. */
  private reply(x: Exchange, e: Event): void {
    if (x.done) return;
    if (isMessageStart(e) && !x.started) x.started = true, x.out.push(e);
    else if (isData(e) && x.started && bufferOf(e).length) x.out.push(e);
    else if (isMessageEnd(e) && x.started) x.out.push(e), (x.done = true);
    else if (isStreamEnd(e)) this.cut(x);
    else return;
    this.flush();
  }

  /** The sub-pipeline ended early: close its message, or make an empty one where order demands. */
  private cut(x: Exchange): void {
    if (x.started) x.out.push(makeMessageEnd());
    else if (this.ordered) x.out.push(makeMessageStart(), makeMessageEnd());
    x.done = true;
  }

  private flush(): void {
    if (this.ordered) this.flushInOrder();
    else this.flushCompleted();
    if (this.ending && !this.queue.length) this.output(makeStreamEnd());
  }

  private flushInOrder(): void {
    while (this.queue.length) {
      const x = this.queue[0];
      for (const e of x.out.splice(0)) this.output(e);
      if (!x.done) return;
      this.finish(this.queue.shift()!);
    }
  }

  private flushCompleted(): void {
    for (const x of this.queue.filter((q) => q.done)) {
      this.queue.splice(this.queue.indexOf(x), 1);
      this.outputCollected(x.out);
      this.finish(x);
    }
  }

  /** A whole reply as one start, one Data with the body, one end. */
  private outputCollected(events: Event[]): void {
    const body = events.filter(isData).map((d) => bufferOf(d));
    for (const e of events) if (!isData(e)) {
      if (isMessageEnd(e) && body.length) this.output(makeData(Buffer.concat(body)));
      this.output(e);
    }
  }

  private finish(x: Exchange): void {
    if (this.current === x) this.current = null;
    x.sub.input(makeStreamEnd());
    x.sub.release();
  }

  override shutdown(): void {
    this.ending = true;
  }
}

export class Demux extends DemuxBase {
  readonly name = 'demux';
  protected readonly ordered = false;

  static create(args: unknown[]): Demux {
    need(args, 1);
    return new Demux(str(args, 0));
  }

  clone(): Demux {
    return this.twin(new Demux(this.target));
  }
}
