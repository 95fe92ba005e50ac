// Member access `a.b`, `a[k]`, and optional chains `a?.b`, `a?.[k]`, `f?.()`.
//
// Inside a ChainExpression an optional link that meets null or undefined returns the SHORT marker,
// every later link passes it on untouched, and the ChainExpression turns it into undefined: the
// ECMAScript short-circuit of the whole chain. SHORT never escapes a chain.

import type { MemberExpression, ChainExpression, Expression, Super } from 'acorn';
import type { Code, Compiler, FunctionScope } from './compiler.js';
import type { Runtime } from '../runtime.js';
import type { SourcePosition } from '../errors.js';
import { isGuestObject } from '../values.js';
import { getProperty, getObjectProperty } from '../properties.js';
import { toPropertyKey } from '../operations.js';
import { locate } from './locate.js';
import { memberKey } from './operators.js';

export const SHORT: unknown = Object.freeze({ shortCircuit: true });

export function compileChainExpression(c: Compiler, node: ChainExpression, scope: FunctionScope): Code {
  const inner = c.compile(node.expression, scope);
  return (env, rt) => {
    const v = inner(env, rt);
    return v === SHORT ? undefined : v;
  };
}

/** Compiles the object part of a link; a nested chain link may yield SHORT. */
export function compileChainElement(c: Compiler, node: Expression | Super, scope: FunctionScope): Code {
  return c.compile(node, scope);
}

export function compileMemberExpression(c: Compiler, node: MemberExpression, scope: FunctionScope): Code {
  const obj = c.compile(node.object, scope);
  const pos = c.at(node.property);
  const optional = node.optional;
  if (!node.computed) {
    const name = (node.property as { name: string }).name;
    return (env, rt) => {
      const o = obj(env, rt);
      if (isGuestObject(o)) {
        const v = o[name];
        if (v !== undefined) return v;
        return getObjectProperty(o, name);
      }
      if (o === SHORT || (optional && (o === null || o === undefined))) return SHORT;
      return getAt(o, name, rt, pos);
    };
  }
  const key = memberKey(c, node, scope);
  return (env, rt) => {
    const o = obj(env, rt);
    if (o === SHORT || (optional && (o === null || o === undefined))) return SHORT;
    const k = key(env, rt);
    if (Array.isArray(o) && typeof k === 'number' && k >= 0 && Number.isInteger(k)) return o[k];
    return getAt(o, typeof k === 'string' ? k : keyAt(k, rt, pos), rt, pos);
  };
}

export function getAt(o: unknown, key: string | number, rt: Runtime, pos: SourcePosition): unknown {
  try {
    return getProperty(o, key, rt);
  } catch (e) {
    throw locate(e, pos);
  }
}

export function keyAt(k: unknown, rt: Runtime, pos: SourcePosition): string | number {
  try {
    return toPropertyKey(k, rt);
  } catch (e) {
    throw locate(e, pos);
  }
}
