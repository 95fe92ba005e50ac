// The engine's built-in traffic metrics (spec §10): bytes in and out of every inbound and outbound
// socket, live outbound connections and their connect times per peer, and live HTTP/2 streams.
//
// Nothing here runs per chunk. Node already counts every socket's bytes (`bytesRead`,
// `bytesWritten`), so a socket is only remembered when it opens; the counts are read when the
// registry is collected (admin sampling or a `/metrics` request) and once more when the socket
// goes, and the difference since the last read is added to the per-peer counters then. Per
// connection there is one Map lookup (its peer's record) and per HTTP/2 stream one 'close'
// listener; connect times are observed when the connection is made.
//
// Tracking starts only when the admin side enables it (`enableTrafficMetrics`), so a plain
// `pipy script.js` pays nothing beyond a flag test per connection.
//
// Not kept: `pipy_object_count` (a count of live script objects per class would need a hook on
// every guest allocation plus a FinalizationRegistry entry per object, as the JS heap has no
// per-class census) and `pipy_chunk_size` (Data here is plain Node Buffers, not Pipy's pooled
// 16 KiB chunks, so the bytes "held" per producer would need a finalizer per Data as well).

import type { Socket } from 'node:net';
import type { Counter, Gauge, Histogram, StatsRegistry } from '../stdlib/index.js';

/** floor(1.5^k) ms for k = 1..20; the +Inf bucket is implicit in Histogram. */
export const connTimeBuckets: readonly number[] = Array.from({ length: 20 }, (_, i) => Math.floor(1.5 ** (i + 1)));

/** Bytes per label combination, not yet added to the registry, and its live connection count. */
class Traffic {
  pendingIn = 0;
  pendingOut = 0;
  live = 0;
  inNode: Counter | null = null;
  outNode: Counter | null = null;
  timeNode: Histogram | null = null;
  constructor(readonly labels: readonly string[]) {}
}

/** One open socket and what of its byte counts was already taken. */
interface Tracked {
  socket: Socket;
  traffic: Traffic;
  lastIn: number;
  lastOut: number;
}

interface Builtins {
  inboundIn: Counter;
  inboundOut: Counter;
  outboundCount: Gauge;
  outboundIn: Counter;
  outboundOut: Counter;
  outboundConnTime: Histogram;
  http2Streams: Gauge;
}

let enabled = false;
let builtins: Builtins | null = null;
const inboundPeers = new Map<string, Traffic>();
const outboundPeers = new Map<string, Traffic>();
const liveInbound = new Map<Socket, Tracked>();
const liveOutbound = new Map<Socket, Tracked>();
/** Live HTTP/2 streams (only those opened while tracking). */
export const http2Streams = { Server: 0, Client: 0 };
/** Connect times observed before the metrics were registered: [peer record, ms]. */
const earlyTimes: [Traffic, number][] = [];

/** Starts counting (the admin service exists, so someone will read the numbers). */
export function enableTrafficMetrics(): void {
  enabled = true;
}

/**
 * Registers the built-in metrics of §10 in table order. `pipy_pipeline_count` and
 * `pipy_inbound_count` are placeholders here: the admin side gives them their collect callbacks.
 */
export function registerBuiltinMetrics(registry: StatsRegistry): void {
  registry.gauge('pipy_pipeline_count', ['module', 'name']);
  registry.gauge('pipy_inbound_count', ['listen', 'peer']);
  const inboundIn = registry.counter('pipy_inbound_in', ['listen', 'peer']);
  const inboundOut = registry.counter('pipy_inbound_out', ['listen', 'peer']);
  const outboundCount = registry.gauge('pipy_outbound_count', ['peer'], collectTraffic);
  const outboundIn = registry.counter('pipy_outbound_in', ['peer']);
  const outboundOut = registry.counter('pipy_outbound_out', ['peer']);
  const outboundConnTime = registry.histogram('pipy_outbound_conn_time', connTimeBuckets, ['peer']);
  const http2 = registry.gauge('pipy_http2_stream_count', ['type'], collectHttp2);
  const next = { inboundIn, inboundOut, outboundCount, outboundIn, outboundOut, outboundConnTime, http2Streams: http2 };
  // Another registration (a second admin object) may hand back other metric objects: re-resolve.
  if (builtins && Object.entries(next).some(([k, m]) => builtins![k as keyof Builtins] !== m)) {
    for (const t of [...inboundPeers.values(), ...outboundPeers.values()]) t.inNode = t.outNode = t.timeNode = null;
  }
  builtins = next;
  for (const [t, ms] of earlyTimes.splice(0)) observeConnTime(t, ms);
}

// ---- hooks for the engine ---------------------------------------------------------------------------

/** An accepted connection on the listener of `ip`:`port` (labelled `port@ip`). */
export function trackInbound(socket: Socket, port: number, ip: string): void {
  if (!enabled) return;
  const listen = `${port}@${ip}`;
  const peer = socket.remoteAddress ?? '';
  const key = listen + '\0' + peer;
  let t = inboundPeers.get(key);
  if (!t) inboundPeers.set(key, (t = new Traffic([listen, peer])));
  track(liveInbound, socket, t);
  socket.once('close', () => untrack(liveInbound, socket));
}

/**
 * An outbound socket being dialled to `host:port`. Its owner removes every listener before it
 * destroys the socket, so the owner also calls `untrackOutbound`; sockets dropped some other way
 * are noticed at the next collect.
 */
export function trackOutbound(socket: Socket, host: string, port: number): void {
  if (!enabled) return;
  const peer = (host.includes(':') ? `[${host}]` : host) + ':' + port;
  let t = outboundPeers.get(peer);
  if (!t) outboundPeers.set(peer, (t = new Traffic([peer])));
  track(liveOutbound, socket, t);
  const start = performance.now();
  socket.once('connect', () => observeConnTime(t, performance.now() - start));
}

export function untrackOutbound(socket: Socket | null): void {
  if (socket && enabled) untrack(liveOutbound, socket);
}

/** A new HTTP/2 stream (`st` emits 'close' when it is over). */
export function trackHttp2Stream(st: { once(event: 'close', f: () => void): unknown }, type: 'Server' | 'Client'): void {
  if (!enabled) return;
  http2Streams[type]++;
  st.once('close', () => http2Streams[type]--);
}

// ---- bookkeeping --------------------------------------------------------------------------------------

function track(live: Map<Socket, Tracked>, socket: Socket, traffic: Traffic): void {
  if (live.has(socket)) return;
  traffic.live++;
  live.set(socket, { socket, traffic, lastIn: 0, lastOut: 0 });
}

function untrack(live: Map<Socket, Tracked>, socket: Socket): void {
  const r = live.get(socket);
  if (!r) return;
  take(r);
  r.traffic.live--;
  live.delete(socket);
}

/** Moves the bytes the socket moved since the last look into its peer's pending counts. */
function take(r: Tracked): void {
  const s = r.socket;
  const bytesIn = s.bytesRead;
  const bytesOut = s.bytesWritten ?? r.lastOut;
  r.traffic.pendingIn += bytesIn - r.lastIn;
  r.traffic.pendingOut += bytesOut - r.lastOut;
  r.lastIn = bytesIn;
  r.lastOut = bytesOut;
}

function observeConnTime(t: Traffic, ms: number): void {
  if (!builtins) return void earlyTimes.push([t, ms]);
  (t.timeNode ??= builtins.outboundConnTime.withLabels(...t.labels)!).observe(ms);
}

function sweep(live: Map<Socket, Tracked>): void {
  for (const r of live.values()) {
    if (r.socket.destroyed) untrack(live, r.socket);
    else take(r);
  }
}

function fold(peers: Map<string, Traffic>, counterIn: Counter, counterOut: Counter): void {
  for (const t of peers.values()) {
    if (t.pendingIn) (t.inNode ??= counterIn.withLabels(...t.labels)!).increase(t.pendingIn);
    if (t.pendingOut) (t.outNode ??= counterOut.withLabels(...t.labels)!).increase(t.pendingOut);
    t.pendingIn = t.pendingOut = 0;
  }
}

/** The collect callback of `pipy_outbound_count`: also brings every byte counter up to date. */
function collectTraffic(g: Gauge): void {
  const b = builtins;
  if (!b) return;
  sweep(liveInbound);
  sweep(liveOutbound);
  fold(inboundPeers, b.inboundIn, b.inboundOut);
  fold(outboundPeers, b.outboundIn, b.outboundOut);
  // Peers without a live connection drop out of the gauge, as closed inbound peers do.
  g.zero();
  g.clear();
  for (const t of outboundPeers.values()) if (t.live > 0) g.withLabels(...t.labels)!.increase(t.live);
}

function collectHttp2(g: Gauge): void {
  g.withLabels('Server')!.set(http2Streams.Server);
  g.withLabels('Client')!.set(http2Streams.Client);
}
