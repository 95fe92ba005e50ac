// JSON text of guest values for log lines (dump heads). Plain objects, arrays and primitives only;
// other natives print as `{}` like Pipy's JSON.

import { isGuestObject } from '../interpreter/index.js';

export function jsonOf(v: unknown, depth = 0): string {
  if (depth > 100) return 'null';
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return String(v);
  }
  if (Array.isArray(v)) return '[' + v.map((x) => jsonOf(x, depth + 1)).join(',') + ']';
  if (isGuestObject(v)) {
    const parts: string[] = [];
    for (const k of Object.keys(v)) {
      const x = v[k];
      if (x === undefined || typeof x === 'function') continue;
      parts.push(JSON.stringify(k) + ':' + jsonOf(x, depth + 1));
    }
    return '{' + parts.join(',') + '}';
  }
  return '{}';
}
