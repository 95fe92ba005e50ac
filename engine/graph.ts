// The `[config]` pipeline graph printed for every module after it loads (spec §8.2). A tree of the
// module's drawn pipelines (roots by title, then named layouts nothing links to), rendered as Pipy's
// ASCII flowchart: sub-pipelines inline under the filter that links to them, outputs routed back to
// the link with `-->|`. Unknown and recursive targets are drawn, then reported as errors.

import type { Module } from './module.js';
import type { PipelineLayout } from './pipeline.js';
import type { Filter } from './filter.js';

type Kind = 'root' | 'pipeline' | 'filter' | 'link' | 'fork';

interface Node {
  kind: Kind;
  name: string;
  parent: Node | null;
  children: Node[];
}

/** The display name of a filter: `use` shows its modules, a few filters are drawn under other names. */
function labelOf(f: Filter): string {
  const label = (f as unknown as { graphLabel?: string }).graphLabel;
  return label ?? f.name;
}

class TreeBuilder {
  readonly errors: string[] = [];

  constructor(private readonly module: Module) {}

  root(layout: PipelineLayout): Node {
    const node: Node = { kind: 'root', name: layout.title, parent: null, children: [] };
    this.addFilters(node, layout, [layout.name]);
    return node;
  }

  private addFilters(parent: Node, layout: PipelineLayout, path: string[]): void {
    for (const f of layout.filters) parent.children.push(this.filter(parent, f, path));
  }

  private filter(parent: Node, f: Filter, path: string[]): Node {
    const targets = f.targets();
    const kind: Kind = !targets.length ? 'filter' : f.name === 'fork' || f.name === 'merge' ? 'fork' : 'link';
    const node: Node = { kind, name: labelOf(f), parent, children: [] };
    for (const t of targets) node.children.push(this.pipeline(node, t, path));
    return node;
  }

  private pipeline(parent: Node, target: string, path: string[]): Node {
    const node: Node = { kind: 'pipeline', name: target, parent, children: [] };
    if (target === '') node.name = '[empty]';
    else if (path.includes(target)) node.name = this.error(`recursive pipeline: ${target}`);
    else {
      const layout = this.module.layoutNamed(target);
      if (!layout) node.name = this.error(`pipeline not found: ${target}`);
      else this.addFilters(node, layout, [...path, target]);
    }
    return node;
  }

  private error(message: string): string {
    this.errors.push(message);
    return message;
  }
}

// ---- rendering ------------------------------------------------------------------------------------

const isLast = (n: Node) => n.parent !== null && n.parent.children[n.parent.children.length - 1] === n;

/** Indentation from the enclosing pipeline nodes, outermost first (root excluded). */
function indent(pipeline: Node | null): string {
  let s = '';
  for (let p = pipeline; p && p.kind === 'pipeline'; p = p.parent!.parent) {
    const last = p.parent!.kind === 'link' && isLast(p);
    s = (last ? '       ' : '  |    ') + s;
  }
  return s;
}

const baseOf = (filter: Node) => '    ' + indent(filter.parent);
const pipelineBase = (p: Node) => '    ' + indent(p.parent!.parent) + '  |--> ';

/** The link node an exiting line in pipeline `p` flows back into, if any. */
function exitTarget(p: Node): Node | null {
  if (p.kind === 'root') return null;
  let x: Node = p.parent!;
  while (x.kind === 'link' && isLast(x) && x.parent!.kind !== 'root') x = x.parent!.parent!;
  return x.kind === 'link' ? x : null;
}

class Renderer {
  readonly lines: string[] = [];
  private readonly exits = new Map<number, Node>();

  root(node: Node): string[] {
    this.lines.push('----->|', '      |');
    for (const f of node.children) this.filter(f);
    const last = node.children[node.children.length - 1];
    if (!last || last.kind !== 'link') this.lines.push('      |', '<-----|');
    return this.lines;
  }

  private filter(f: Node): void {
    const base = baseOf(f);
    this.push(base + ' ' + f.name, f.kind === 'filter' && isLast(f) ? exitTarget(f.parent!) : null);
    if (f.kind === 'filter') return;
    for (const p of f.children) {
      this.lines.push(base + '  |');
      this.pipeline(p);
    }
    if (f.kind === 'fork') this.lines.push(base + '  |');
    else if (f.parent!.kind === 'root' || !isLast(f)) this.close(f, base);
  }

  private pipeline(p: Node): void {
    this.push(pipelineBase(p) + '[' + p.name + ']', p.children.length ? null : exitTarget(p));
    for (const f of p.children) this.filter(f);
  }

  private push(line: string, exit: Node | null): void {
    if (exit) this.exits.set(this.lines.length, exit);
    this.lines.push(line);
  }

  /** Routes every line exiting into `link` back to it with arrows, then continues below it. */
  private close(link: Node, base: string): void {
    let first = -1;
    for (const [i, target] of this.exits) if (target === link && (first < 0 || i < first)) first = i;
    const lines = this.lines;
    const m = first < 0 ? base.length : Math.max(...lines.slice(first).map((l) => l.length));
    for (let i = Math.max(first, 0); first >= 0 && i < lines.length; i++) {
      const pad = m - lines[i].length;
      lines[i] += this.exits.get(i) === link ? ' ' + '-'.repeat(pad) + '-->|' : ' '.repeat(pad + 4) + '|';
    }
    lines.push(base + ' '.repeat(m - base.length + 4) + '|');
    if (link.parent!.kind === 'root' && isLast(link)) return void lines.push('<' + '-'.repeat(m + 3) + '|');
    lines.push(base + ' '.repeat(m - base.length + 4) + 'v', base + '  |<' + '-'.repeat(m - base.length + 1), base + '  |', base + '  v');
  }
}

// ---- the module's graph ---------------------------------------------------------------------------

/** The drawn pipelines in order: roots by title, then named layouts no filter links to. */
function drawnLayouts(module: Module): PipelineLayout[] {
  const roots = [...module.roots].sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
  const referenced = new Set<string>();
  const named = [...(module.config?.named.values() ?? [])];
  for (const l of [...module.roots, ...named]) for (const f of l.filters) for (const t of f.targets()) referenced.add(t);
  const loose = named.filter((l) => !referenced.has(l.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
  return [...roots, ...loose];
}

/** Lines of the module's graph (without the `[config]` prefix) and the first error, if any. */
export function moduleGraph(module: Module): { lines: string[]; errors: string[] } {
  const title = `Module ${module.path}`;
  const lines = ['[config]', `[config] ${title}`, `[config] ${'='.repeat(title.length)}`, '[config]'];
  const builder = new TreeBuilder(module);
  for (const layout of drawnLayouts(module)) {
    const tree = builder.root(layout);
    const body = [`[${layout.title}]`, ...new Renderer().root(tree), ''];
    lines.push(...body.map((l) => '[config]  ' + l));
  }
  return { lines, errors: builder.errors };
}
