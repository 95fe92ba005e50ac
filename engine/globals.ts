// The globals of a worker's realm: stdlib's (Data, Message, console, os, JSON…) plus the engine's own
// `pipy`. Console lines go to the engine's log.

import { stdlibGlobals, coreJSONOf } from '../stdlib/index.js';
import { Realm } from '../interpreter/index.js';
import type { HostFunction } from '../interpreter/index.js';
import type { StatsModule } from '../stdlib/index.js';
import type { Worker } from './worker.js';
import * as log from './log.js';

// Core built-ins are shared by every realm, so a throwaway realm gives us the core JSON namespace.
let coreJSON: unknown = null;

/** Set by the admin service: one `stats` registry for every worker, so metrics outlive reloads (§10). */
export const sharedStats: { module?: StatsModule } = {};

export function realmGlobals(worker: Worker, pipy: HostFunction): Record<string, unknown> {
  coreJSON ??= coreJSONOf(new Realm());
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  const std = stdlibGlobals({ root: worker.codebase.root, env, log: (level, text) => log.log(level, text), coreJSON, stats: sharedStats.module });
  return { ...std, pipy };
}
