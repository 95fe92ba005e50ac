// The guest globals the stdlib suite runs with: every stdlib global over an empty scratch codebase.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Realm } from '../interpreter/index.js';
import { stdlibGlobals, coreJSONOf } from '../stdlib/index.js';

let root: string | undefined;

export function stdlibTestGlobals(): Record<string, unknown> {
  root ??= mkdtempSync(join(tmpdir(), 'pipy-conformance-'));
  return stdlibGlobals({ root, env: {}, log: () => {}, coreJSON: coreJSONOf(new Realm()) });
}
