// Short renderings of guest values for error messages (`x is not a function`).
// Never calls guest code: a message must not run the script.

import { Closure, HostClass, HostFunction, HostObject, Namespace, isGuestObject } from './values.js';

export function describeForError(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(v);
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (isGuestObject(v)) return '#<Object>';
  if (v instanceof Closure) return 'function';
  if (v instanceof HostFunction) return `function ${v.name}`;
  if (v instanceof HostClass) return `class ${v.name}`;
  if (v instanceof HostObject) return `#<${v.hostClass.name}>`;
  if (v instanceof Namespace) return `#<${v.name}>`;
  return 'value';
}
