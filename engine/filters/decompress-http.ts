// decompressHTTP([enable]): inflates HTTP bodies whose `content-encoding` is gzip, deflate or br
// (spec §4.5), when the optional `enable(messageStart)` agrees. Unlike 0.30 the head then loses its
// `content-encoding` and `content-length`, so whoever receives the plain body is not told it is
// still compressed. Output is capped as for decompressMessage.

import type { Transform } from 'node:stream';
import { editableHead } from '../codec/compress/zlib-body.js';
import { makeMessageStart } from '../events.js';
import { decompressor } from '../codec/compress/options.js';
import type { MessageStart } from '../events.js';
import { truthy } from '../filter.js';
import { optFn } from '../args.js';
import { DecompressFilter } from './decompress-message.js';

export class DecompressHTTP extends DecompressFilter {
  readonly name = 'decompressHTTP';

  constructor(private readonly enable: unknown) {
    super();
  }

  static create(args: unknown[]): DecompressHTTP {
    return new DecompressHTTP(optFn(args, 0));
  }

  clone(): DecompressHTTP {
    return this.adopt(new DecompressHTTP(this.enable));
  }

  protected begin(start: MessageStart): [Transform | null, MessageStart] {
    const edit = editableHead(start);
    const encoding = edit?.[1]['content-encoding'];
    if (typeof encoding !== 'string') return [null, start];
    const z = decompressor(encoding.trim().toLowerCase());
    if (!z || (this.enable !== undefined && !truthy(this.callback(this.enable, [start])))) return [null, start];
    const [head, headers] = edit!;
    delete headers['content-encoding'];
    delete headers['content-length'];
    return [z, makeMessageStart(head)];
  }
}
