// Methods of function values (arrow closures, native functions and classes): toString, call, apply, bind.
// PipyJS functions are arrows, which have no `this` of their own, so the receiver argument of call,
// apply and bind is accepted and ignored, exactly as ECMAScript does for arrow functions.

import { typeError } from '../errors.js';
import { Closure, HostClass, HostFunction } from '../values.js';
import type { Method } from '../values.js';
import type { Runtime } from '../runtime.js';
import { getProperty, methodTables } from '../properties.js';
import { cost } from '../limits.js';
import { newArray, toLength } from './args.js';

/** Function.prototype.toString: a closure's source text, or V8's text for natives. */
export function functionSource(f: unknown): string {
  if (f instanceof Closure) return f.info.sourceText;
  if (f instanceof HostFunction || f instanceof HostClass) return `function ${f.name}() { [native code] }`;
  throw typeError('Function.prototype.toString requires that \'this\' be a Function');
}

/** CreateListFromArrayLike for apply: arrays and objects with a length. */
function listFromArrayLike(v: unknown, rt: Runtime): unknown[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) {
    const out = newArray(v.length, rt);
    rt.charge(v.length);
    for (let i = 0; i < v.length; i++) out[i] = v[i];
    return out;
  }
  if (typeof v !== 'object') throw typeError('CreateListFromArrayLike called on non-object');
  const len = toLength(getProperty(v, 'length', rt), rt);
  const out = newArray(len, rt);
  rt.charge(len);
  for (let i = 0; i < len; i++) out[i] = getProperty(v, i, rt);
  return out;
}

function rest(args: unknown[], from: number): unknown[] {
  const out: unknown[] = [];
  for (let i = from; i < args.length; i++) out.push(args[i]);
  return out;
}

/** bind pre-fills arguments; the result's length and name follow ECMAScript. */
function bind(f: Closure | HostFunction | HostClass, args: unknown[], rt: Runtime): HostFunction {
  const bound = rest(args, 1);
  rt.alloc(cost.closure + bound.length * cost.element);
  const arity = f instanceof Closure ? f.info.paramCount : f instanceof HostFunction ? f.length : 0;
  const name = `bound ${f instanceof Closure ? '' : f.name}`;
  const call = (callArgs: unknown[], rt2: Runtime) => rt2.call(f, bound.length ? [...bound, ...callArgs] : callArgs);
  return new HostFunction(name, call, Math.max(0, arity - bound.length));
}

const functionMethods: Record<string, Method> = {
  toString: (f: unknown) => functionSource(f),
  call: (f, args, rt) => rt.call(f, rest(args, 1)),
  apply: (f, args, rt) => rt.call(f, listFromArrayLike(args[1], rt)),
  bind,
};
Object.assign(methodTables.function, functionMethods);
