// demuxQueue(target): demux with replies kept in request order (§4.1). Only the oldest exchange
// streams through; later ones wait in their buffers until they reach the head. A sub-pipeline that
// ends without a message still yields one (an empty MessageStart and MessageEnd), so the order holds.

import { DemuxBase } from './demux.js';
import { need, str } from '../args.js';

export class DemuxQueue extends DemuxBase {
  readonly name = 'demuxQueue';
  protected readonly ordered = true;

  static create(args: unknown[]): DemuxQueue {
    need(args, 1);
    return new DemuxQueue(str(args, 0));
  }

  clone(): DemuxQueue {
    return this.twin(new DemuxQueue(this.target));
  }
}
