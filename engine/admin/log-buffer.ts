// The lines `GET /api/v1/log` serves: every line the engine logs, counted from process start, the last
// 1000 kept. It wraps the engine's log sink rather than reading the engine's own history because the
// client asks "what came after line n", which needs the running total, not just the tail.

import { setLogSink } from '../log.js';

const keep = 1000;
const lines: string[] = [];
let total = 0;
let installed = false;

/** Starts capturing (idempotent); lines still go wherever they went before. */
export function captureLog(): void {
  if (installed) return;
  installed = true;
  const previous = setLogSink((line) => {
    lines.push(line);
    total++;
    if (lines.length > keep) lines.shift();
    previous(line);
  });
}

export function logSize(): number {
  return total;
}

/** The lines after the first `known` ones (as many as are still kept). */
export function linesAfter(known: number): string[] {
  const first = total - lines.length;
  const from = Math.max(0, Math.min(Number.isFinite(known) ? known : 0, total) - first);
  return lines.slice(from);
}
