// Number: the conversion function, the box constructor, its statics, and the methods of number
// values (ECMAScript semantics). Formatting is the host's own once the arguments are checked, so
// the digits are exactly V8's; the range checks come first so that a bad argument is a guest
// RangeError rather than a host one.

import { rangeError } from '../errors.js';
import { HostClass, bindHostClass } from '../values.js';
import type { Method } from '../values.js';
import type { Runtime } from '../runtime.js';
import { methodTables } from '../properties.js';
import { PrimitiveBox, boxMethods, fn, intl, intlArgs, toIntegerOrInfinity, toNumber, toString } from './args.js';

export class NumberBox extends PrimitiveBox<number> {}

// ---- methods of number values ------------------------------------------------------------------

function toFixed(x: number, args: unknown[], rt: Runtime): string {
  const f = toIntegerOrInfinity(args[0], rt);
  if (!Number.isFinite(f) || f < 0 || f > 100) throw rangeError('toFixed() digits argument must be between 0 and 100');
  return x.toFixed(f);
}

function toPrecision(x: number, args: unknown[], rt: Runtime): string {
  if (args[0] === undefined) return String(x);
  const p = toIntegerOrInfinity(args[0], rt);
  if (!Number.isFinite(x)) return String(x);
  if (p < 1 || p > 100) throw rangeError('toPrecision() argument must be between 1 and 100');
  return x.toPrecision(p);
}

function toExponential(x: number, args: unknown[], rt: Runtime): string {
  const f = toIntegerOrInfinity(args[0], rt);
  if (!Number.isFinite(x)) return String(x);
  if (f < 0 || f > 100) throw rangeError('toExponential() argument must be between 0 and 100');
  return args[0] === undefined ? x.toExponential() : x.toExponential(f);
}

function numberToString(x: number, args: unknown[], rt: Runtime): string {
  const radix = args[0] === undefined ? 10 : toIntegerOrInfinity(args[0], rt);
  if (radix < 2 || radix > 36) throw rangeError('toString() radix argument must be between 2 and 36');
  return x.toString(radix);
}

function toLocaleString(x: number, args: unknown[], rt: Runtime): string {
  const [locales, options] = intlArgs(args, 0, rt);
  return intl(() => x.toLocaleString(locales, options));
}

const numberMethods: Record<string, Method> = {
  toFixed,
  toPrecision,
  toExponential,
  toString: numberToString,
  toLocaleString,
  valueOf: (x: number) => x,
};
Object.assign(methodTables.number, numberMethods);

// ---- the Number constructor --------------------------------------------------------------------

/** Static predicates take any value and never convert it, so the host's own are exact. */
const statics: Record<string, unknown> = {
  EPSILON: Number.EPSILON,
  MAX_SAFE_INTEGER: Number.MAX_SAFE_INTEGER,
  MIN_SAFE_INTEGER: Number.MIN_SAFE_INTEGER,
  MAX_VALUE: Number.MAX_VALUE,
  MIN_VALUE: Number.MIN_VALUE,
  NaN: NaN,
  NEGATIVE_INFINITY: -Infinity,
  POSITIVE_INFINITY: Infinity,
  isFinite: fn('isFinite', 1, (args) => Number.isFinite(args[0])),
  isInteger: fn('isInteger', 1, (args) => Number.isInteger(args[0])),
  isNaN: fn('isNaN', 1, (args) => Number.isNaN(args[0])),
  isSafeInteger: fn('isSafeInteger', 1, (args) => Number.isSafeInteger(args[0])),
  parseFloat: fn('parseFloat', 1, (args, rt) => parseFloat(toString(args[0], rt))),
  parseInt: fn('parseInt', 2, (args, rt) => parseInt(toString(args[0], rt), toNumber(args[1], rt))),
};

export const NumberClass = new HostClass({
  toHost: (self: NumberBox) => Object(self.value),
  name: 'Number',
  call: (args, rt) => (args.length === 0 ? 0 : toNumber(args[0], rt)),
  construct: (args, rt) => new NumberBox(args.length === 0 ? 0 : toNumber(args[0], rt)),
  methods: boxMethods(numberMethods),
  statics,
});
bindHostClass(NumberBox, NumberClass);
