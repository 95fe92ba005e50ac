// The web console: a single page with views chosen by the URL — the codebase list (`/`, `/home`), a
// codebase (`/repo/<path>/`: file tree, editor, graph, run controls, log), the filter reference
// (`/filters`), and the Instances (`/instances`) and Metrics (`/stats`) pages. It talks only to the admin REST API, as Pipy's own console does (spec §9.6).

import './style.css';
import { h, prompt } from './dom.js';
import { call, text, json, visibleFiles, ApiError } from './api.js';
import type { CodebaseInfo, Graph, FilterHelp } from './api.js';
import { createEditor } from './editor.js';
import type { Editor } from './editor.js';
import { renderGraph } from './graph.js';
import { polling, drawInstances, drawMetrics } from './monitor.js';

const app = document.getElementById('app')!;
let leaveView: (() => void) | null = null;

function navigate(path: string): void {
  history.pushState(null, '', path);
  void route();
}

document.addEventListener('click', (e) => {
  const a = (e.target as HTMLElement).closest('a[data-link]') as HTMLAnchorElement | null;
  if (!a || e.ctrlKey || e.metaKey) return;
  e.preventDefault();
  navigate(a.getAttribute('href')!);
});
window.addEventListener('popstate', () => void route());

async function route(): Promise<void> {
  leaveView?.();
  leaveView = null;
  const path = location.pathname;
  if (path.startsWith('/repo/') && path.length > 6) return codebaseView(path.slice(5).replace(/\/$/, ''));
  if (path.startsWith('/filters')) return filtersView();
  if (path.startsWith('/instances')) return instancesView();
  if (path.startsWith('/stats')) return metricsView(new URLSearchParams(location.search).get('name'));
  return homeView();
}

const message = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

// ---- home ---------------------------------------------------------------------------------------------

async function homeView(): Promise<void> {
  const list = (await text('GET', '/api/v1/repo')).split('\n').filter(Boolean);
  const error = h('p', { class: 'error', id: 'home-error' });
  const items = list.map((p) => h('li', {}, h('a', { href: `/repo${p}/`, 'data-link': true, class: 'codebase-link' }, p)));
  const create = async () => {
    const v = await prompt('New Codebase', [{ id: 'codebase-name', label: 'Name', placeholder: '/my/codebase' }, { id: 'codebase-base', label: 'Base (optional)', placeholder: '/base' }], 'create-codebase');
    if (!v || !v['codebase-name']) return;
    const name = '/' + v['codebase-name'].replace(/^\/+/, '');
    try {
      await call('POST', `/api/v1/repo${name}`, v['codebase-base'] ? JSON.stringify({ base: v['codebase-base'] }) : '');
      navigate(`/repo${name}/`);
    } catch (e) {
      error.textContent = message(e);
    }
  };
  app.replaceChildren(h('section', { class: 'home' },
    h('div', { class: 'toolbar' }, h('h2', {}, 'Codebases'), h('button', { id: 'new-codebase', class: 'primary', onclick: create }, 'New Codebase')),
    error,
    items.length ? h('ul', { class: 'codebases' }, ...items) : h('p', { class: 'muted' }, 'No codebases yet.')));
}

// ---- filters ------------------------------------------------------------------------------------------

async function filtersView(): Promise<void> {
  const filters = await json<FilterHelp[]>('/api/v1/filters');
  const rows = filters.map((f) => h('article', { class: 'filter-help', id: `filter-${f.name}` },
    h('h3', {}, h('code', {}, `${f.name}(${f.signature})`)),
    h('p', {}, f.description),
    f.params.length ? h('dl', {}, ...f.params.flatMap(([n, d]) => [h('dt', {}, h('code', {}, n)), h('dd', {}, d)])) : null));
  app.replaceChildren(h('section', { class: 'filters-page' }, h('h2', {}, 'Filters'), ...rows));
}

// ---- instances and metrics ---------------------------------------------------------------------------

function monitorPage(title: string, id: string): HTMLElement {
  const body = h('div', { id });
  app.replaceChildren(h('section', { class: 'monitor' }, h('h2', {}, title), body));
  return body;
}

function instancesView(): void {
  const body = monitorPage('Instances', 'instances-page');
  leaveView = polling(() => drawInstances(body));
}

function metricsView(name: string | null): void {
  const body = monitorPage('Metrics', 'metrics-page');
  // Opening a metric is a navigation, so the browser's back button returns to the list.
  const open = (n: string | null) => navigate(n ? `/stats?name=${encodeURIComponent(n)}` : '/stats');
  leaveView = polling(() => drawMetrics(body, name, open));
}

// ---- a codebase ---------------------------------------------------------------------------------------

class CodebasePage {
  private info!: CodebaseInfo;
  private file = '';
  private dirty = false;
  private readonly tree = h('ul', { class: 'tree', id: 'file-tree' });
  private readonly status = h('span', { class: 'status', id: 'editor-status' });
  private readonly mainFlag = h('input', { type: 'checkbox', id: 'set-main', title: 'Main entry' }) as HTMLInputElement;
  private readonly graph = h('div', { class: 'graph', id: 'graph' });
  private readonly editorHost = h('div', { class: 'editor', id: 'editor' });
  private readonly log = new LogPanel();
  private editor!: Editor;
  private graphTimer = 0;

  constructor(private readonly path: string) {}

  async mount(): Promise<void> {
    const button = (id: string, label: string, title: string, onclick: () => void) => h('button', { id, title, onclick }, label);
    const toolbar = h('div', { class: 'toolbar' },
      h('h2', {}, this.path),
      button('save', 'Save', 'Save', () => void this.save()),
      button('delete-file', 'Delete', 'Delete file', () => void this.remove()),
      h('label', { class: 'flag' }, this.mainFlag, 'Main'),
      button('commit', 'Commit', 'Commit a new version', () => void this.commit()),
      button('run', '▶ Run', 'Run this codebase', () => void this.run()),
      button('stop', '■ Stop', 'Stop the running program', () => void this.stop()),
      this.status);
    this.mainFlag.addEventListener('change', () => void this.setMain());
    const side = h('aside', { class: 'side' },
      h('div', { class: 'side-head' }, h('span', {}, 'Files'), h('button', { id: 'add-file', title: 'New file', onclick: () => void this.addFile() }, '+')),
      this.tree);
    app.replaceChildren(h('section', { class: 'codebase' }, toolbar,
      h('div', { class: 'workspace' }, side, this.editorHost, h('div', { class: 'right' }, h('h4', {}, 'Pipelines'), this.graph)),
      this.log.element));
    this.editor = createEditor(this.editorHost, () => this.changed());
    this.log.start();
    await this.refresh();
    await this.open(this.info.main);
  }

  unmount(): void {
    this.log.stop();
  }

  private async refresh(): Promise<void> {
    this.info = await json<CodebaseInfo>(`/api/v1/repo${this.path}`);
    this.tree.replaceChildren(...this.treeItems(visibleFiles(this.info)));
    this.mainFlag.checked = this.file === this.info.main;
  }

  /** Files grouped under a heading per folder, each file shown by its base name. */
  private treeItems(files: string[]): HTMLElement[] {
    const items: HTMLElement[] = [];
    let folder = '';
    for (const f of files) {
      const dir = f.slice(0, f.lastIndexOf('/') + 1);
      if (dir !== folder && dir !== '/') items.push(h('li', { class: 'folder' }, dir));
      folder = dir;
      items.push(h('li', {
        class: `file${dir !== '/' ? ' nested' : ''}${f === this.file ? ' open' : ''}${this.info.editFiles.includes(f) ? ' edited' : ''}`,
        'data-path': f,
        title: f,
        onclick: () => void this.open(f),
      }, f.slice(dir.length), f === this.info.main ? h('span', { class: 'main-mark', title: 'main' }, ' ★') : null));
    }
    return items;
  }

  private async open(file: string): Promise<void> {
    if (!file) return;
    let content = '';
    try {
      content = await text('GET', `/api/v1/repo${this.path}${file}`);
    } catch {
      content = '';
    }
    this.file = file;
    this.editor.open(file, content);
    this.dirty = false;
    this.setStatus(file);
    await this.refresh();
    this.drawGraph();
  }

  private changed(): void {
    this.dirty = true;
    this.setStatus(`${this.file} (modified)`);
    clearTimeout(this.graphTimer);
    this.graphTimer = window.setTimeout(() => this.drawGraph(), 500);
  }

  private setStatus(s: string): void {
    this.status.textContent = s;
  }

  private async drawGraph(): Promise<void> {
    if (!this.file.endsWith('.js')) return void this.graph.replaceChildren();
    const res = await fetch('/api/v1/graph', { method: 'POST', body: this.editor.text() });
    if (!res.ok) return void this.graph.replaceChildren(h('div', { class: 'graph-error' }, await res.text()));
    renderGraph(this.graph, (await res.json()) as Graph);
  }

  private async save(): Promise<void> {
    if (!this.file) return;
    await call('POST', `/api/v1/repo${this.path}${this.file}`, this.editor.text());
    this.dirty = false;
    this.setStatus(`${this.file} saved`);
    await this.refresh();
  }

  private async addFile(): Promise<void> {
    const v = await prompt('New File', [{ id: 'new-file-name', label: 'Filename', placeholder: '/config/x.json' }], 'create-file');
    if (!v || !v['new-file-name']) return;
    const name = '/' + v['new-file-name'].replace(/^\/+/, '');
    await call('POST', `/api/v1/repo${this.path}${name}`, '');
    await this.open(name);
  }

  private async remove(): Promise<void> {
    if (!this.file) return;
    await call('DELETE', `/api/v1/repo${this.path}${this.file}`);
    this.file = '';
    this.editor.open('', '');
    await this.refresh();
  }

  private async setMain(): Promise<void> {
    if (!this.mainFlag.checked || !this.file) return void (this.mainFlag.checked = this.file === this.info.main);
    await call('POST', `/api/v1/repo${this.path}`, JSON.stringify({ main: this.file }));
    await this.refresh();
  }

  private async commit(): Promise<void> {
    if (this.dirty) await this.save();
    const info = await json<CodebaseInfo>(`/api/v1/repo${this.path}`);
    await call('POST', `/api/v1/repo${this.path}`, JSON.stringify({ version: info.version + 1 }));
    this.setStatus(`committed version ${info.version + 1}`);
    await this.refresh();
  }

  private async run(): Promise<void> {
    if (this.dirty) await this.save();
    try {
      await call('POST', '/api/v1/program', this.path);
      this.setStatus('running');
    } catch (e) {
      this.setStatus(message(e));
    }
    void programStatus();
  }

  private async stop(): Promise<void> {
    await call('DELETE', '/api/v1/program');
    this.setStatus('stopped');
    void programStatus();
  }
}

async function codebaseView(path: string): Promise<void> {
  const page = new CodebasePage(path);
  leaveView = () => page.unmount();
  try {
    await page.mount();
  } catch (e) {
    app.replaceChildren(h('p', { class: 'error' }, message(e)));
  }
}

// ---- the log panel: polls /api/v1/log, faster while lines keep coming -------------------------------

class LogPanel {
  readonly element = h('pre', { class: 'log', id: 'log' });
  private size = 0;
  private timer = 0;
  private stopped = false;

  start(): void {
    void this.poll();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async poll(): Promise<void> {
    let got = false;
    try {
      const res = await fetch('/api/v1/log', { headers: { 'x-log-size': String(this.size) } });
      const body = await res.text();
      this.size = Number(res.headers.get('x-log-size')) || this.size;
      got = body.length > 0;
      if (got) this.append(body);
    } catch {
      // The service may be restarting; keep polling.
    }
    if (!this.stopped) this.timer = window.setTimeout(() => void this.poll(), got ? 100 : 1000);
  }

  private append(body: string): void {
    const atEnd = this.element.scrollTop + this.element.clientHeight >= this.element.scrollHeight - 4;
    this.element.append(body);
    if (atEnd) this.element.scrollTop = this.element.scrollHeight;
  }
}

// ---- header: what is running --------------------------------------------------------------------------

async function programStatus(): Promise<void> {
  const el = document.getElementById('program-status')!;
  try {
    const name = await text('GET', '/api/v1/program');
    el.textContent = name ? `Running: ${name}` : 'Stopped';
  } catch {
    el.textContent = '';
  }
}

setInterval(() => void programStatus(), 2000);
void programStatus();
void route();
