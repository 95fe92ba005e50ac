// compressHTTP([options]): compressMessage for HTTP messages (spec §4.5). The head's
// `content-encoding` names the method and its stale `content-length` goes (the encoder recounts);
// a body that already has a content-encoding is left alone rather than compressed twice.

import type { Transform } from 'node:stream';
import { CompressMessage } from './compress-message.js';
import { compressOptions, compressor, encodingName } from '../codec/compress/options.js';
import type { MessageStart } from '../events.js';
import { makeMessageStart } from '../events.js';
import { editableHead } from '../codec/compress/zlib-body.js';
import { optObj } from '../args.js';

export class CompressHTTP extends CompressMessage {
  override readonly name = 'compressHTTP';

  static override create(args: unknown[]): CompressHTTP {
    return new CompressHTTP(compressOptions(optObj(args, 0)));
  }

  override clone(): CompressHTTP {
    return this.adopt(new CompressHTTP(this.options));
  }

  protected override begin(start: MessageStart): [Transform | null, MessageStart] {
    const edit = this.options.enabled ? editableHead(start) : null;
    if (!edit || edit[1]['content-encoding']) return [null, start];
    const [head, headers] = edit;
    headers['content-encoding'] = encodingName(this.options.method);
    delete headers['content-length'];
    return [compressor(this.options), makeMessageStart(head)];
  }
}
