// Positions for guest errors raised while a node runs: the innermost node that knows its place wins.

import { PipyJSError } from '../errors.js';
import type { SourcePosition } from '../errors.js';

export function locate(e: unknown, pos: SourcePosition): unknown {
  if (e instanceof PipyJSError) e.locate(pos);
  return e;
}
