// Option checks of compressMessage/compressHTTP and the zlib transforms they pick (spec §4.5).

import { createGzip, createDeflate, createBrotliCompress, createUnzip, createBrotliDecompress, constants } from 'node:zlib';
import type { Transform } from 'node:stream';
import { fail } from '../../args.js';

export type Method = 'gzip' | 'deflate' | 'brotli';
export type Level = 'default' | 'none' | 'speed' | 'best';

export interface CompressOptions {
  enabled: boolean;
  method: Method;
  level: Level;
}

export function compressOptions(o: Record<string, unknown>): CompressOptions {
  const enabled = o.enabled ?? true;
  if (typeof enabled !== 'boolean') fail('options.enable expects a boolean');
  const method = o.method ?? 'gzip';
  if (method !== 'gzip' && method !== 'deflate' && method !== 'brotli') fail('invalid options.method. It need to be one of [deflate | gzip | brotli]');
  const level = o.level ?? 'default';
  if (typeof level !== 'string') fail('options.level requires a string');
  if (!['default', 'none', 'speed', 'best'].includes(level)) fail('invalid options.level. It need to be one of [default | none | speed | best]');
  return { enabled, method, level: level as Level };
}

const zlibLevels: Record<Level, number> = { default: -1, none: 0, speed: 1, best: 9 };
const brotliLevels: Record<Level, number> = { default: 6, none: 0, speed: 1, best: 11 };

export function compressor(o: CompressOptions): Transform {
  if (o.method === 'brotli') return createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: brotliLevels[o.level] } });
  const level = zlibLevels[o.level];
  return o.method === 'gzip' ? createGzip({ level }) : createDeflate({ level });
}

/** The value for `content-encoding` (HTTP's token for brotli is `br`). */
export function encodingName(m: Method): string {
  return m === 'brotli' ? 'br' : m;
}

/** A decompressor for an algorithm or content-encoding name; null when unknown. */
export function decompressor(name: string): Transform | null {
  switch (name) {
    case 'inflate':
    case 'gzip':
    case 'x-gzip':
    case 'deflate':
      // Unzip reads gzip and zlib framing alike.
      return createUnzip();
    case 'brotli':
    case 'br':
      return createBrotliDecompress();
    default:
      return null;
  }
}
