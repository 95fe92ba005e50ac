// The compiler's shared state: scopes, positions, and the dispatch into the node table.
//
// A checked PipyJS expression is compiled once into a tree of closures of type `Code`. Each takes the
// current environment frame and the runtime. Identifiers are resolved here, at compile time:
//   - a parameter of an enclosing arrow function → (hops, slot) in the frame chain;
//   - a realm global → its slot in `rt.globals`;
//   - anything else is a context variable of the module, bound on first use through the module's
//     ContextScope (the names exist only once `pipy({...})` has run), then cached in the closure.

import type { Node, Expression, Pattern } from 'acorn';
import type { Runtime } from '../runtime.js';
import type { ContextScope } from '../context.js';
import type { SourcePosition } from '../errors.js';
import { assert } from '../errors.js';

export type Code = (env: unknown[], rt: Runtime) => unknown;

/** The parameters of one arrow function (or the root), slot 0 being the parent link. */
export class FunctionScope {
  readonly names = new Map<string, number>();
  size = 1;
  constructor(
    readonly parent: FunctionScope | null,
    /** The name this function has in backtraces. */
    readonly name: string,
  ) {}

  declare(name: string): number {
    const existing = this.names.get(name);
    if (existing !== undefined) return existing;
    const slot = this.size++;
    this.names.set(name, slot);
    return slot;
  }

  /** A slot holding no name (the raw value of a destructured parameter). */
  anonymous(): number {
    return this.size++;
  }
}

export type Reference =
  | { kind: 'local'; hops: number; slot: number }
  | { kind: 'global'; slot: number }
  | { kind: 'context'; name: string };

/** Realm globals as the compiler sees them: name → slot. */
export interface GlobalNames {
  slotOf(name: string): number | undefined;
}

export class Compiler {
  private readonly lineStarts: number[];
  /** Nesting of the node being compiled within its function: what a call there costs in host stack. */
  depth = 0;

  constructor(
    readonly source: string,
    readonly filename: string,
    readonly globals: GlobalNames,
    readonly contextScope: ContextScope | null,
    private readonly table: Record<string, NodeCompiler>,
  ) {
    this.lineStarts = computeLineStarts(source);
  }

  compile(node: Node, scope: FunctionScope): Code {
    const f = this.table[node.type];
    assert(f, `no compiler for ${node.type} (the grammar check should have rejected it)`);
    this.depth++;
    try {
      return f(this, node as never, scope);
    } finally {
      this.depth--;
    }
  }

  resolve(name: string, scope: FunctionScope): Reference {
    let hops = 0;
    for (let s: FunctionScope | null = scope; s; s = s.parent, hops++) {
      const slot = s.names.get(name);
      if (slot !== undefined) return { kind: 'local', hops, slot };
    }
    const g = this.globals.slotOf(name);
    if (g !== undefined) return { kind: 'global', slot: g };
    return { kind: 'context', name };
  }

  /** 1-based position of a source offset. */
  position(offset: number): SourcePosition {
    let lo = 0, hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { filename: this.filename, line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
  }

  at(node: Node): SourcePosition {
    return this.position(node.start);
  }

  /** The offset of the next `ch` at or after `from`, skipping blanks, comments and `?.`. */
  punctuatorAfter(from: number, ch: string): number {
    const s = this.source;
    let i = from;
    while (i < s.length && s[i] !== ch) {
      if (s.startsWith('//', i)) i = s.indexOf('\n', i) < 0 ? s.length : s.indexOf('\n', i);
      else if (s.startsWith('/*', i)) i = s.indexOf('*/', i + 2) < 0 ? s.length : s.indexOf('*/', i + 2) + 2;
      else i++;
    }
    return i < s.length ? i : from;
  }

  text(node: Node): string {
    return this.source.slice(node.start, node.end);
  }
}

export type NodeCompiler = (c: Compiler, node: any, scope: FunctionScope) => Code;

function computeLineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) {
    const ch = source.charCodeAt(i);
    if (ch === 10) starts.push(i + 1);
    else if (ch === 13 && source.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    else if (ch === 0x2028 || ch === 0x2029) starts.push(i + 1);
  }
  return starts;
}

/** Maximum nesting below a node, computed with an explicit stack (the tree depth is already bounded). */
export function nestingDepth(root: Node): number {
  let max = 0;
  const stack: [Node, number][] = [[root, 1]];
  while (stack.length) {
    const [node, d] = stack.pop()!;
    if (d > max) max = d;
    for (const key in node) {
      if (key === 'loc' || key === 'type') continue;
      const v = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(v)) {
        for (const x of v) if (x && typeof x === 'object' && 'type' in x) stack.push([x as Node, d + 1]);
      } else if (v && typeof v === 'object' && 'type' in v) stack.push([v as Node, d + 1]);
    }
  }
  return max;
}

export type { Expression, Pattern };
