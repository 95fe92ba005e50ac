// Unary, binary, logical, conditional and comma operators. Each operator gets its own closure with a
// fast path for the primitive operands it usually sees; objects take the slow path through
// ToPrimitive (operations.ts), located at the operator for error messages.

import type { UnaryExpression, BinaryExpression, LogicalExpression, ConditionalExpression, SequenceExpression, MemberExpression } from 'acorn';
import type { Code, Compiler, FunctionScope } from './compiler.js';
import type { Runtime } from '../runtime.js';
import type { SourcePosition } from '../errors.js';
import { add, arithmetic, compare, looseEquals, instanceOf, isPrimitive, toBoolean, toNumber, toPropertyKey, concat } from '../operations.js';
import { deleteProperty, hasProperty } from '../properties.js';
import { typeOf } from '../values.js';
import { canResolve, readReference } from './identifiers.js';
import { locate } from './locate.js';
import { typeError } from '../errors.js';
import { describeForError } from '../describe.js';
import { compileChainElement, SHORT } from './members.js';

/** Runs a slow path and locates any error at the operator. */
function at<T>(pos: SourcePosition, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw locate(e, pos);
  }
}

// ---- unary -------------------------------------------------------------------------------------

export function compileUnaryExpression(c: Compiler, node: UnaryExpression, scope: FunctionScope): Code {
  const pos = c.at(node);
  if (node.operator === 'typeof') return compileTypeof(c, node, scope);
  if (node.operator === 'delete') return compileDelete(c, node, scope);
  const arg = c.compile(node.argument, scope);
  switch (node.operator) {
    case '!':
      return (env, rt) => !toBoolean(arg(env, rt));
    case 'void':
      return (env, rt) => void arg(env, rt);
    case '-':
      return (env, rt) => {
        const v = arg(env, rt);
        return typeof v === 'number' ? -v : -at(pos, () => toNumber(v, rt));
      };
    case '+':
      return (env, rt) => {
        const v = arg(env, rt);
        return typeof v === 'number' ? v : at(pos, () => toNumber(v, rt));
      };
    case '~':
      return (env, rt) => {
        const v = arg(env, rt);
        return typeof v === 'number' ? ~v : ~at(pos, () => toNumber(v, rt));
      };
  }
  throw new Error(`unary ${node.operator}`);
}

function compileTypeof(c: Compiler, node: UnaryExpression, scope: FunctionScope): Code {
  if (node.argument.type === 'Identifier') {
    const name = node.argument.name;
    if (name === 'undefined') return () => 'undefined';
    const ref = c.resolve(name, scope);
    const read = readReference(c, ref);
    return (env, rt) => (canResolve(c, ref, rt) ? typeOf(read(env, rt)) : 'undefined');
  }
  const arg = c.compile(node.argument, scope);
  return (env, rt) => typeOf(arg(env, rt));
}

function compileDelete(c: Compiler, node: UnaryExpression, scope: FunctionScope): Code {
  let target = node.argument;
  const chained = target.type === 'ChainExpression';
  if (target.type === 'ChainExpression') target = target.expression;
  if (target.type !== 'MemberExpression') {
    const arg = c.compile(node.argument, scope);
    return (env, rt) => (arg(env, rt), true);
  }
  const member = target as MemberExpression;
  const obj = chained ? compileChainElement(c, member.object, scope) : c.compile(member.object, scope);
  const key = memberKey(c, member, scope);
  const optional = member.optional;
  const pos = c.at(member.property);
  return (env, rt) => {
    const o = obj(env, rt);
    if (o === SHORT || (optional && (o === null || o === undefined))) return true;
    const k = key(env, rt);
    return at(pos, () => deleteProperty(o, toPropertyKey(k, rt)));
  };
}

/** The key of a member expression as a Code (constant for `a.b`). */
export function memberKey(c: Compiler, node: MemberExpression, scope: FunctionScope): Code {
  if (!node.computed) {
    const name = (node.property as { name: string }).name;
    return () => name;
  }
  return c.compile(node.property, scope);
}

// ---- binary ------------------------------------------------------------------------------------

export function compileBinaryExpression(c: Compiler, node: BinaryExpression, scope: FunctionScope): Code {
  const left = c.compile(node.left, scope);
  const right = c.compile(node.right, scope);
  const pos = c.position(c.punctuatorAfter(node.left.end, node.operator[0]));
  const op = node.operator;
  switch (op) {
    case '+':
      return (env, rt) => {
        const a = left(env, rt), b = right(env, rt);
        if (typeof a === 'number' && typeof b === 'number') return a + b;
        if (typeof a === 'string' && typeof b === 'string') return concat(a, b, rt);
        return at(pos, () => add(a, b, rt));
      };
    case '===':
      return (env, rt) => left(env, rt) === right(env, rt);
    case '!==':
      return (env, rt) => left(env, rt) !== right(env, rt);
    case '==':
      return (env, rt) => {
        const a = left(env, rt), b = right(env, rt);
        return isPrimitive(a) && isPrimitive(b) ? a == b : at(pos, () => looseEquals(a, b, rt));
      };
    case '!=':
      return (env, rt) => {
        const a = left(env, rt), b = right(env, rt);
        return isPrimitive(a) && isPrimitive(b) ? a != b : !at(pos, () => looseEquals(a, b, rt));
      };
    case '<': case '>': case '<=': case '>=':
      return compileRelational(op, left, right, pos);
    case 'in':
      return (env, rt) => {
        const k = left(env, rt), o = right(env, rt);
        // ECMAScript checks the right side before converting the key.
        if (isPrimitive(o)) throw locate(typeError(`Cannot use 'in' operator to search for ${describeForError(k)} in ${describeForError(o)}`), pos);
        return at(pos, () => hasProperty(o, toPropertyKey(k, rt)));
      };
    case 'instanceof':
      return (env, rt) => {
        const v = left(env, rt), f = right(env, rt);
        return at(pos, () => instanceOf(v, f));
      };
  }
  return compileArithmetic(op, left, right, pos);
}

function compileRelational(op: string, left: Code, right: Code, pos: SourcePosition): Code {
  const fast = {
    '<': (a: number, b: number) => a < b,
    '>': (a: number, b: number) => a > b,
    '<=': (a: number, b: number) => a <= b,
    '>=': (a: number, b: number) => a >= b,
  }[op]!;
  if (op === '<') {
    return (env, rt) => {
      const a = left(env, rt), b = right(env, rt);
      if (typeof a === 'number' && typeof b === 'number') return a < b;
      return isPrimitive(a) && isPrimitive(b) ? fast(a as number, b as number) : at(pos, () => compare(op, a, b, rt));
    };
  }
  return (env, rt) => {
    const a = left(env, rt), b = right(env, rt);
    return isPrimitive(a) && isPrimitive(b) ? fast(a as number, b as number) : at(pos, () => compare(op, a, b, rt));
  };
}

function compileArithmetic(op: string, left: Code, right: Code, pos: SourcePosition): Code {
  const f = arithmetic[op];
  const slow = (a: unknown, b: unknown, rt: Runtime) =>
    at(pos, () => {
      const x = toNumber(a, rt);
      return f(x, toNumber(b, rt));
    });
  if (op === '-') {
    return (env, rt) => {
      const a = left(env, rt), b = right(env, rt);
      return typeof a === 'number' && typeof b === 'number' ? a - b : slow(a, b, rt);
    };
  }
  if (op === '*') {
    return (env, rt) => {
      const a = left(env, rt), b = right(env, rt);
      return typeof a === 'number' && typeof b === 'number' ? a * b : slow(a, b, rt);
    };
  }
  return (env, rt) => {
    const a = left(env, rt), b = right(env, rt);
    return typeof a === 'number' && typeof b === 'number' ? f(a, b) : slow(a, b, rt);
  };
}

// ---- logical, conditional, comma ----------------------------------------------------------------

export function compileLogicalExpression(c: Compiler, node: LogicalExpression, scope: FunctionScope): Code {
  const left = c.compile(node.left, scope);
  const right = c.compile(node.right, scope);
  switch (node.operator) {
    case '&&':
      return (env, rt) => {
        const a = left(env, rt);
        return toBoolean(a) ? right(env, rt) : a;
      };
    case '||':
      return (env, rt) => {
        const a = left(env, rt);
        return toBoolean(a) ? a : right(env, rt);
      };
    default:
      return (env, rt) => {
        const a = left(env, rt);
        return a === null || a === undefined ? right(env, rt) : a;
      };
  }
}

export function compileConditionalExpression(c: Compiler, node: ConditionalExpression, scope: FunctionScope): Code {
  const test = c.compile(node.test, scope);
  const yes = c.compile(node.consequent, scope);
  const no = c.compile(node.alternate, scope);
  return (env, rt) => {
    const t = test(env, rt);
    return (typeof t === 'boolean' ? t : toBoolean(t)) ? yes(env, rt) : no(env, rt);
  };
}

export function compileSequenceExpression(c: Compiler, node: SequenceExpression, scope: FunctionScope): Code {
  const parts = node.expressions.map((e) => c.compile(e, scope));
  const last = parts.pop()!;
  if (parts.length === 1) {
    const first = parts[0];
    return (env, rt) => (first(env, rt), last(env, rt));
  }
  return (env, rt) => {
    for (let i = 0; i < parts.length; i++) parts[i](env, rt);
    return last(env, rt);
  };
}
