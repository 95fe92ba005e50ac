// The limits every HTTP/2 session of the engine announces and enforces. node:http2 (nghttp2 inside)
// checks them on every frame: a peer that breaks one gets RST_STREAM for a stream-level breach, or
// GOAWAY and the end of its connection for a connection-level one; other connections never notice.

import type { Settings } from 'node:http2';

/** Streams one peer may have open at once; more are refused with RST_STREAM(REFUSED_STREAM). */
export const maxConcurrentStreams = 256;

/** Decoded size of one header block (names + values + 32 per field, RFC 9113 §6.5.2). */
export const maxHeaderListSize = 64 * 1024;

/** The protocol's default and minimum; a larger frame from the peer is a FRAME_SIZE_ERROR. */
export const maxFrameSize = 16384;

export const settings: Settings = {
  maxConcurrentStreams,
  maxHeaderListSize,
  maxFrameSize,
  initialWindowSize: 65535,
  enablePush: false,
};

/**
 * Per-session memory nghttp2 may hold (MB) before answering ENHANCE_YOUR_CALM. The 10 MB default is
 * too tight for a proxy relaying many large concurrent bodies.
 */
export const maxSessionMemory = 64;
