// Property access for every kind of guest value: the only code that reads or writes a property
// on behalf of a script. This is where the sandbox holds: a key is looked up in the value's own
// data and then in a vetted, null-prototype method table, never through a host prototype.

import { rangeError, typeError } from './errors.js';
import {
  Closure,
  GuestObject,
  HostClass,
  HostFunction,
  HostObject,
  Namespace,
  isGuestObject,
} from './values.js';
import type { Method } from './values.js';
import type { Runtime } from './runtime.js';
import { cost, maxArrayLength } from './limits.js';
import { describeForError } from './describe.js';

/** Method tables for built-in kinds, filled by builtins/*.ts. Null-prototype, frozen after setup. */
export const methodTables = {
  object: Object.create(null) as Record<string, Method>,
  array: Object.create(null) as Record<string, Method>,
  string: Object.create(null) as Record<string, Method>,
  number: Object.create(null) as Record<string, Method>,
  boolean: Object.create(null) as Record<string, Method>,
  function: Object.create(null) as Record<string, Method>,
};

const hasOwn = Object.prototype.hasOwnProperty;
export function own(o: object, key: string | number): boolean {
  return hasOwn.call(o, key);
}

/** A method read as a value is bound to its receiver (`f = s.charAt; f(1)` works). */
export function bindMethod(name: string, m: Method, self: unknown): HostFunction {
  return new HostFunction(name, (args, rt) => m(self, args, rt));
}

// ---- get ---------------------------------------------------------------------------------------

export function getProperty(base: unknown, key: string | number, rt: Runtime): unknown {
  if (isGuestObject(base)) return getObjectProperty(base, key);
  if (typeof base === 'string') return getStringProperty(base, key);
  if (Array.isArray(base)) return getArrayProperty(base, key);
  if (base === undefined || base === null) throw typeError(`Cannot read properties of ${base} (reading '${String(key)}')`);
  if (typeof base === 'number') return methodOrUndefined(methodTables.number, key, base);
  if (typeof base === 'boolean') return methodOrUndefined(methodTables.boolean, key, base);
  if (base instanceof HostObject) return getHostObjectProperty(base, key, rt);
  if (base instanceof Namespace) return own(base.members, key) ? base.members[key] : methodOrUndefined(methodTables.object, key, base);
  if (base instanceof HostClass) return getClassProperty(base, key);
  if (base instanceof Closure || base instanceof HostFunction) return getFunctionProperty(base, key);
  return undefined;
}

export function getObjectProperty(o: GuestObject, key: string | number): unknown {
  const v = o[key as string];
  if (v !== undefined || own(o, key)) return v;
  return methodOrUndefined(methodTables.object, key, o);
}

function getStringProperty(s: string, key: string | number): unknown {
  if (typeof key === 'number') return key < s.length ? s[key] : undefined;
  if (key === 'length') return s.length;
  const m = methodTables.string[key];
  if (m) return bindMethod(key, m, s);
  const i = canonicalIndex(key);
  return i >= 0 && i < s.length ? s[i] : undefined;
}

function getArrayProperty(a: unknown[], key: string | number): unknown {
  if (typeof key === 'number') return a[key];
  if (key === 'length') return a.length;
  if (own(a, key)) return a[key as unknown as number];
  return methodOrUndefined(methodTables.array, key, a);
}

function getHostObjectProperty(o: HostObject, key: string | number, rt: Runtime): unknown {
  const hc = o.hostClass;
  const k = String(key);
  const g = hc.getters[k];
  if (g) return g(o, rt);
  const m = hc.methods[k];
  if (m) return bindMethod(k, m, o);
  if (o.props && own(o.props, k)) return o.props[k];
  return methodOrUndefined(methodTables.object, k, o);
}

function getClassProperty(c: HostClass, key: string | number): unknown {
  const k = String(key);
  if (own(c.statics, k)) return c.statics[k];
  if (k === 'name') return c.name;
  return methodOrUndefined(methodTables.function, k, c);
}

function getFunctionProperty(f: Closure | HostFunction, key: string | number): unknown {
  const k = String(key);
  if (f.props && own(f.props, k)) return f.props[k];
  if (k === 'length') return f instanceof Closure ? f.info.paramCount : f.length;
  if (k === 'name') return f instanceof HostFunction ? f.name : '';
  return methodOrUndefined(methodTables.function, k, f);
}

function methodOrUndefined(table: Record<string, Method>, key: string | number, self: unknown): unknown {
  const m = table[key as string];
  return m ? bindMethod(String(key), m, self) : undefined;
}

/** The method a call site `base.key(...)` invokes directly, without binding, or undefined. */
export function lookupMethod(base: unknown, key: string): Method | undefined {
  if (typeof base === 'string') return methodTables.string[key];
  if (Array.isArray(base)) return own(base, key) ? undefined : methodTables.array[key];
  if (typeof base === 'number') return methodTables.number[key];
  if (base instanceof HostObject) {
    if (base.props && own(base.props, key)) return undefined;
    return base.hostClass.methods[key] ?? (base.hostClass.getters[key] ? undefined : methodTables.object[key]);
  }
  if (isGuestObject(base)) return own(base, key) ? undefined : methodTables.object[key];
  if (typeof base === 'boolean') return methodTables.boolean[key];
  if (base instanceof Namespace) return own(base.members, key) ? undefined : methodTables.object[key];
  if (base instanceof HostClass) return own(base.statics, key) ? undefined : methodTables.function[key];
  return undefined;
}

/** `"12"` → 12 for canonical array-index strings, else -1. */
export function canonicalIndex(key: string): number {
  const n = Number(key);
  return Number.isInteger(n) && n >= 0 && n < 4294967295 && String(n) === key ? n : -1;
}

// ---- set ---------------------------------------------------------------------------------------

export function setProperty(base: unknown, key: string | number, value: unknown, rt: Runtime): void {
  if (isGuestObject(base)) return setObjectProperty(base, key, value, rt);
  if (Array.isArray(base)) return setArrayProperty(base, key, value, rt);
  if (base === undefined || base === null) throw typeError(`Cannot set properties of ${base} (setting '${String(key)}')`);
  if (base instanceof HostObject) return setHostObjectProperty(base, String(key), value, rt);
  if (base instanceof Closure || base instanceof HostFunction) {
    base.props ??= new GuestObject();
    return setObjectProperty(base.props, key, value, rt);
  }
  if (base instanceof Namespace || base instanceof HostClass) {
    throw typeError(`Cannot assign to read only property '${String(key)}' of ${describeForError(base)}`);
  }
  throw typeError(`Cannot create property '${String(key)}' on ${typeof base} ${describeForError(base)}`);
}

export function setObjectProperty(o: GuestObject, key: string | number, value: unknown, rt: Runtime): void {
  if (!own(o, key)) rt.alloc(cost.property);
  o[key as string] = value;
}

function setArrayProperty(a: unknown[], key: string | number, value: unknown, rt: Runtime): void {
  if (typeof key === 'string') {
    const i = canonicalIndex(key);
    if (i < 0) return setArrayNamed(a, key, value, rt);
    key = i;
  }
  if (key >= a.length) growArray(a, key + 1, rt);
  a[key] = value;
}

function setArrayNamed(a: unknown[], key: string, value: unknown, rt: Runtime): void {
  if (key === 'length') return setArrayLength(a, value, rt);
  rt.alloc(cost.property);
  // Defined, not assigned: assignment of `__proto__` would reach Object.prototype's setter.
  Object.defineProperty(a, key, { value, writable: true, enumerable: true, configurable: true });
}

export function setArrayLength(a: unknown[], value: unknown, rt: Runtime): void {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 4294967295) throw rangeError('Invalid array length');
  if (n > a.length) growArray(a, n, rt);
  a.length = n;
}

/** Guards growth: the memory budget pays for elements, and arrays stay below maxArrayLength. */
export function growArray(a: unknown[], newLength: number, rt: Runtime): void {
  if (newLength > maxArrayLength) throw rangeError(`array length ${newLength} exceeds the limit of ${maxArrayLength}`);
  rt.alloc((newLength - a.length) * cost.element);
}

function setHostObjectProperty(o: HostObject, key: string, value: unknown, rt: Runtime): void {
  const hc = o.hostClass;
  const s = hc.setters[key];
  if (s) return s(o, value, rt);
  if (hc.getters[key] || hc.methods[key]) {
    throw typeError(`Cannot assign to read only property '${key}' of ${describeForError(o)}`);
  }
  o.props ??= new GuestObject();
  setObjectProperty(o.props, key, value, rt);
}

// ---- delete and in -----------------------------------------------------------------------------

export function deleteProperty(base: unknown, key: string | number): boolean {
  if (base === undefined || base === null) throw typeError(`Cannot convert ${base} to object`);
  if (isGuestObject(base)) return delete base[key as string];
  if (Array.isArray(base)) {
    if (key === 'length') throw typeError("Cannot delete property 'length' of [object Array]");
    return delete (base as unknown as Record<string, unknown>)[key as string];
  }
  const props = propsOf(base);
  if (props) return delete props[String(key)];
  if (typeof base === 'string' && (key === 'length' || (typeof key === 'number' && key < base.length))) {
    throw typeError(`Cannot delete property '${String(key)}' of [object String]`);
  }
  return true;
}

function propsOf(v: unknown): GuestObject | null {
  if (v instanceof HostObject || v instanceof Closure || v instanceof HostFunction) return v.props;
  return null;
}

/** The `in` operator. */
export function hasProperty(base: unknown, key: string | number): boolean {
  if (isGuestObject(base)) return own(base, key) || !!methodTables.object[key as string];
  if (Array.isArray(base)) {
    if (typeof key === 'number') return key in base;
    return key === 'length' || own(base, key) || !!methodTables.array[key];
  }
  if (base instanceof HostObject) {
    const hc = base.hostClass, k = String(key);
    return !!(hc.getters[k] || hc.methods[k] || (base.props && own(base.props, k)) || methodTables.object[k]);
  }
  if (base instanceof Namespace) return own(base.members, key);
  if (base instanceof HostClass) return own(base.statics, key);
  if (base instanceof Closure || base instanceof HostFunction) {
    const k = String(key);
    return !!((base.props && own(base.props, k)) || k === 'length' || k === 'name' || methodTables.function[k]);
  }
  throw typeError(`Cannot use 'in' operator to search for '${String(key)}' in ${describeForError(base)}`);
}

/** Own enumerable string keys in ECMAScript order (Object.keys, spread, JSON). */
export function ownKeys(v: unknown): string[] {
  if (isGuestObject(v)) return Object.keys(v);
  if (Array.isArray(v)) return Object.keys(v);
  if (typeof v === 'string') return Object.keys(v);
  const props = propsOf(v);
  return props ? Object.keys(props) : [];
}

/** Reads an own key listed by ownKeys. */
export function getOwn(v: unknown, key: string): unknown {
  if (isGuestObject(v) || Array.isArray(v)) return (v as Record<string, unknown>)[key];
  if (typeof v === 'string') return v[Number(key)];
  const props = propsOf(v);
  return props ? props[key] : undefined;
}
