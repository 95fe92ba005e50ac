// The part every "bridge" filter shares: a filter that links to one named sub-pipeline (its only
// target, see TargetFilter) and opens at most one sub-pipeline per stream, whose output it
// receives and which it releases when the stream is over. acceptTLS/connectTLS, the HTTP and SOCKS tunnels, fetchHTTP and muxQueue/merge
// build on it; what goes into and comes out of the sub-pipeline is theirs.

import type { Event } from '../events.js';
import type { StreamContext } from '../context.js';
import type { Pipeline } from '../pipeline.js';
import { TargetFilter } from './target-filter.js';

export abstract class SubPipelineFilter extends TargetFilter {
  /** This stream's sub-pipeline, once opened. */
  protected sub: Pipeline | null = null;

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
