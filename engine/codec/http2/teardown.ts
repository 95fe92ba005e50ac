// The end of one HTTP/2 connection, client or server side: the node:http2 session goes (unless it
// already has) and so does the in-memory wire under it.

import type { Http2Session } from 'node:http2';
import type { FrameWire } from './wire.js';

export function tearDown(session: Http2Session, wire: FrameWire): void {
  if (!session.destroyed) session.destroy();
  wire.destroy();
}
