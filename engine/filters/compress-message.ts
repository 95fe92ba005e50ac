// compressMessage([options]): compresses every message body with gzip, deflate or brotli (spec
// §4.5), streaming. The head passes unchanged; compressHTTP extends this to label the head.

import type { Transform } from 'node:stream';
import { ZlibBodyFilter } from '../codec/compress/zlib-body.js';
import { compressOptions, compressor } from '../codec/compress/options.js';
import type { CompressOptions } from '../codec/compress/options.js';
import type { MessageStart } from '../events.js';
import { optObj } from '../args.js';

export class CompressMessage extends ZlibBodyFilter {
  readonly name: string = 'compressMessage';
  protected readonly capped = false;
  protected readonly errorText = '[compress] compression error';

  constructor(protected readonly options: CompressOptions) {
    super();
  }

  static create(args: unknown[]): CompressMessage {
    return new CompressMessage(compressOptions(optObj(args, 0)));
  }

  clone(): CompressMessage {
    return this.adopt(new CompressMessage(this.options));
  }

  protected begin(start: MessageStart): [Transform | null, MessageStart] {
    return [this.options.enabled ? compressor(this.options) : null, start];
  }
}
