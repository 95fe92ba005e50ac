// serveHTTP(handler): an HTTP/1.x server inside a pipeline (spec §4.1, §5.4). Each request is
// buffered whole and given to `handler` (a function of the request Message, or a fixed Message); the
// response is encoded in request order. A non-Message result gives an empty 200 and an error line; a
// throwing handler answers nothing.

import { Filter, Failed } from '../filter.js';
import type { Event } from '../events.js';
import { isMessage, headOf, bodyOf, makeMessage, makeMessageStart, makeMessageEnd, makeData } from '../events.js';
import { isCallable } from '../../interpreter/index.js';
import { need } from '../args.js';
import { HttpServer } from './http-server.js';
import type { Exchange } from './http-server.js';
import { responseHead, defaultBufferSize } from './http-common.js';
import * as log from '../log.js';

const noBody = Buffer.alloc(0);

interface Pending {
  head: unknown;
  chunks: Buffer[];
}

export class ServeHTTP extends Filter {
  readonly name = 'serveHTTP';
  private readonly server: HttpServer;

  constructor(private readonly handler: unknown) {
    super();
    this.server = new HttpServer(defaultBufferSize, {
      open: (ex, h) => (ex.tag = { head: h.head, chunks: [] } as Pending),
      body: (ex, b) => (ex.tag as Pending).chunks.push(Buffer.from(b)),
      end: (ex) => this.handle(ex),
      close: () => {},
    }, (e) => this.output(e));
  }

  static create(args: unknown[]): ServeHTTP {
    need(args, 1);
    return new ServeHTTP(args[0]);
  }

  clone(): ServeHTTP {
    return this.adopt(new ServeHTTP(this.handler));
  }

  override reset(): void {
    super.reset();
    this.server.reset();
  }

  protected process(evt: Event): void {
    this.server.input(evt);
  }

  private handle(ex: Exchange): void {
    const p = ex.tag as Pending;
    const c = p.chunks;
    const request = makeMessage(p.head, c.length === 1 ? c[0] : c.length ? Buffer.concat(c) : noBody);
    const h = this.handler;
    const res = isCallable(h) ? this.callback(h, [request]) : h;
    if (res === Failed) return;
    if (!isMessage(res)) {
      log.error('[serveHTTP] handler did not return a valid message');
      this.server.respond(ex, makeMessageStart(responseHead(200, 'OK')));
    } else {
      this.server.respond(ex, makeMessageStart(headOf(res)));
      const body = bodyOf(res);
      if (body) this.server.respond(ex, makeData(body));
    }
    this.server.respond(ex, makeMessageEnd());
  }
}
