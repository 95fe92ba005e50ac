// Per-stream variables for the engine: a module's context variables (`_x`) and the variables it
// exports (`__x`) live in slots of per-context frames, so the same compiled function can run against
// any stream's context.
//
// A Context holds one frame per module (indexed by the module's frame number). A module's compiled
// code reaches its names through its ContextScope: name → (frame, slot). An imported name binds to a
// slot of the *exporting* module's frame, so reads and writes are shared within one context, exactly
// like Pipy's `__turnDown`. Cloning copies every frame shallowly (object values stay shared, as in
// Pipy); sharing is just passing the same Context on.

/** Where a context variable lives. */
export interface Binding {
  readonly frame: number;
  readonly slot: number;
  readonly readonly: boolean;
}

/** The names one module can see in a context. Filled by the engine before pipelines run. */
export class ContextScope {
  private readonly names = new Map<string, Binding>();

  define(name: string, frame: number, slot: number, options: { readonly?: boolean } = {}): Binding {
    const b: Binding = { frame, slot, readonly: options.readonly ?? false };
    this.names.set(name, b);
    return b;
  }

  lookup(name: string): Binding | undefined {
    return this.names.get(name);
  }

  has(name: string): boolean {
    return this.names.has(name);
  }
}

/** The variables of one stream family: a frame per module. */
export class Context {
  constructor(readonly frames: unknown[][]) {}

  /** A context whose frames start from the given initial values (each frame copied). */
  static fromPrototypes(prototypes: readonly (readonly unknown[])[]): Context {
    return new Context(prototypes.map((p) => p.slice()));
  }

  /** A new context with the current values of this one, shallowly copied (demux, fork with initializers). */
  clone(): Context {
    return new Context(this.frames.map((f) => f.slice()));
  }
}
