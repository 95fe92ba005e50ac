// The guest value model: what a PipyJS script can hold, and nothing else.
//
// Primitives are JavaScript's own (undefined, null, boolean, number, string). Objects are one of:
//   - GuestObject: a plain object from a literal, JSON.parse, Object.fromEntries... Its prototype chain is one
//     frozen, empty, null-prototype object, so `o[key]` is an own-property lookup that can never reach
//     Object.prototype (no `constructor`, no `__proto__` accessor), while V8 keeps it in fast mode.
//   - Array: a host array. The evaluator never hands the guest its prototype: reads go through `hasOwn`
//     and the Array method table, and `__proto__` writes become own data properties.
//   - Closure: an arrow function of the script.
//   - HostFunction: a vetted native function (a built-in, a bound method, or an embedder function).
//   - HostClass: a native constructor (Date, RegExp, Data...) with statics, methods and accessors.
//   - HostObject: an instance of a HostClass; its fields are reached only through the class tables.
// Nothing else ever reaches guest code: the embedding boundary (boundary.ts) converts everything.

import type { Runtime } from './runtime.js';

/** Plain guest objects. `new GuestObject()` gives `{}` with no reachable prototype. */
export interface GuestObject {
  [key: string]: unknown;
}
// A function constructor, not a class: its prototype is replaced by a frozen null-prototype object.
export const GuestObject = function GuestObject(this: GuestObject) {} as unknown as { new (): GuestObject; prototype: object };
GuestObject.prototype = Object.freeze(Object.create(null));

export function isGuestObject(v: unknown): v is GuestObject {
  return v instanceof GuestObject;
}

/** A native method: gets its receiver, the arguments, and the running runtime. */
export type Method = (self: any, args: unknown[], rt: Runtime) => unknown;
/** A native function without receiver. */
export type NativeFn = (args: unknown[], rt: Runtime) => unknown;

/** Information shared by every closure made from one arrow-function literal. */
export interface FunctionInfo {
  /** The body, compiled: runs against an environment frame. */
  body: (env: unknown[], rt: Runtime) => unknown;
  /** Declared parameters (simple identifiers or patterns). */
  paramCount: number;
  /** Slots in the frame: 1 (parent link) + parameters + names bound by destructuring. */
  frameSize: number;
  /** Unpacks destructuring parameters into their slots; null when every parameter is a plain name. */
  unpack: ((env: unknown[], rt: Runtime) => void) | null;
  filename: string;
  line: number;
  column: number;
  /** The arrow function's source text, for String(fn). */
  sourceText: string;
}

// `props` (properties a script set on a function or native instance) defaults to null on the
// prototype and becomes an own field only when written: a class-field initialiser would make every
// object creation take V8's slow define-property path (measured: 5-8x slower per Data/Message).

export class Closure {
  /** Properties a script set on the function (functions are objects). */
  declare props: GuestObject | null;
  constructor(readonly info: FunctionInfo, readonly env: unknown[]) {}
}
(Closure.prototype as { props: GuestObject | null }).props = null;

export class HostFunction {
  declare props: GuestObject | null;
  constructor(readonly name: string, readonly fn: NativeFn, readonly length = 0) {}
}
(HostFunction.prototype as { props: GuestObject | null }).props = null;

/** Host-side description of a native class, filled in by `defineClass`. */
export interface HostClassSpec<T = any> {
  name: string;
  /** `new C(...args)`; absent means "not a constructor". */
  construct?: (args: unknown[], rt: Runtime) => T;
  /** `C(...args)` without new; absent means calling it is a TypeError. */
  call?: NativeFn;
  methods?: Record<string, Method>;
  getters?: Record<string, (self: T, rt: Runtime) => unknown>;
  setters?: Record<string, (self: T, value: unknown, rt: Runtime) => void>;
  /** Static members: constants, HostFunctions, nested classes. */
  statics?: Record<string, unknown>;
  /** Decides `v instanceof C` for values that are not HostObjects of this class (Array, Object...). */
  isInstance?: (v: unknown) => boolean;
  /** The text of String(instance) when the class has no toString method. */
  tag?: string;
  parent?: HostClass;
  /** What an embedder receives for an instance handed out of the sandbox (default: `{}`). */
  toHost?: (self: T) => unknown;
}

/** A native constructor as a guest value: typeof 'function', frozen statics. */
export class HostClass {
  readonly name: string;
  readonly methods: Record<string, Method>;
  readonly getters: Record<string, (self: any, rt: Runtime) => unknown>;
  readonly setters: Record<string, (self: any, value: unknown, rt: Runtime) => void>;
  readonly statics: Record<string, unknown>;
  constructor(readonly spec: HostClassSpec) {
    this.name = spec.name;
    // Null-prototype tables: a guest key can never fall through to Object.prototype.
    const base = spec.parent;
    this.methods = table(base?.methods, spec.methods);
    this.getters = table(base?.getters, spec.getters);
    this.setters = table(base?.setters, spec.setters);
    this.statics = table(undefined, spec.statics);
    Object.freeze(this);
  }

  /** True when `v` is an instance of this class or of a subclass. */
  hasInstance(v: unknown): boolean {
    if (this.spec.isInstance?.(v)) return true;
    if (!(v instanceof HostObject)) return false;
    for (let c: HostClass | undefined = v.hostClass; c; c = c.spec.parent) if (c === this) return true;
    return false;
  }
}

function table<V>(base: Record<string, V> | undefined, own: Record<string, V> | undefined): Record<string, V> {
  const t = Object.create(null) as Record<string, V>;
  if (base) Object.assign(t, base);
  if (own) Object.assign(t, own);
  return Object.freeze(t);
}

/**
 * Base of every native instance a script can hold (Date, RegExp, Data, Message...).
 * Subclasses are tied to their HostClass with `bindHostClass`.
 */
export abstract class HostObject {
  declare readonly hostClass: HostClass;
  /** Properties a script added to this instance. */
  declare props: GuestObject | null;
}
(HostObject.prototype as { props: GuestObject | null }).props = null;

/** Ties a TypeScript class to its guest-visible HostClass (all instances then report it). */
export function bindHostClass(cls: abstract new (...args: any[]) => HostObject, hc: HostClass): void {
  Object.defineProperty(cls.prototype, 'hostClass', { value: hc, enumerable: false, writable: false });
}

/** A frozen bag of values exposed as an object (Math, JSON, console...). Scripts cannot modify it. */
export class Namespace {
  readonly members: Record<string, unknown>;
  constructor(readonly name: string, members: Record<string, unknown>) {
    this.members = table(undefined, members);
    Object.freeze(this);
  }
}

export type Callable = Closure | HostFunction | HostClass;

export function isCallable(v: unknown): v is Callable {
  return v instanceof Closure || v instanceof HostFunction || v instanceof HostClass;
}

/** A guest object other than an array: plain, function, native instance or namespace. */
export function isGuestNonArray(v: unknown): boolean {
  return (
    isGuestObject(v) ||
    v instanceof Closure ||
    v instanceof HostFunction ||
    v instanceof HostClass ||
    v instanceof HostObject ||
    v instanceof Namespace
  );
}

/** Any guest object (not a primitive, not null). */
export function isGuestRef(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}

/** The `typeof` operator. */
export function typeOf(v: unknown): string {
  const t = typeof v;
  if (t !== 'object') return t;
  return isCallable(v) ? 'function' : 'object';
}
