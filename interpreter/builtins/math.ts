// Math: the ES2023 constants and functions. Every argument goes through the interpreter's ToNumber
// (so a guest valueOf runs, in argument order), then the host's own Math function computes the
// result, which is therefore bit-for-bit V8's.

import { Namespace } from '../values.js';
import type { HostFunction } from '../values.js';
import type { Runtime } from '../runtime.js';
import { fn, toNumber } from './args.js';

type Unary = (x: number) => number;
type Binary = (x: number, y: number) => number;

const unary: Record<string, Unary> = {
  abs: Math.abs, acos: Math.acos, acosh: Math.acosh, asin: Math.asin, asinh: Math.asinh, atan: Math.atan,
  atanh: Math.atanh, cbrt: Math.cbrt, ceil: Math.ceil, clz32: Math.clz32, cos: Math.cos, cosh: Math.cosh,
  exp: Math.exp, expm1: Math.expm1, floor: Math.floor, fround: Math.fround, log: Math.log, log1p: Math.log1p,
  log10: Math.log10, log2: Math.log2, round: Math.round, sign: Math.sign, sin: Math.sin, sinh: Math.sinh,
  sqrt: Math.sqrt, tan: Math.tan, tanh: Math.tanh, trunc: Math.trunc,
};

const binary: Record<string, Binary> = { atan2: Math.atan2, imul: Math.imul, pow: Math.pow };

/** All arguments as numbers, converted in order (a loop: the list may be long, via apply). */
function numbers(args: unknown[], rt: Runtime): number[] {
  rt.charge(args.length);
  const out: number[] = [];
  for (const a of args) out.push(toNumber(a, rt));
  return out;
}

/** max and min: the host's, pairwise (exact: NaN wins, +0 beats -0), so any argument count is safe. */
function extreme(pick: Binary, start: number): (args: unknown[], rt: Runtime) => number {
  return (args, rt) => {
    let best = start;
    for (const x of numbers(args, rt)) best = pick(best, x);
    return best;
  };
}

/** Longest argument list handed to the host in one spread call. */
const maxSpread = 65536;

function hypot(args: unknown[], rt: Runtime): number {
  const xs = numbers(args, rt);
  if (xs.length <= maxSpread) return Math.hypot(...xs);
  let inf = false, nan = false, max = 0, sum = 0;
  for (const x of xs) {
    if (x === Infinity || x === -Infinity) inf = true;
    else if (x !== x) nan = true;
    else max = Math.max(max, Math.abs(x));
  }
  if (inf || nan || max === 0) return inf ? Infinity : nan ? NaN : 0;
  // Scaled by the largest magnitude so that the squares neither overflow nor underflow.
  for (const x of xs) sum += (x / max) * (x / max);
  return Math.sqrt(sum) * max;
}

function members(): Record<string, unknown> {
  const m: Record<string, unknown> = {
    E: Math.E, LN10: Math.LN10, LN2: Math.LN2, LOG10E: Math.LOG10E, LOG2E: Math.LOG2E, PI: Math.PI,
    SQRT1_2: Math.SQRT1_2, SQRT2: Math.SQRT2,
  };
  for (const [name, f] of Object.entries(unary)) m[name] = fn(name, 1, (args, rt) => f(toNumber(args[0], rt)));
  for (const [name, f] of Object.entries(binary)) {
    m[name] = fn(name, 2, (args, rt) => {
      const x = toNumber(args[0], rt);
      return f(x, toNumber(args[1], rt));
    });
  }
  const extra: Record<string, HostFunction> = {
    max: fn('max', 2, extreme(Math.max, -Infinity)),
    min: fn('min', 2, extreme(Math.min, Infinity)),
    hypot: fn('hypot', 2, hypot),
    random: fn('random', 0, () => Math.random()),
  };
  return Object.assign(m, extra);
}

export const MathNamespace = new Namespace('Math', members());
