// decompressMessage(algorithm): inflates every message body (spec §4.5). `algorithm` is 'inflate'
// (gzip or zlib framing) or 'brotli', or a function of the MessageStart giving one of them; a body
// may inflate to at most `maxDecompressedSize` bytes before the stream is cut.

import type { Transform } from 'node:stream';
import { isCallable } from '../../interpreter/index.js';
import { ZlibBodyFilter } from '../codec/compress/zlib-body.js';
import { decompressor } from '../codec/compress/options.js';
import type { MessageStart } from '../events.js';
import { need, fail } from '../args.js';
import * as log from '../log.js';

/** What decompressMessage and decompressHTTP share: capped output and the same error text. */
export abstract class DecompressFilter extends ZlibBodyFilter {
  protected readonly capped = true;
  protected readonly errorText = '[decompress] decompression error';
}

export class DecompressMessage extends DecompressFilter {
  readonly name = 'decompressMessage';

  constructor(private readonly algorithm: unknown) {
    super();
  }

  static create(args: unknown[]): DecompressMessage {
    need(args, 1);
    const a = args[0];
    if (typeof a !== 'string' && !isCallable(a)) fail('argument #1 expects a string or a function');
    return new DecompressMessage(a);
  }

  clone(): DecompressMessage {
    return this.adopt(new DecompressMessage(this.algorithm));
  }

  protected begin(start: MessageStart): [Transform | null, MessageStart] {
    const a = isCallable(this.algorithm) ? this.callback(this.algorithm, [start]) : this.algorithm;
    if (a === undefined || a === null || a === '') return [null, start];
    const z = decompressor(String(a));
    if (!z) log.error(`[decompress] unknown compression algorithm: ${String(a)}`);
    return [z, start];
  }
}
