// `repeat(fn)` / `repeat(count, fn)`: PipyJS's only loop (pipyjs-language.md §3.11). Calls fn(i) for
// i = 0, 1, 2… until it returns a falsy value (or `count` calls were made) and returns the last
// value fn returned. Every call is a guest call, so the step and time budgets bound an endless loop.

import { HostFunction, toBoolean } from '../interpreter/index.js';
import type { Runtime } from '../interpreter/index.js';
import { expectFunction } from './arguments.js';

function repeat(args: unknown[], rt: Runtime): unknown {
  const [first, second] = args;
  const counted = typeof first === 'number';
  const fn = counted ? second : first;
  expectFunction(fn, counted ? 1 : 0);
  const count = counted ? first : Infinity;
  let last: unknown;
  for (let i = 0; i < count; i++) {
    last = rt.call(fn, [i]);
    if (!toBoolean(last)) break;
  }
  return last;
}

export const repeatFunction = new HostFunction('repeat', repeat, 2);
