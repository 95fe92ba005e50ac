// The code editor: CodeMirror 6 with JavaScript highlighting for scripts, and live grammar diagnostics
// from the interpreter's checker (`POST /api/v1/check`), drawn as squiggles with the message on hover.
// Checking runs on the server so the console and `pipy` can never disagree about what is valid.

import { EditorView, basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import type { Extension } from '@codemirror/state';
import { javascript } from '@codemirror/lang-javascript';
import { linter, lintGutter } from '@codemirror/lint';
import type { Diagnostic as LintDiagnostic } from '@codemirror/lint';
import type { Diagnostic } from './api.js';

async function checkScript(view: EditorView): Promise<LintDiagnostic[]> {
  const doc = view.state.doc;
  const res = await fetch('/api/v1/check', { method: 'POST', body: doc.toString() });
  if (!res.ok) return [];
  const list = (await res.json()) as Diagnostic[];
  return list.map((d) => {
    const line = doc.line(Math.min(Math.max(d.line, 1), doc.lines));
    const from = Math.min(line.from + Math.max(d.column - 1, 0), line.to);
    const to = from < line.to ? from + 1 : from;
    return { from, to, severity: 'error', message: d.message, source: 'PipyJS' };
  });
}

export interface Editor {
  view: EditorView;
  /** Loads a file's text; scripts get highlighting and diagnostics. */
  open(path: string, text: string): void;
  text(): string;
}

export function createEditor(parent: HTMLElement, onChange: () => void): Editor {
  const changes = EditorView.updateListener.of((u) => u.docChanged && onChange());
  const stateFor = (path: string, text: string) => {
    const extensions: Extension[] = [basicSetup, changes, EditorView.lineWrapping];
    if (path.endsWith('.js')) extensions.push(javascript(), linter(checkScript, { delay: 300 }), lintGutter());
    return EditorState.create({ doc: text, extensions });
  };
  const view = new EditorView({ parent, state: stateFor('', '') });
  return {
    view,
    open: (path, text) => view.setState(stateFor(path, text)),
    text: () => view.state.doc.toString(),
  };
}
