// pipy-ts/stdlib: the PipyJS globals beyond the core language (pipyjs-language.md §3.1), and the
// stream vocabulary (Data, events, Message) the engine shares with scripts.
//
// `stdlibGlobals` is THE registry: one line per global name. The core built-ins (Object, Array,
// Math, JSON...) come from the interpreter; `pipy` (Configuration, load, restart, exit) is the
// engine's, which builds `pipy.load` from `createLoader` below.
// Nothing here opens a socket or starts a timer.

import type { Namespace, Realm } from '../interpreter/index.js';
import { DataClass } from './data.js';
import { MessageClass, MessageStartClass, MessageEndClass, StreamEndClass } from './events.js';
import { createConsole } from './console.js';
import type { LogSink } from './console.js';
import { createOs } from './os.js';
import { extendJSON } from './json-data.js';
import { createStats } from './stats.js';
import type { StatsModule } from './stats.js';
import { createHttp } from './http-file.js';
import { createLoader } from './pipy-load.js';
import { algoNamespace } from './algo/index.js';
import { URLClass, URLSearchParamsClass } from './url.js';
import { NetmaskClass } from './netmask.js';
import { XMLNamespace } from './xml.js';
import { HessianNamespace } from './hessian.js';
import { cryptoNamespace } from './crypto/index.js';
import { repeatFunction } from './repeat.js';

export interface StdlibHost {
  /** The codebase root: os, pipy.load and http.File never reach outside it. */
  root: string;
  /** The environment snapshot scripts see as `os.env`. */
  env: Record<string, string>;
  /** Where console lines (and os errors) go. */
  log: LogSink;
  /** The realm's core JSON namespace (see `coreJSONOf`), extended with encode/decode. */
  coreJSON: unknown;
  /** Whether `os.writeFile` may write (default false). */
  writable?: boolean;
  /** The metrics registry to expose as `stats` (default: a new one). */
  stats?: StatsModule;
}

/** Every stdlib global by name, as guest values for `new Realm({ guestGlobals })`. */
export function stdlibGlobals(host: StdlibHost): Record<string, unknown> {
  const coreJSON = asNamespace(host.coreJSON);
  const loader = createLoader(host.root);
  return {
    Data: DataClass,
    Message: MessageClass,
    MessageStart: MessageStartClass,
    MessageEnd: MessageEndClass,
    StreamEnd: StreamEndClass,
    console: createConsole(host.log, coreJSON),
    os: createOs({ root: host.root, env: host.env, writable: host.writable, log: host.log }),
    JSON: extendJSON(coreJSON),
    stats: (host.stats ?? createStats()).namespace,
    http: createHttp(loader),
    algo: algoNamespace(),
    URL: URLClass,
    URLSearchParams: URLSearchParamsClass,
    Netmask: NetmaskClass,
    XML: XMLNamespace,
    Hessian: HessianNamespace,
    crypto: cryptoNamespace(),
    repeat: repeatFunction,
  };
}

function asNamespace(v: unknown): Namespace {
  if (typeof v !== 'object' || v === null || !('members' in v)) throw new TypeError('stdlibGlobals: coreJSON must be the core JSON namespace');
  return v as Namespace;
}

/** The core JSON namespace of a realm (core built-ins are shared, so any realm's will do). */
export function coreJSONOf(realm: Realm): Namespace {
  const slot = realm.slotOf('JSON');
  if (slot === undefined) throw new TypeError('coreJSONOf: the realm has no JSON global');
  return realm.runtime.globals[slot] as Namespace;
}

// ---- host API for the engine ----------------------------------------------------------------------------
export { Data, DataClass, decodeText } from './data.js';
export type { DataEncoding } from './data.js';
export {
  Message,
  MessageStart,
  MessageEnd,
  StreamEnd,
  StreamEndError,
  streamEndErrors,
  isStreamEndErrorName,
  isEvent,
  MessageClass,
  MessageStartClass,
  MessageEndClass,
  StreamEndClass,
} from './events.js';
export type { Event, StreamEndErrorName } from './events.js';
export { createConsole, renderLogLine } from './console.js';
export type { LogLevel, LogSink } from './console.js';
export { createOs, Confinement, Stats, StatsClass } from './os.js';
export type { OsOptions } from './os.js';
export { normalizeCodebasePath, createLoader } from './pipy-load.js';
export type { Loader } from './pipy-load.js';
export { extendJSON } from './json-data.js';
export { createStats, StatsRegistry, Metric, Counter, Gauge, Histogram } from './stats.js';
export type { StatsModule, MetricKind } from './stats.js';
export { createHttp, HttpFile, readHttpFile, fileToMessage, contentTypeOf, parseAcceptEncoding } from './http-file.js';
