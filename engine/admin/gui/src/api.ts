// The console's calls to the admin API (spec §9.6). Every call returns the response text; a non-2xx
// status throws with the server's message so views can show it.

// What GET /api/v1/repo/<codebase> answers: the repository's own type (erased from the bundle).
import type { CodebaseInfo } from '../../repo-store.js';

export type { CodebaseInfo };

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message || `HTTP ${status}`);
  }
}

export async function call(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Response> {
  const res = await fetch(path, { method, body, headers });
  if (!res.ok) throw new ApiError(res.status, await res.text());
  return res;
}

export const text = async (method: string, path: string, body?: string) => (await call(method, path, body)).text();
export const json = async <T>(path: string) => JSON.parse(await text('GET', path)) as T;

export interface GraphNode {
  name: string;
  t: 'root' | 'pipeline' | 'filter' | 'link' | 'fork' | 'error';
  p?: number;
  c?: number[];
}

export interface Graph {
  roots: number[];
  nodes: GraphNode[];
}

export interface Diagnostic {
  message: string;
  line: number;
  column: number;
}

export interface FilterHelp {
  name: string;
  signature: string;
  description: string;
  params: [string, string][];
}

/** Files an editor shows: committed, inherited and edited, minus erased. */
export function visibleFiles(info: CodebaseInfo): string[] {
  const all = new Set([...info.files, ...info.baseFiles, ...info.editFiles]);
  for (const f of info.erasedFiles) all.delete(f);
  return [...all].sort();
}
