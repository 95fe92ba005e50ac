// Pieces the HTTP filters share: option parsing, synthetic heads for failed exchanges (§5.2), and a
// head's method and status read from whatever object a script built.

import { GuestObject } from '../../interpreter/index.js';
import type { StreamErrorName } from '../errors.js';
import { numOrStr, fail } from '../args.js';
import { parseSize } from '../units.js';

export const defaultBufferSize = 16384;

export function bufferSizeOption(o: Record<string, unknown>): number {
  const v = o.bufferSize;
  if (v === undefined || v === null) return defaultBufferSize;
  if (typeof v !== 'number' && typeof v !== 'string') fail('options.bufferSize requires a number or a string');
  return parseSize(numOrStr(o, 'bufferSize'));
}

export function responseHead(status: number, statusText: string): GuestObject {
  const h = new GuestObject();
  h.protocol = 'HTTP/1.1';
  h.headers = new GuestObject();
  h.status = status;
  h.statusText = statusText;
  return h;
}

/**
 * The response a client gets when the upstream exchange failed before a head arrived. A clean close
 * before answering is a 502 too (0.30 gave nothing, which reads as an empty 200 downstream).
 */
export function errorHead(error: StreamErrorName): GuestObject {
  switch (error) {
    case 'CannotResolve':
      return responseHead(502, 'Cannot Resolve');
    case 'ConnectionRefused':
      return responseHead(502, 'Connection Refused');
    case 'Unauthorized':
      return responseHead(401, 'Unauthorized');
    case 'ReadError':
      return responseHead(502, 'Read Error');
    case 'WriteError':
      return responseHead(502, 'Write Error');
    case 'ConnectionTimeout':
    case 'ReadTimeout':
    case 'WriteTimeout':
      return responseHead(504, 'Gateway Timeout');
    default:
      return responseHead(502, 'Bad Gateway');
  }
}

export function methodOf(head: unknown): string {
  const m = head && typeof head === 'object' ? (head as Record<string, unknown>).method : undefined;
  return typeof m === 'string' ? m : 'GET';
}
