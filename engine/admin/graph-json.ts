// The JSON form of a module's pipeline graph (spec §8.2): `{"roots":[i…],"nodes":[{name,t,p?,c?}…]}`,
// nodes numbered depth-first. Two builders share the tree logic: one reads a loaded module (status
// reports, where roots carry internal layout names such as `8080@0.0.0.0`), the other reads script text
// without running it (`POST /api/v1/graph`, the console's flowchart of the file being edited).

import type { Module } from '../module.js';
import type { Expression, CallExpression, Node as AstNode } from 'acorn';
import { parse } from '../../interpreter/index.js';

export type NodeType = 'root' | 'pipeline' | 'filter' | 'link' | 'fork' | 'error';

export interface GraphNode {
  name: string;
  t: NodeType;
  p?: number;
  c?: number[];
}

export interface GraphJSON {
  roots: number[];
  nodes: GraphNode[];
}

/** One layout as the builder needs it: filters with their display name and link targets. */
interface LayoutShape {
  name: string;
  filters: { name: string; targets: string[] }[];
}

class JsonBuilder {
  readonly graph: GraphJSON = { roots: [], nodes: [] };

  constructor(private readonly named: Map<string, LayoutShape>) {}

  private add(name: string, t: NodeType, parent: number | undefined): number {
    const i = this.graph.nodes.push({ name, t }) - 1;
    if (parent === undefined) return i;
    this.graph.nodes[i].p = parent;
    (this.graph.nodes[parent].c ??= []).push(i);
    return i;
  }

  root(layout: LayoutShape): void {
    const i = this.add(layout.name, 'root', undefined);
    this.graph.roots.push(i);
    this.filters(i, layout, [layout.name]);
  }

  private filters(parent: number, layout: LayoutShape, path: string[]): void {
    for (const f of layout.filters) {
      const kind: NodeType = !f.targets.length ? 'filter' : f.name === 'fork' || f.name === 'merge' ? 'fork' : 'link';
      const i = this.add(f.name, kind, parent);
      for (const t of f.targets) this.pipeline(i, t, path);
    }
  }

  private pipeline(parent: number, target: string, path: string[]): void {
    if (target === '') return void this.add('[empty]', 'pipeline', parent);
    if (path.includes(target)) return void this.add(`recursive pipeline: ${target}`, 'error', parent);
    const layout = this.named.get(target);
    if (!layout) return void this.add(`pipeline not found: ${target}`, 'error', parent);
    this.filters(this.add(target, 'pipeline', parent), layout, [...path, target]);
  }
}

/** Roots first, then the named layouts no filter links to. */
function buildGraph(roots: LayoutShape[], named: Map<string, LayoutShape>): GraphJSON {
  const referenced = new Set<string>();
  for (const l of [...roots, ...named.values()]) for (const f of l.filters) for (const t of f.targets) referenced.add(t);
  const b = new JsonBuilder(named);
  for (const l of roots) b.root(l);
  for (const l of named.values()) if (!referenced.has(l.name)) b.root(l);
  return b.graph;
}

// ---- from a loaded module -------------------------------------------------------------------------

export function moduleGraphJSON(m: Module): GraphJSON {
  const shape = (l: Module['roots'][number]): LayoutShape => ({
    name: l.name,
    filters: l.filters.map((f) => ({ name: (f as unknown as { graphLabel?: string }).graphLabel ?? f.name, targets: f.targets() })),
  });
  const named = new Map<string, LayoutShape>();
  for (const [k, l] of m.config?.named ?? []) named.set(k, shape(l));
  return buildGraph(m.roots.map(shape), named);
}

// ---- from script text -----------------------------------------------------------------------------

/** A syntax error in the script; the message is the parser's. */
export class GraphSyntaxError extends Error {}

const singleTarget = new Set(['demux', 'demuxHTTP', 'demuxQueue', 'fork', 'merge', 'mux', 'muxHTTP', 'muxQueue']);
const ignored = new Set(['export', 'import']);

type Call = { method: string; args: Expression[] };

/** The source text of an argument, or its value when it is a literal. */
function argText(source: string, e: Expression | undefined): string {
  if (!e) return '';
  if (e.type === 'Literal') return String(e.value);
  return source.slice((e as AstNode).start, (e as AstNode).end);
}

const literalString = (e: Expression | undefined) => (e && e.type === 'Literal' && typeof e.value === 'string' ? e.value : null);

/** `a.b(…).c(…)` rooted at a `pipy(…)` call, as the list of method calls after it. */
function chainOf(call: CallExpression): Call[] | null {
  const calls: Call[] = [];
  let e: Expression = call;
  while (e.type === 'CallExpression' && e.callee.type === 'MemberExpression' && e.callee.property.type === 'Identifier') {
    calls.unshift({ method: e.callee.property.name, args: e.arguments as Expression[] });
    e = e.callee.object as Expression;
  }
  const isPipy = e.type === 'CallExpression' && e.callee.type === 'Identifier' && e.callee.name === 'pipy';
  return isPipy ? calls : null;
}

/** The longest pipy() chain in the tree (the module's configuration). */
function findChain(root: AstNode): Call[] {
  let best: Call[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (Array.isArray(n)) { stack.push(...n); continue; }
    const node = n as AstNode & Record<string, unknown>;
    if (node.type === 'CallExpression') {
      const chain = chainOf(node as unknown as CallExpression);
      if (chain && chain.length >= best.length) best = chain;
    }
    for (const k of Object.keys(node)) if (k !== 'loc' && typeof node[k] === 'object') stack.push(node[k]);
  }
  return best;
}

function targetsOf(c: Call): string[] {
  if (c.method === 'link') return c.args.filter((_, i) => i % 2 === 0).map((a) => literalString(a) ?? '?');
  if (singleTarget.has(c.method)) return [literalString(c.args[0]) ?? '?'];
  return [];
}

function filterName(source: string, c: Call): string {
  if (c.method !== 'use') return c.method;
  const parts = [argText(source, c.args[0]), argText(source, c.args[1])].filter(Boolean);
  return `use ${parts[0] ?? ''}${parts[1] ? ` [${parts[1]}]` : ''}`;
}

/** Builds the graph JSON of a script without evaluating it; throws GraphSyntaxError. */
export function sourceGraphJSON(source: string): GraphJSON {
  const { expression, diagnostics } = parse(source);
  if (!expression) {
    const d = diagnostics[0];
    throw new GraphSyntaxError(d ? `${d.message} at line ${d.line} column ${d.column}` : 'Syntax error');
  }
  const roots: LayoutShape[] = [];
  const named = new Map<string, LayoutShape>();
  const counts = { listen: 0, task: 0, pipeline: 0, read: 0 };
  let current: LayoutShape | null = null;
  for (const c of findChain(expression as unknown as AstNode)) {
    const layout = startLayout(source, c, counts);
    if (layout) {
      current = layout;
      if (c.method === 'pipeline' && literalString(c.args[0]) !== null) named.set(layout.name, layout);
      else roots.push(layout);
    } else if (!ignored.has(c.method) && current) current.filters.push({ name: filterName(source, c), targets: targetsOf(c) });
  }
  return buildGraph(roots, named);
}

function startLayout(source: string, c: Call, counts: Record<'listen' | 'task' | 'pipeline' | 'read', number>): LayoutShape | null {
  const a = c.args[0];
  const make = (name: string): LayoutShape => ({ name, filters: [] });
  switch (c.method) {
    case 'listen':
      counts.listen++;
      return make(a && a.type === 'Literal' && typeof a.value === 'number' ? `Listen 0.0.0.0:${a.value}` : `Listen #${counts.listen}`);
    case 'task':
      counts.task++;
      return make(a && a.type === 'Literal' ? `Task every ${a.value}` : `Task #${counts.task}`);
    case 'read':
      counts.read++;
      return make(`Read ${argText(source, a) || '#' + counts.read}`);
    case 'pipeline':
      counts.pipeline++;
      return make(literalString(a) ?? `Pipeline #${counts.pipeline}`);
    default:
      return null;
  }
}
