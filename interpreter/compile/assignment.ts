// Assignment `=`, compound assignment (`+=` … `**=`), logical assignment (`&&= ||= ??=`) and
// `++`/`--`, on names and on members. ECMAScript order: the target's object and key first, then
// the old value (compound forms), then the right side, then the store.

import type { AssignmentExpression, UpdateExpression, MemberExpression, Pattern, Identifier } from 'acorn';
import type { Code, Compiler, FunctionScope } from './compiler.js';
import type { Runtime } from '../runtime.js';
import type { SourcePosition } from '../errors.js';
import { getProperty, setProperty } from '../properties.js';
import { add, arithmetic, toBoolean, toNumber, toPropertyKey } from '../operations.js';
import { readReference, writeReference } from './identifiers.js';
import { compileTarget } from './patterns.js';
import { locate } from './locate.js';
import { memberKey } from './operators.js';

/** Read-modify-write access to one target, evaluated once. */
interface Place {
  /** Evaluates the target's object and key; returns a handle for get and set. */
  open(env: unknown[], rt: Runtime): { get(): unknown; set(v: unknown): void };
}

function at<T>(pos: SourcePosition, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw locate(e, pos);
  }
}

function placeOf(c: Compiler, node: Identifier | MemberExpression, scope: FunctionScope): Place {
  if (node.type === 'Identifier') {
    const ref = c.resolve(node.name, scope);
    const read = readReference(c, ref), write = writeReference(c, ref);
    const pos = c.at(node);
    return {
      open: (env, rt) => ({
        get: () => at(pos, () => read(env, rt)),
        set: (v) => at(pos, () => write(env, rt, v)),
      }),
    };
  }
  const obj = c.compile(node.object, scope);
  const key = memberKey(c, node, scope);
  const pos = c.at(node.property);
  return {
    open: (env, rt) => {
      const o = obj(env, rt);
      const kv = key(env, rt);
      const k = at(pos, () => (typeof kv === 'string' ? kv : toPropertyKey(kv, rt)));
      return {
        get: () => at(pos, () => getProperty(o, k, rt)),
        set: (v) => at(pos, () => setProperty(o, k, v, rt)),
      };
    },
  };
}

export function compileAssignmentExpression(c: Compiler, node: AssignmentExpression, scope: FunctionScope): Code {
  const right = c.compile(node.right, scope);
  if (node.operator === '=') return compilePlainAssignment(c, node.left as Pattern, right, scope);
  const place = placeOf(c, node.left as Identifier | MemberExpression, scope);
  const op = node.operator.slice(0, -1);
  const pos = c.at(node);
  if (op === '&&' || op === '||' || op === '??') return compileLogicalAssignment(op, place, right);
  const combine = op === '+' ? add : numeric(arithmetic[op]);
  return (env, rt) => {
    const p = place.open(env, rt);
    const old = p.get();
    const v = at(pos, () => combine(old, right(env, rt), rt));
    p.set(v);
    return v;
  };
}

function numeric(f: (a: number, b: number) => number) {
  return (a: unknown, b: unknown, rt: Runtime) => {
    const x = toNumber(a, rt);
    return f(x, toNumber(b, rt));
  };
}

function compilePlainAssignment(c: Compiler, left: Pattern, right: Code, scope: FunctionScope): Code {
  if (left.type === 'Identifier') {
    const write = writeReference(c, c.resolve(left.name, scope));
    const pos = c.at(left);
    return (env, rt) => {
      const v = right(env, rt);
      try {
        write(env, rt, v);
      } catch (e) {
        throw locate(e, pos);
      }
      return v;
    };
  }
  if (left.type === 'MemberExpression' && !left.computed && left.object.type !== 'Super') {
    const obj = c.compile(left.object, scope);
    const name = (left.property as Identifier).name;
    const pos = c.at(left.property);
    return (env, rt) => {
      const o = obj(env, rt);
      const v = right(env, rt);
      at(pos, () => setProperty(o, name, v, rt));
      return v;
    };
  }
  if (left.type === 'MemberExpression') {
    const place = placeOf(c, left, scope);
    return (env, rt) => {
      const p = place.open(env, rt);
      const v = right(env, rt);
      p.set(v);
      return v;
    };
  }
  const target = compileTarget(c, left, scope);
  return (env, rt) => {
    const v = right(env, rt);
    target(env, rt, v);
    return v;
  };
}

function compileLogicalAssignment(op: string, place: Place, right: Code): Code {
  const needed =
    op === '&&' ? (v: unknown) => toBoolean(v) : op === '||' ? (v: unknown) => !toBoolean(v) : (v: unknown) => v === null || v === undefined;
  return (env, rt) => {
    const p = place.open(env, rt);
    const old = p.get();
    if (!needed(old)) return old;
    const v = right(env, rt);
    p.set(v);
    return v;
  };
}

export function compileUpdateExpression(c: Compiler, node: UpdateExpression, scope: FunctionScope): Code {
  const place = placeOf(c, node.argument as Identifier | MemberExpression, scope);
  const delta = node.operator === '++' ? 1 : -1;
  const prefix = node.prefix;
  const pos = c.at(node);
  return (env, rt) => {
    const p = place.open(env, rt);
    const old = p.get();
    const n = typeof old === 'number' ? old : at(pos, () => toNumber(old, rt));
    const v = n + delta;
    p.set(v);
    return prefix ? v : n;
  };
}
