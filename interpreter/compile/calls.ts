// Calls `f(a, b)`, method calls `o.m(a)`, optional calls `f?.()`, and `new C(a)`.
//
// A call of a closure is inlined here, specialised by argument count so that the common cases build
// their frame as an array literal. A method call on a built-in (`s.slice(1)`, `a.map(f)`) invokes the
// native method with its receiver directly, without making a bound function first.

import type { CallExpression, NewExpression, MemberExpression, Expression } from 'acorn';
import type { Code, Compiler, FunctionScope } from './compiler.js';
import type { Runtime } from '../runtime.js';
import type { SourcePosition } from '../errors.js';
import { typeError } from '../errors.js';
import { Closure, HostFunction, HostClass, isGuestObject } from '../values.js';
import type { Method } from '../values.js';
import { getProperty, lookupMethod, methodTables, own } from '../properties.js';
import { makeFrame, traceCallSite, traceInto } from '../runtime.js';
import { SHORT, getAt, keyAt } from './members.js';
import { memberKey } from './operators.js';

interface Site {
  pos: SourcePosition;
  caller: string;
  text: string;
  /** Host stack a call here holds: the closures of the caller between its root and this site. */
  units: number;
}

/** Host frames of the call machinery itself (call closure, invokeFrame, the callee's body). */
const callOverhead = 3;

export function compileCallExpression(c: Compiler, node: CallExpression, scope: FunctionScope): Code {
  const site: Site = {
    pos: c.position(c.punctuatorAfter(node.callee.end, '(')),
    caller: scope.name,
    text: calleeText(c, node.callee as Expression),
    units: c.depth + callOverhead,
  };
  const args = node.arguments.map((a) => c.compile(a as Expression, scope));
  if (node.callee.type === 'MemberExpression') return compileMethodCall(c, node, node.callee, args, site, scope);
  const callee = c.compile(node.callee, scope);
  return compileValueCall(callee, args, node.optional, site);
}

function calleeText(c: Compiler, callee: Expression): string {
  const t = c.text(callee);
  return t.length > 60 ? t.slice(0, 60) + '…' : t;
}

// ---- f(args) -----------------------------------------------------------------------------------

function compileValueCall(callee: Code, args: Code[], optional: boolean, site: Site): Code {
  const skip = (f: unknown) => f === SHORT || (optional && (f === null || f === undefined));
  switch (args.length) {
    case 0:
      return (env, rt) => {
        const f = callee(env, rt);
        if (skip(f)) return SHORT;
        return f instanceof Closure && f.info.frameSize === 1 ? invokeFrame(f, [f.env], rt, site) : callValue(f, [], rt, site);
      };
    case 1: {
      const [a0] = args;
      return (env, rt) => {
        const f = callee(env, rt);
        if (skip(f)) return SHORT;
        const a = a0(env, rt);
        if (f instanceof Closure && f.info.frameSize === 2 && f.info.unpack === null) return invokeFrame(f, [f.env, a], rt, site);
        return callValue(f, [a], rt, site);
      };
    }
    case 2: {
      const [a0, a1] = args;
      return (env, rt) => {
        const f = callee(env, rt);
        if (skip(f)) return SHORT;
        const a = a0(env, rt), b = a1(env, rt);
        if (f instanceof Closure && f.info.frameSize === 3 && f.info.unpack === null) return invokeFrame(f, [f.env, a, b], rt, site);
        return callValue(f, [a, b], rt, site);
      };
    }
    case 3: {
      const [a0, a1, a2] = args;
      return (env, rt) => {
        const f = callee(env, rt);
        if (skip(f)) return SHORT;
        const a = a0(env, rt), b = a1(env, rt), d = a2(env, rt);
        if (f instanceof Closure && f.info.frameSize === 4 && f.info.unpack === null) return invokeFrame(f, [f.env, a, b, d], rt, site);
        return callValue(f, [a, b, d], rt, site);
      };
    }
  }
  return (env, rt) => {
    const f = callee(env, rt);
    if (skip(f)) return SHORT;
    return callValue(f, evalArgs(args, env, rt), rt, site);
  };
}

function evalArgs(args: Code[], env: unknown[], rt: Runtime): unknown[] {
  const values = new Array(args.length);
  for (let i = 0; i < args.length; i++) values[i] = args[i](env, rt);
  return values;
}

/** Runs a closure on a frame already built for it. */
function invokeFrame(f: Closure, frame: unknown[], rt: Runtime, site: Site): unknown {
  const info = f.info;
  try {
    rt.enterCall(site.units);
    if (info.unpack !== null) info.unpack(frame, rt);
    const r = info.body(frame, rt);
    rt.depth--;
    rt.stack -= site.units;
    return r;
  } catch (e) {
    throw traceCallSite(traceInto(e, info), site.caller, site.pos);
  }
}

/** Calls any value with an argument array. */
function callValue(f: unknown, args: unknown[], rt: Runtime, site: Site): unknown {
  if (f instanceof Closure) return invokeFrame(f, makeFrame(f, args), rt, site);
  try {
    if (f instanceof HostFunction) return f.fn(args, rt);
    if (f instanceof HostClass) return rt.call(f, args);
  } catch (e) {
    throw traceCallSite(e, site.caller, site.pos, nativeName(f));
  }
  throw traceCallSite(typeError(`${site.text} is not a function`), site.caller, site.pos);
}

function nativeName(f: unknown): string | undefined {
  return f instanceof HostFunction || f instanceof HostClass ? f.name : undefined;
}

// ---- o.m(args) ---------------------------------------------------------------------------------

function compileMethodCall(
  c: Compiler,
  node: CallExpression,
  callee: MemberExpression,
  args: Code[],
  site: Site,
  scope: FunctionScope,
): Code {
  const obj = c.compile(callee.object, scope);
  const key = memberKey(c, callee, scope);
  const keyPos = c.at(callee.property);
  const optionalBase = callee.optional;
  const optionalCall = node.optional;
  return (env, rt) => {
    const o = obj(env, rt);
    if (o === SHORT || (optionalBase && (o === null || o === undefined))) return SHORT;
    const kv = key(env, rt);
    const k = typeof kv === 'string' ? kv : keyAt(kv, rt, keyPos);
    const native = typeof k === 'string' ? directMethod(o, k) : undefined;
    if (native) return callNative(native, o, evalArgs(args, env, rt), rt, site, k as string);
    const f = isGuestObject(o) ? o[k as string] : getAt(o, k, rt, keyPos);
    if (optionalCall && (f === null || f === undefined)) return SHORT;
    return callValue(f, evalArgs(args, env, rt), rt, site);
  };
}

/** The native method `o.k` names, when no own property of `o` shadows it. */
function directMethod(o: unknown, k: string): Method | undefined {
  if (isGuestObject(o)) return own(o, k) ? undefined : methodTables.object[k];
  return lookupMethod(o, k);
}

function callNative(m: Method, self: unknown, args: unknown[], rt: Runtime, site: Site, name: string): unknown {
  try {
    return m(self, args, rt);
  } catch (e) {
    throw traceCallSite(e, site.caller, site.pos, name);
  }
}

// ---- new C(args) -------------------------------------------------------------------------------

export function compileNewExpression(c: Compiler, node: NewExpression, scope: FunctionScope): Code {
  const callee = c.compile(node.callee, scope);
  const args = node.arguments.map((a) => c.compile(a as Expression, scope));
  const site: Site = { pos: c.at(node), caller: scope.name, text: calleeText(c, node.callee as Expression), units: c.depth + callOverhead };
  return (env, rt) => {
    const f = callee(env, rt);
    const values = evalArgs(args, env, rt);
    if (!(f instanceof HostClass) || !f.spec.construct) {
      throw traceCallSite(typeError(`${site.text} is not a constructor`), site.caller, site.pos);
    }
    try {
      return f.spec.construct(values, rt);
    } catch (e) {
      throw traceCallSite(e, site.caller, site.pos, f.name);
    }
  };
}

export { getProperty };
