// Identifiers: reads and writes of parameters, globals and context variables, each specialised
// by where the name was resolved at compile time.

import type { Identifier } from 'acorn';
import type { Code, Compiler, FunctionScope, Reference } from './compiler.js';
import type { Runtime } from '../runtime.js';
import type { Binding } from '../context.js';
import type { ContextScope } from '../context.js';
import { referenceError, typeError } from '../errors.js';
import { locate } from './locate.js';

export function compileIdentifier(c: Compiler, node: Identifier, scope: FunctionScope): Code {
  if (node.name === 'undefined') return () => undefined;
  const read = readReference(c, c.resolve(node.name, scope));
  if (c.resolve(node.name, scope).kind !== 'context') return read;
  const pos = c.at(node);
  return (env, rt) => {
    try {
      return read(env, rt);
    } catch (e) {
      throw locate(e, pos);
    }
  };
}

export function readReference(c: Compiler, ref: Reference): Code {
  switch (ref.kind) {
    case 'local':
      return readLocal(ref.hops, ref.slot);
    case 'global': {
      const slot = ref.slot;
      return (_env, rt) => rt.globals[slot];
    }
    case 'context': {
      const lookup = contextLookup(c.contextScope, ref.name);
      return (_env, rt) => {
        const b = lookup(rt);
        return rt.context!.frames[b.frame][b.slot];
      };
    }
  }
}

function readLocal(hops: number, slot: number): Code {
  switch (hops) {
    case 0:
      return (env) => env[slot];
    case 1:
      return (env) => (env[0] as unknown[])[slot];
    case 2:
      return (env) => ((env[0] as unknown[])[0] as unknown[])[slot];
    default:
      return (env) => {
        let e = env;
        for (let i = 0; i < hops; i++) e = e[0] as unknown[];
        return e[slot];
      };
  }
}

/** A writer for a resolved name: `(env, rt, value) => void`. */
export type Writer = (env: unknown[], rt: Runtime, value: unknown) => void;

export function writeReference(c: Compiler, ref: Reference): Writer {
  switch (ref.kind) {
    case 'local': {
      const { hops, slot } = ref;
      if (hops === 0) return (env, _rt, v) => void (env[slot] = v);
      return (env, _rt, v) => {
        let e = env;
        for (let i = 0; i < hops; i++) e = e[0] as unknown[];
        e[slot] = v;
      };
    }
    case 'global': {
      const slot = ref.slot;
      return (_env, rt, v) => void (rt.globals[slot] = v);
    }
    case 'context': {
      const lookup = contextLookup(c.contextScope, ref.name);
      const name = ref.name;
      return (_env, rt, v) => {
        const b = lookup(rt);
        if (b.readonly) throw typeError(`Assignment to constant variable '${name}'`);
        rt.context!.frames[b.frame][b.slot] = v;
      };
    }
  }
}

/**
 * Binds a context variable on first use and caches the binding: a module's names are fixed once it
 * has loaded. Outside a pipeline (at load time) there is no context, so the name does not exist yet.
 */
function contextLookup(scope: ContextScope | null, name: string): (rt: Runtime) => Binding {
  let binding: Binding | undefined;
  return (rt) => {
    binding ??= scope?.lookup(name);
    if (!binding) throw referenceError(`${name} is not defined`);
    if (!rt.context) throw referenceError(`${name} is not defined outside a pipeline (context variables exist only while a stream runs)`);
    return binding;
  };
}

/** `typeof name`: an unresolvable name gives 'undefined', as in ECMAScript. */
export function canResolve(c: Compiler, ref: Reference, rt: Runtime): boolean {
  if (ref.kind !== 'context') return true;
  return !!(rt.context && c.contextScope?.lookup(ref.name));
}
