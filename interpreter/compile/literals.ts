// Literals: numbers, strings, booleans, null, template literals, and array and object literals
// (with spread). Every array and object made here is charged against the memory budget.

import type { Literal, TemplateLiteral, ArrayExpression, ObjectExpression, Property, SpreadElement } from 'acorn';
import type { Code, Compiler, FunctionScope } from './compiler.js';
import type { Runtime } from '../runtime.js';
import { GuestObject } from '../values.js';
import { cost } from '../limits.js';
import { toPropertyKey, toString } from '../operations.js';
import { ownKeys, getOwn, setObjectProperty } from '../properties.js';
import { typeError } from '../errors.js';
import { describeForError } from '../describe.js';
import { locate } from './locate.js';

export function compileLiteral(_c: Compiler, node: Literal): Code {
  const v = node.value;
  return () => v;
}

export function compileTemplateLiteral(c: Compiler, node: TemplateLiteral, scope: FunctionScope): Code {
  const quasis = node.quasis.map((q) => q.value.cooked ?? '');
  const parts = node.expressions.map((e) => c.compile(e, scope));
  if (parts.length === 0) return () => quasis[0];
  const pos = c.at(node);
  return (env, rt) => {
    let s = quasis[0];
    for (let i = 0; i < parts.length; i++) {
      const v = parts[i](env, rt);
      const t = typeof v === 'string' ? v : toStringAt(v, rt, pos);
      rt.allocString(s.length + t.length);
      s += t + quasis[i + 1];
    }
    return s;
  };
}

function toStringAt(v: unknown, rt: Runtime, pos: ReturnType<Compiler['at']>): string {
  try {
    return toString(v, rt);
  } catch (e) {
    throw locate(e, pos);
  }
}

// ---- arrays ------------------------------------------------------------------------------------

export function compileArrayExpression(c: Compiler, node: ArrayExpression, scope: FunctionScope): Code {
  const elements = node.elements.map((e) => compileElement(c, e!, scope));
  const hasSpread = node.elements.some((e) => e!.type === 'SpreadElement');
  const bytes = cost.arrayBase + elements.length * cost.element;
  if (!hasSpread) {
    const codes = elements.map((e) => e.code);
    return (env, rt) => {
      rt.alloc(bytes);
      const a = new Array(codes.length);
      for (let i = 0; i < codes.length; i++) a[i] = codes[i](env, rt);
      return a;
    };
  }
  return (env, rt) => {
    rt.alloc(bytes);
    const a: unknown[] = [];
    for (const e of elements) {
      const v = e.code(env, rt);
      if (e.spread) spreadInto(a, v, rt, e.pos);
      else a.push(v);
    }
    return a;
  };
}

interface Element {
  code: Code;
  spread: boolean;
  pos: ReturnType<Compiler['at']>;
}

function compileElement(c: Compiler, e: ArrayExpression['elements'][number] & object, scope: FunctionScope): Element {
  if (e.type === 'SpreadElement') return { code: c.compile(e.argument, scope), spread: true, pos: c.at(e) };
  return { code: c.compile(e, scope), spread: false, pos: c.at(e) };
}

/** Array spread: arrays (holes read as undefined) and strings (by code point) are iterable. */
export function spreadInto(target: unknown[], v: unknown, rt: Runtime, pos: ReturnType<Compiler['at']>): void {
  if (Array.isArray(v)) {
    rt.charge(v.length);
    rt.alloc(v.length * cost.element);
    for (let i = 0; i < v.length; i++) target.push(v[i]);
  } else if (typeof v === 'string') {
    rt.charge(v.length);
    rt.alloc(v.length * cost.element);
    for (const ch of v) target.push(ch);
  } else {
    throw locate(typeError(`${describeForError(v)} is not iterable`), pos);
  }
}

// ---- objects -----------------------------------------------------------------------------------

type Entry = { kind: 'fixed'; key: string; value: Code } | { kind: 'computed'; key: Code; value: Code } | { kind: 'spread'; value: Code };

export function compileObjectExpression(c: Compiler, node: ObjectExpression, scope: FunctionScope): Code {
  const entries = node.properties.map((p) => compileEntry(c, p, scope));
  const bytes = cost.object + entries.length * cost.property;
  const pos = c.at(node);
  return (env, rt) => {
    rt.alloc(bytes);
    const o = new GuestObject();
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      if (e.kind === 'fixed') o[e.key] = e.value(env, rt);
      else if (e.kind === 'computed') {
        const k = computedKey(e.key(env, rt), rt, pos);
        o[k as string] = e.value(env, rt);
      } else spreadObject(o, e.value(env, rt), rt);
    }
    return o;
  };
}

function computedKey(v: unknown, rt: Runtime, pos: ReturnType<Compiler['at']>): string | number {
  try {
    return toPropertyKey(v, rt);
  } catch (e) {
    throw locate(e, pos);
  }
}

function compileEntry(c: Compiler, p: Property | SpreadElement, scope: FunctionScope): Entry {
  if (p.type === 'SpreadElement') return { kind: 'spread', value: c.compile(p.argument, scope) };
  const value = c.compile(p.value, scope);
  if (p.computed) return { kind: 'computed', key: c.compile(p.key, scope), value };
  return { kind: 'fixed', key: staticKey(p), value };
}

/** The key of `name: v`, `'str': v` or `1: v`, as ECMAScript converts it. */
export function staticKey(p: { key: Property['key'] }): string {
  const k = p.key;
  if (k.type === 'Identifier') return k.name;
  if (k.type === 'Literal') return String(k.value);
  return '';
}

/** Object spread copies own enumerable properties; null, undefined and other primitives add nothing (strings add indices). */
export function spreadObject(target: GuestObject, v: unknown, rt: Runtime): void {
  if (v === null || v === undefined) return;
  // Charge before listing: the keys of a long string or array are built by the host.
  if (typeof v === 'string' || Array.isArray(v)) {
    rt.charge(v.length);
    rt.alloc(v.length * cost.property);
  }
  const keys = ownKeys(v);
  rt.charge(keys.length);
  for (const k of keys) setObjectProperty(target, k, getOwn(v, k), rt);
}
