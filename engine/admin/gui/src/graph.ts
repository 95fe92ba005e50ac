// Draws a module's pipeline graph (the JSON of spec §8.2) as nested boxes: each root pipeline with its
// filters in order, and under a joint filter the sub-pipelines it links to. Errors (unknown or
// recursive pipelines) are shown in red where they occur.

import { h } from './dom.js';
import type { Graph, GraphNode } from './api.js';

function nodeView(g: Graph, i: number): HTMLElement {
  const n: GraphNode = g.nodes[i];
  const kids = (n.c ?? []).map((c) => nodeView(g, c));
  if (n.t === 'root' || n.t === 'pipeline') {
    return h('div', { class: `pipeline ${n.t}` }, h('div', { class: 'pipeline-name' }, n.name), h('div', { class: 'filters' }, ...kids));
  }
  if (n.t === 'error') return h('div', { class: 'graph-error' }, n.name);
  return h('div', { class: `filter ${n.t}` }, h('span', { class: 'filter-name' }, n.name), kids.length ? h('div', { class: 'subs' }, ...kids) : null);
}

export function renderGraph(target: HTMLElement, g: Graph): void {
  target.replaceChildren(...(g.roots.length ? g.roots.map((r) => nodeView(g, r)) : [h('p', { class: 'muted' }, 'No pipelines')]));
}
