// Assignment targets: names, members, and object/array destructuring patterns, shared by
// parameters and by `=` assignments. Destructuring follows ECMAScript: objects are read through
// property access (so primitives work, null and undefined throw), arrays and strings by index.

import type { Pattern, ObjectPattern, ArrayPattern, MemberExpression, Identifier } from 'acorn';
import type { Code, Compiler, FunctionScope } from './compiler.js';
import type { Runtime } from '../runtime.js';
import { typeError } from '../errors.js';
import { setProperty, getProperty } from '../properties.js';
import { toPropertyKey } from '../operations.js';
import { describeForError } from '../describe.js';
import { writeReference } from './identifiers.js';
import type { Writer } from './identifiers.js';
import { locate } from './locate.js';
import { memberKey } from './operators.js';
import { staticKey } from './literals.js';

/** Declares every name a pattern binds in the function scope (parameters only). */
export function declarePatternNames(p: Pattern, scope: FunctionScope): void {
  switch (p.type) {
    case 'Identifier':
      scope.declare(p.name);
      return;
    case 'ObjectPattern':
      for (const prop of p.properties) if (prop.type === 'Property') declarePatternNames(prop.value as Pattern, scope);
      return;
    case 'ArrayPattern':
      for (const e of p.elements) if (e) declarePatternNames(e, scope);
      return;
  }
}

/** A writer that stores a value into a target: `(env, rt, value) => void`. */
export function compileTarget(c: Compiler, p: Pattern, scope: FunctionScope): Writer {
  switch (p.type) {
    case 'Identifier':
      return identifierTarget(c, p, scope);
    case 'MemberExpression':
      return memberTarget(c, p, scope);
    case 'ObjectPattern':
      return objectPatternTarget(c, p, scope);
    case 'ArrayPattern':
      return arrayPatternTarget(c, p, scope);
  }
  throw new Error(`unsupported assignment target ${p.type}`);
}

function identifierTarget(c: Compiler, p: Identifier, scope: FunctionScope): Writer {
  const write = writeReference(c, c.resolve(p.name, scope));
  const pos = c.at(p);
  return (env, rt, v) => {
    try {
      write(env, rt, v);
    } catch (e) {
      throw locate(e, pos);
    }
  };
}

function memberTarget(c: Compiler, p: MemberExpression, scope: FunctionScope): Writer {
  const obj = c.compile(p.object, scope);
  const key = memberKey(c, p, scope);
  const pos = c.at(p.property);
  return (env, rt, v) => {
    const o = obj(env, rt);
    const k = key(env, rt);
    try {
      setProperty(o, typeof k === 'string' ? k : toPropertyKey(k, rt), v, rt);
    } catch (e) {
      throw locate(e, pos);
    }
  };
}

function objectPatternTarget(c: Compiler, p: ObjectPattern, scope: FunctionScope): Writer {
  const pos = c.at(p);
  const entries = p.properties.map((prop) => {
    if (prop.type !== 'Property') throw new Error('rest element in pattern');
    const key: Code = prop.computed ? c.compile(prop.key, scope) : constant(staticKey(prop));
    return { key, target: compileTarget(c, prop.value as Pattern, scope) };
  });
  return (env, rt, v) => {
    if (v === null || v === undefined) throw locate(typeError(`Cannot destructure '${describeForError(v)}' as it is ${v}.`), pos);
    for (const e of entries) {
      const k = e.key(env, rt);
      let value: unknown;
      try {
        value = getProperty(v, typeof k === 'string' ? k : toPropertyKey(k, rt), rt);
      } catch (err) {
        throw locate(err, pos);
      }
      e.target(env, rt, value);
    }
  };
}

function arrayPatternTarget(c: Compiler, p: ArrayPattern, scope: FunctionScope): Writer {
  const pos = c.at(p);
  const targets = p.elements.map((e) => (e ? compileTarget(c, e, scope) : null));
  return (env, rt, v) => {
    const items = iterableItems(v, targets.length, rt);
    if (!items) throw locate(typeError(`${describeForError(v)} is not iterable`), pos);
    targets.forEach((t, i) => t?.(env, rt, items[i]));
  };
}

/** The first `n` items of an iterable guest value (arrays and strings), or null if not iterable. */
function iterableItems(v: unknown, n: number, rt: Runtime): unknown[] | null {
  if (Array.isArray(v)) return v.slice(0, n);
  if (typeof v === 'string') {
    rt.charge(n);
    return Array.from(v).slice(0, n);
  }
  return null;
}

function constant(v: unknown): Code {
  return () => v;
}
