// HTTP/1.1 `upgrade: h2c` on the server side (spec §5.6). The request that asked for the upgrade
// becomes stream 1 of the new HTTP/2 connection (RFC 7540 §3.2), but node:http2 has no way to be
// told about a stream it never received. So this module writes that request as the HEADERS frame
// the client would have sent, and splices it into the client's bytes right after its connection
// preface and first SETTINGS frame, where a real stream 1 could have been.
//
// The header block uses HPACK literals without indexing and without Huffman coding (RFC 7541 §6.2.2),
// which leave both sides' dynamic tables untouched, so the client's own header compression stays in
// step with ours.

import { maxFrameSize } from './settings.js';

const prefaceLength = 24;
const frameHeaderSize = 9;
const headersType = 1;
const endStream = 0x1;
const endHeaders = 0x4;

/** Fields that describe the HTTP/1 hop or the upgrade itself, not the request. */
const dropped = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'http2-settings', 'host', 'te', 'content-length']);

/** An HPACK integer with an N-bit prefix (RFC 7541 §5.1). */
function hpackInt(v: number, prefixBits: number, first: number): number[] {
  const max = (1 << prefixBits) - 1;
  if (v < max) return [first | v];
  const out = [first | max];
  for (v -= max; v >= 128; v = Math.floor(v / 128)) out.push((v % 128) + 128);
  out.push(v);
  return out;
}

function literal(name: string, value: string): Buffer {
  const n = Buffer.from(name, 'latin1');
  const v = Buffer.from(value, 'latin1');
  return Buffer.concat([Buffer.from([0, ...hpackInt(n.length, 7, 0)]), n, Buffer.from(hpackInt(v.length, 7, 0)), v]);
}

/**
 * Stream 1's HEADERS frame for the upgrading request, or null when it cannot be one frame (the
 * client then simply gets an HTTP/1.1 answer, which RFC 7540 allows).
 */
export function upgradeHeadersFrame(head: Record<string, unknown>): Buffer | null {
  const headers = (head.headers ?? {}) as Record<string, unknown>;
  const parts = [literal(':method', String(head.method ?? 'GET')), literal(':scheme', 'http')];
  if (typeof headers.host === 'string') parts.push(literal(':authority', headers.host));
  parts.push(literal(':path', String(head.path ?? '/')));
  for (const [k, v] of Object.entries(headers)) {
    if (dropped.has(k) || v === undefined || v === null) continue;
    for (const x of Array.isArray(v) ? v : [v]) parts.push(literal(k, String(x)));
  }
  const block = Buffer.concat(parts);
  if (block.length > maxFrameSize) return null;
  const h = Buffer.alloc(frameHeaderSize);
  h.writeUIntBE(block.length, 0, 3);
  h[3] = headersType;
  h[4] = endStream | endHeaders;
  h.writeUInt32BE(1, 5);
  return Buffer.concat([h, block]);
}

/** True for a request that may switch: `upgrade: h2c` and no body to carry over. */
export function wantsH2c(head: Record<string, unknown>): boolean {
  const h = (head.headers ?? {}) as Record<string, unknown>;
  if (String(h.upgrade ?? '').toLowerCase() !== 'h2c') return false;
  if (h['transfer-encoding'] !== undefined) return false;
  return h['content-length'] === undefined || String(h['content-length']).trim() === '0';
}

/** Passes client bytes on, with the stream-1 frame inserted after the preface and first frame. */
export class UpgradeSplicer {
  private held: Buffer | null = Buffer.alloc(0);

  constructor(private readonly frame: Buffer) {}

  feed(b: Buffer): Buffer {
    if (!this.held) return b;
    const all = Buffer.concat([this.held, b]);
    const cut = this.cutPoint(all);
    if (cut < 0) {
      this.held = all;
      return Buffer.alloc(0);
    }
    this.held = null;
    return Buffer.concat([all.subarray(0, cut), this.frame, all.subarray(cut)]);
  }

  /** Where the first frame after the preface ends, or -1 while it is incomplete. */
  private cutPoint(all: Buffer): number {
    if (all.length < prefaceLength + frameHeaderSize) return -1;
    const end = prefaceLength + frameHeaderSize + all.readUIntBE(prefaceLength, 3);
    return all.length >= end ? end : -1;
  }
}
