// Back-pressure for one HTTP/2 stream, on either side of a connection. Many streams share the
// connection, which must go on reading (it carries the peer's WINDOW_UPDATEs and every other
// stream), so a stream never holds its connection's socket nor its context group (which holds that
// socket too). Instead:
// - the stream's readable side is a Reader of its own: what its events carry into pipelines comes
//   from it, so a congested writer downstream pauses just this stream; node then stops consuming
//   the stream's flow-control window and the peer stops sending on this stream alone;
// - its writable side has a Backlog that holds only the reader feeding it, while node keeps data
//   the peer has no window for (the peer opens the window as it reads).

import type { Http2Stream } from 'node:http2';
import type { ContextGroup, Reader } from '../../context.js';
import { fromInput } from '../../context.js';
import { Backlog } from '../../backlog.js';

export class StreamFlow implements Reader {
  private readonly backlog: Backlog;
  private paused = false;
  private group: ContextGroup | null = null;

  constructor(private readonly stream: Http2Stream) {
    this.backlog = new Backlog(null, stream);
    stream.once('close', () => this.close());
  }

  /** Runs `fn` with this stream as the input source. */
  run(fn: () => void): void {
    fromInput(this, fn);
  }

  /** Listens to a stream event; the handler runs with this stream as the input source. */
  on<A extends unknown[]>(event: string, handler: (...args: A) => void): void {
    this.stream.on(event, (...args: A) => this.run(() => handler(...args)));
  }

  write(b: Buffer): void {
    this.stream.write(b);
    this.backlog.wrote();
  }

  /**
   * Also paused while `group` is congested: the group the stream's data goes to, which is not the
   * connection's (muxHTTP's session serves many; demuxHTTP gives each stream a branch of its own).
   */
  joinGroup(group: ContextGroup): void {
    this.group = group;
    group.addReader(this);
  }

  pause(): void {
    if (this.stream.destroyed) return;
    this.paused = true;
    this.stream.pause();
  }

  /** Only undoes `pause`: a stream with no 'data' listener yet must not start flowing. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.stream.resume();
  }

  private close(): void {
    this.backlog.close();
    this.group?.removeReader(this);
    this.group = null;
  }
}
