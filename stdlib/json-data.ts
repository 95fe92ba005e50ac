// JSON.encode / JSON.decode (pipyjs-language.md §3.10): JSON.stringify / JSON.parse writing to and
// reading from Data. The interpreter owns JSON itself; its namespace is frozen, so `extendJSON`
// builds a new JSON namespace with the core members plus these two, which call the core functions
// through `rt.call` (same semantics, same budgets).
//
// `encode` of a value JSON has no text for (undefined, a function) gives undefined, like stringify.
// `decode` reads the bytes as UTF-8 (invalid sequences become U+FFFD); `decode(null)` is undefined.

import { Buffer } from 'node:buffer';
import { HostFunction, Namespace, cost } from '../interpreter/index.js';
import type { Runtime } from '../interpreter/index.js';
import { Data } from './data.js';
import { expectData, optional } from './arguments.js';

export function extendJSON(coreJSON: Namespace): Namespace {
  const { stringify, parse } = coreJSON.members;
  if (stringify === undefined || parse === undefined) throw new TypeError('extendJSON: the core JSON namespace lacks stringify or parse');
  return new Namespace(coreJSON.name, {
    ...coreJSON.members,
    encode: new HostFunction('encode', (args, rt) => encode(stringify, args, rt), 3),
    decode: new HostFunction('decode', (args, rt) => decode(parse, args, rt), 1),
  });
}

function encode(stringify: unknown, args: unknown[], rt: Runtime): Data | undefined {
  const text = rt.call(stringify, args.slice(0, 3));
  if (typeof text !== 'string') return undefined;
  rt.alloc(cost.object + Buffer.byteLength(text));
  return Data.fromString(text);
}

function decode(parse: unknown, args: unknown[], rt: Runtime): unknown {
  const data = optional(args[0], 0, (v, i) => expectData(v, i, 'Data'));
  if (!data) return undefined;
  rt.allocString(data.size);
  return rt.call(parse, [data.toString()]);
}
