// The part every "bridge" filter shares: a filter that links to one named sub-pipeline (its only
// target), binds that name to a layout of its module, hands the bound layout to every clone, and
// opens at most one sub-pipeline per stream, whose output it receives and which it releases when the
// stream is over. acceptTLS/connectTLS, the HTTP and SOCKS tunnels, fetchHTTP and muxQueue/merge
// build on it; what goes into and comes out of the sub-pipeline is theirs.

import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import type { StreamContext } from '../context.js';
import type { Pipeline, PipelineLayout } from '../pipeline.js';
import { requireLayout } from '../pipeline.js';

export abstract class SubPipelineFilter extends Filter {
  /** The target's layout, set by `bind()` on the prototype and shared by its clones. */
  protected layout: PipelineLayout | null = null;
  /** This stream's sub-pipeline, once opened. */
  protected sub: Pipeline | null = null;

  constructor(protected readonly target: string) {
    super();
  }

  override targets(): string[] {
    return [this.target];
  }

  override bind(): void {
    this.layout = requireLayout(this.module, this.target);
  }

  /** Finishes a clone of the prototype: same module, same bound layout. */
  protected twin<T extends SubPipelineFilter>(copy: T): T {
    this.adopt(copy).layout = this.layout;
    return copy;
  }

  /** Opens this stream's sub-pipeline in `context`; its output goes to `receive`. */
  protected openSub(context: StreamContext, receive: (e: Event) => unknown): Pipeline {
    const sub = this.layout!.instantiate(context, { input: (e) => void receive(e) });
    this.sub = sub;
    return sub;
  }

  /** Releases the sub-pipeline, if open (without telling it the stream ended). */
  protected releaseSub(): void {
    this.sub?.release();
    this.sub = null;
  }
}
