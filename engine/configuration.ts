// The PipyJS Configuration object (spec §1): what `pipy()` returns and every module evaluates to.
// This file is the one registry from method name to implementation: the structure methods below and
// the filter table at the end, which also feeds `--list-filters` and `--help-filters`.

import { HostClass, HostObject, bindHostClass, isGuestObject, isCallable } from '../interpreter/index.js';
import type { Method, Runtime } from '../interpreter/index.js';
import { PipelineLayout } from './pipeline.js';
import type { Module } from './module.js';
import type { Filter } from './filter.js';
import { fail, need, str, optObj, optBool, isAbsent } from './args.js';
import { Connect } from './filters/connect.js';
import { DecodeHTTPRequest } from './filters/decode-http-request.js';
import { DecodeHTTPResponse } from './filters/decode-http-response.js';
import { Demux } from './filters/demux.js';
import { DemuxHTTP } from './filters/demux-http.js';
import { DemuxQueue } from './filters/demux-queue.js';
import { Dummy } from './filters/dummy.js';
import { Dump } from './filters/dump.js';
import { EncodeHTTPRequest } from './filters/encode-http-request.js';
import { EncodeHTTPResponse } from './filters/encode-http-response.js';
import { Exec } from './filters/exec.js';
import { Fork } from './filters/fork.js';
import { HandleData } from './filters/handle-data.js';
import { HandleMessage } from './filters/handle-message.js';
import { HandleMessageBody } from './filters/handle-message-body.js';
import { HandleMessageEnd } from './filters/handle-message-end.js';
import { HandleMessageStart } from './filters/handle-message-start.js';
import { HandleStreamEnd } from './filters/handle-stream-end.js';
import { HandleStreamStart } from './filters/handle-stream-start.js';
import { Link } from './filters/link.js';
import { Merge } from './filters/merge.js';
import { MuxHTTP } from './filters/mux-http.js';
import { MuxQueue } from './filters/mux-queue.js';
import { Pack } from './filters/pack.js';
import { Print } from './filters/print.js';
import { ReplaceData } from './filters/replace-data.js';
import { ReplaceMessage } from './filters/replace-message.js';
import { ReplaceMessageBody } from './filters/replace-message-body.js';
import { ReplaceMessageEnd } from './filters/replace-message-end.js';
import { ReplaceMessageStart } from './filters/replace-message-start.js';
import { ReplaceStreamEnd } from './filters/replace-stream-end.js';
import { ReplaceStreamStart } from './filters/replace-stream-start.js';
import { ServeHTTP } from './filters/serve-http.js';
import { Split } from './filters/split.js';
import { Tee } from './filters/tee.js';
import { ThrottleConcurrency } from './filters/throttle-concurrency.js';
import { ThrottleDataRate } from './filters/throttle-data-rate.js';
import { ThrottleMessageRate } from './filters/throttle-message-rate.js';
import { Use } from './filters/use.js';
import { Wait } from './filters/wait.js';
import { AcceptTLS } from './filters/accept-tls.js';
import { ConnectTLS } from './filters/connect-tls.js';
import { HandleTLSClientHello } from './filters/handle-tls-client-hello.js';
import { CompressHTTP } from './filters/compress-http.js';
import { CompressMessage } from './filters/compress-message.js';
import { DecompressHTTP } from './filters/decompress-http.js';
import { DecompressMessage } from './filters/decompress-message.js';
import { AcceptHTTPTunnel } from './filters/accept-http-tunnel.js';
import { ConnectHTTPTunnel } from './filters/connect-http-tunnel.js';
import { AcceptSOCKS } from './filters/accept-socks.js';
import { ConnectSOCKS } from './filters/connect-socks.js';
import { DecodeWebSocket } from './filters/decode-web-socket.js';
import { EncodeWebSocket } from './filters/encode-web-socket.js';
import { DecodeMQTT } from './filters/decode-mqtt.js';
import { EncodeMQTT } from './filters/encode-mqtt.js';
import { DecodeDubbo } from './filters/decode-dubbo.js';
import { EncodeDubbo } from './filters/encode-dubbo.js';
import { Deframe } from './filters/deframe.js';
import { DepositMessage } from './filters/deposit-message.js';
import { DetectProtocol } from './filters/detect-protocol.js';
import { FetchHTTP } from './filters/fetch-http.js';
import { isIP } from 'node:net';

export interface ListenSpec {
  ip: string;
  port: number;
  options: ListenOptions;
  layout: PipelineLayout;
}

export interface ListenOptions {
  maxConnections: number;
  readTimeout: unknown;
  writeTimeout: unknown;
  idleTimeout: unknown;
  transparent: boolean;
  closeEOF: boolean;
}

export class Configuration extends HostObject {
  readonly variables: [string, unknown][] = [];
  readonly exports: { ns: string; name: string; value: unknown }[] = [];
  readonly imports: { name: string; ns: string }[] = [];
  readonly roots: PipelineLayout[] = [];
  readonly named = new Map<string, PipelineLayout>();
  readonly listens: ListenSpec[] = [];
  readonly tasks: { when: unknown; layout: PipelineLayout }[] = [];
  readonly reads: { path: string; layout: PipelineLayout }[] = [];
  private current: PipelineLayout | null = null;

  constructor(readonly module: Module, proto: Record<string, unknown>) {
    super();
    for (const k of Object.keys(proto)) this.variables.push([k, proto[k]]);
  }

  // ---- structure methods (§1.2, §1.3) ----------------------------------------------------------

  listen(args: unknown[]): void {
    need(args, 1);
    const { ip, port } = parseListenAddress(args[0]);
    const options = listenOptions(optObj(args, 1));
    const layout = this.addRoot('listen', `${port}@${ip}`, `Listen on ${port} at ${ip}`);
    this.listens.push({ ip, port, options, layout });
  }

  read(args: unknown[]): void {
    need(args, 1);
    const path = str(args, 0);
    this.reads.push({ path, layout: this.addRoot('read', path, `Read ${path}`) });
  }

  task(args: unknown[]): void {
    const when = isAbsent(args[0]) ? '' : str(args, 0);
    const n = this.tasks.length + 1;
    this.tasks.push({ when, layout: this.addRoot('task', `Task #${n}`, `Task #${n} (${when})`) });
  }

  pipeline(args: unknown[]): void {
    need(args, 1);
    const name = str(args, 0);
    if (!name) fail('pipeline name cannot be empty');
    const layout = new PipelineLayout(this.module, 'pipeline', name, name);
    this.named.set(name, layout);
    this.current = layout;
  }

  export(args: unknown[]): void {
    need(args, 2);
    const ns = str(args, 0);
    if (!ns) fail('namespace cannot be empty');
    if (!isGuestObject(args[1])) fail('variable list cannot be null');
    for (const name of Object.keys(args[1])) {
      if (!name) fail('variable name cannot be empty');
      this.exports.push({ ns, name, value: args[1][name] });
    }
  }

  import(args: unknown[]): void {
    need(args, 1);
    if (!isGuestObject(args[0])) fail('argument #1 expects an object');
    for (const [name, ns] of Object.entries(args[0])) {
      if (typeof ns !== 'string') fail(`namespace expected for import: ${name}`);
      if (!ns) fail('namespace cannot be empty');
      this.imports.push({ name, ns });
    }
  }

  private addRoot(kind: 'listen' | 'read' | 'task', name: string, title: string): PipelineLayout {
    const layout = new PipelineLayout(this.module, kind, name, title);
    // Two listens on one address: the last one wins (§1.2).
    if (kind === 'listen') this.dropListen(name);
    this.roots.push(layout);
    this.current = layout;
    return layout;
  }

  private dropListen(name: string): void {
    const i = this.listens.findIndex((l) => l.layout.name === name);
    if (i < 0) return;
    const [old] = this.listens.splice(i, 1);
    this.roots.splice(this.roots.indexOf(old.layout), 1);
  }

  /** Appends a filter made by the registry to the current layout. */
  addFilter(spec: FilterSpec, args: unknown[]): void {
    if (!this.current) fail('no pipeline found');
    const f: Filter = spec.make(args, this);
    f.module = this.module;
    this.current.append(f);
  }
}

// ---- argument parsing -------------------------------------------------------------------------

function parseListenAddress(v: unknown): { ip: string; port: number } {
  if (typeof v === 'number') return { ip: '0.0.0.0', port: v };
  if (typeof v !== 'string') fail('argument #1 expects a number of string');
  const m = /^(?:\[([^\]]*)\]|([^:]*)):(\d{1,5})$/.exec(v);
  const port = m ? Number(m[3]) : 0;
  if (!m || port < 1 || port > 65535) fail(`invalid 'ip:port' form: ${v}`);
  const host = m[1] ?? m[2];
  if (!isIP(host)) fail(`invalid IP address: ${host}`);
  return { ip: host, port };
}

function listenOptions(o: Record<string, unknown>): ListenOptions {
  const max = o.maxConnections;
  if (!isAbsent(max) && typeof max !== 'number') fail('options.maxConnections expects a number');
  return {
    maxConnections: typeof max === 'number' ? max : -1,
    readTimeout: o.readTimeout ?? 0,
    writeTimeout: o.writeTimeout ?? 0,
    idleTimeout: o.idleTimeout ?? 60,
    transparent: optBool(o, 'transparent') ?? false,
    closeEOF: optBool(o, 'closeEOF') ?? true,
  };
}

// ---- the filter registry -----------------------------------------------------------------------

export interface FilterSpec {
  name: string;
  /** Argument list as `--list-filters` shows it. */
  signature: string;
  description: string;
  /** `[name, description]` of each parameter, for `--help-filters`. */
  params: [string, string][];
  make: (args: unknown[], cfg: Configuration) => Filter;
}

type Row = [name: string, signature: string, description: string, params: [string, string][], make: FilterSpec['make']];

const T = 'name of the sub-pipeline layout';
const CB = 'function called with the event';

// One row per public filter, alphabetical. Filters of 0.30 not built yet are absent, so
// `--list-filters` never promises what does not exist.
const rows: Row[] = [
  ['acceptHTTPTunnel', 'target, handler', 'Answers an HTTP CONNECT and tunnels the rest of the stream through a sub-pipeline', [['target', T], ['handler', 'function of the request Message returning the response Message']], (a) => AcceptHTTPTunnel.create(a)],
  ['acceptSOCKS', 'target, onConnect', 'Serves SOCKS 4/4a/5 and carries accepted connections through a sub-pipeline', [['target', T], ['onConnect', 'function(host, port, id): truthy accepts']], (a) => AcceptSOCKS.create(a)],
  ['acceptTLS', 'target, options', 'Terminates TLS: decrypts into a sub-pipeline and encrypts its output', [['target', T], ['options', 'certificate, trusted, alpn']], (a) => AcceptTLS.create(a)],
  ['compressHTTP', '[options]', 'Compresses HTTP message bodies and sets content-encoding', [['options', 'enabled, method (gzip, deflate, brotli), level (default, none, speed, best)']], (a) => CompressHTTP.create(a)],
  ['compressMessage', '[options]', 'Compresses message bodies', [['options', 'enabled, method (gzip, deflate, brotli), level (default, none, speed, best)']], (a) => CompressMessage.create(a)],
  ['connect', 'target[, options]', 'Sends Data to a remote endpoint and outputs what it receives', [['target', "'host:port' or a function returning it"], ['options', 'bufferLimit, retryCount, retryDelay, connectTimeout, readTimeout, writeTimeout, idleTimeout']], (a) => Connect.create(a)],
  ['connectHTTPTunnel', 'target, handshake', 'Opens an HTTP tunnel with a CONNECT request and sends the stream through it', [['target', T], ['handshake', 'request Message or a function returning one']], (a) => ConnectHTTPTunnel.create(a)],
  ['connectSOCKS', 'target, address', 'Connects through a SOCKS5 server reached by a sub-pipeline', [['target', T], ['address', "'host:port' or a function returning it"]], (a) => ConnectSOCKS.create(a)],
  ['connectTLS', 'target[, options]', 'Originates TLS: encrypts into a sub-pipeline and decrypts its output', [['target', T], ['options', 'certificate, trusted, alpn, sni']], (a) => ConnectTLS.create(a)],
  ['decodeDubbo', '', 'Decodes Dubbo frames into messages with head {id, status, isRequest, isTwoWay, isEvent}', [], () => DecodeDubbo.create()],
  ['decodeHTTPRequest', '', 'Decodes HTTP/1 requests from Data into messages', [], () => DecodeHTTPRequest.create()],
  ['decodeHTTPResponse', '[options]', 'Decodes HTTP/1 responses from Data into messages', [['options', 'bodiless: value or function']], (a) => DecodeHTTPResponse.create(a)],
  ['decodeMQTT', '[options]', 'Decodes MQTT 3.1.1/5 packets into messages whose head describes the packet', [['options', 'protocolLevel: number or function (before a CONNECT is seen)']], (a) => DecodeMQTT.create(a)],
  ['decodeWebSocket', '', 'Decodes WebSocket frames into messages with head {opcode, masked}', [], () => DecodeWebSocket.create()],
  ['decompressHTTP', '[enable]', 'Inflates HTTP message bodies by their content-encoding', [['enable', 'function of the MessageStart; falsy leaves the body alone']], (a) => DecompressHTTP.create(a)],
  ['decompressMessage', 'algorithm', 'Inflates message bodies', [['algorithm', "'inflate', 'brotli' or a function of the MessageStart returning one"]], (a) => DecompressMessage.create(a)],
  ['deframe', 'states', 'Cuts Data into events with a per-byte state machine', [['states', 'object of state name to function or fixed result; the first key starts']], (a) => Deframe.create(a)],
  ['demux', 'target', 'Runs one sub-pipeline per message and outputs their replies as they complete', [['target', T]], (a) => Demux.create(a)],
  ['demuxHTTP', 'target[, options]', 'Serves HTTP/1 on Data, one sub-pipeline per request, responses in request order', [['target', T], ['options', 'bufferSize']], (a) => DemuxHTTP.create(a)],
  ['demuxQueue', 'target', 'Runs one sub-pipeline per message and outputs their replies in message order', [['target', T]], (a) => DemuxQueue.create(a)],
  ['depositMessage', 'filename[, options]', 'Spools message bodies beyond a threshold to a file and streams them back', [['filename', 'path or function returning it'], ['options', 'threshold, keep']], (a) => DepositMessage.create(a)],
  ['detectProtocol', 'callback', 'Calls back once with HTTP, TLS or an empty string from the first bytes', [['callback', 'function called with the protocol name']], (a) => DetectProtocol.create(a)],
  ['dummy', '', 'Outputs nothing', [], () => Dummy.create()],
  ['dump', '[tag]', 'Logs every event and passes it on', [['tag', 'text or function shown with each event']], (a) => Dump.create(a)],
  ['encodeDubbo', '[head]', 'Encodes messages into Dubbo frames', [['head', 'frame header fields (object or function); default the message head']], (a) => EncodeDubbo.create(a)],
  ['encodeHTTPRequest', '[options]', 'Encodes HTTP/1 request messages into Data', [['options', 'bufferSize']], (a) => EncodeHTTPRequest.create(a)],
  ['encodeHTTPResponse', '[options]', 'Encodes HTTP/1 response messages into Data', [['options', 'final, bodiless, bufferSize']], (a) => EncodeHTTPResponse.create(a)],
  ['encodeMQTT', '', 'Encodes messages whose head describes an MQTT packet', [], () => EncodeMQTT.create()],
  ['encodeWebSocket', '', 'Encodes messages into WebSocket frames (head: opcode, masked)', [], () => EncodeWebSocket.create()],
  ['exec', 'command', 'Runs a process (needs --allow-exec): Data to its stdin, its stdout out', [['command', 'argv as a string split on spaces, an array, or a function returning one']], (a, c) => Exec.create(a, c)],
  ['fetchHTTP', 'target', 'Sends each request through its own HTTP/1 connection (graph name sendHTTP)', [['target', T]], (a) => FetchHTTP.create(a)],
  ['fork', 'target[, initializers]', 'Copies events into sub-pipelines and passes the originals on', [['target', T], ['initializers', 'object, array or function giving context values per copy']], (a) => Fork.create(a)],
  ['handleData', 'callback', 'Calls back with each non-empty Data', [['callback', CB]], (a) => HandleData.create(a)],
  ['handleMessage', '[sizeLimit, ]callback', 'Calls back with each whole message', [['sizeLimit', 'largest body kept'], ['callback', 'function called with the Message']], (a) => HandleMessage.create(a)],
  ['handleMessageBody', '[sizeLimit, ]callback', 'Calls back with each whole message body', [['sizeLimit', 'largest body kept'], ['callback', 'function called with the body Data']], (a) => HandleMessageBody.create(a)],
  ['handleMessageEnd', 'callback', 'Calls back with each MessageEnd', [['callback', CB]], (a) => HandleMessageEnd.create(a)],
  ['handleMessageStart', 'callback', 'Calls back with each MessageStart', [['callback', CB]], (a) => HandleMessageStart.create(a)],
  ['handleStreamEnd', 'callback', 'Calls back with the StreamEnd', [['callback', CB]], (a) => HandleStreamEnd.create(a)],
  ['handleStreamStart', 'callback', 'Calls back with the first event of the stream', [['callback', CB]], (a) => HandleStreamStart.create(a)],
  ['handleTLSClientHello', 'callback', 'Calls back with the SNI names and ALPN protocols of the ClientHello', [['callback', 'function called with {serverNames, protocolNames}']], (a) => HandleTLSClientHello.create(a)],
  ['link', 'target[, when[, target2[, when2, ...]]]', 'Sends the stream to the first sub-pipeline whose condition holds', [['target', T], ['when', 'condition function; a target without one is the default']], (a) => Link.create(a)],
  ['merge', 'target, key[, options]', 'Copies messages of all streams with the same key into one shared sub-pipeline', [['target', T], ['key', 'value or function grouping streams into sessions'], ['options', 'maxIdle']], (a) => Merge.create(a)],
  ['muxHTTP', 'target, key[, options]', 'Sends HTTP/1 requests of all streams with the same key through one session', [['target', T], ['key', 'value or function grouping streams into sessions'], ['options', 'bufferSize, maxIdle, version']], (a) => MuxHTTP.create(a)],
  ['muxQueue', 'target, key[, options]', 'Sends messages of all streams with the same key through one session, replies FIFO', [['target', T], ['key', 'value or function grouping streams into sessions'], ['options', 'maxIdle']], (a) => MuxQueue.create(a)],
  ['pack', '[batchSize[, options]]', 'Joins the bodies of consecutive messages into one message', [['batchSize', 'messages per batch (default 1)'], ['options', 'timeout, interval, vacancy']], (a) => Pack.create(a)],
  ['print', '', 'Writes Data to the log as text', [], () => Print.create()],
  ['replaceData', '[replacement]', 'Replaces each non-empty Data', [['replacement', 'events or a function of the Data']], (a) => ReplaceData.create(a)],
  ['replaceMessage', '[sizeLimit, ]replacement', 'Replaces each whole message', [['sizeLimit', 'largest body kept'], ['replacement', 'events or a function of the Message']], (a) => ReplaceMessage.create(a)],
  ['replaceMessageBody', '[sizeLimit, ]replacement', 'Replaces each message body', [['sizeLimit', 'largest body kept'], ['replacement', 'events or a function of the body']], (a) => ReplaceMessageBody.create(a)],
  ['replaceMessageEnd', '[replacement]', 'Replaces each MessageEnd', [['replacement', 'events or a function of the event']], (a) => ReplaceMessageEnd.create(a)],
  ['replaceMessageStart', '[replacement]', 'Replaces each MessageStart', [['replacement', 'events or a function of the event']], (a) => ReplaceMessageStart.create(a)],
  ['replaceStreamEnd', '[replacement]', 'Replaces the StreamEnd', [['replacement', 'events or a function of the event']], (a) => ReplaceStreamEnd.create(a)],
  ['replaceStreamStart', '[replacement]', 'Replaces the first event of the stream', [['replacement', 'events or a function of the event']], (a) => ReplaceStreamStart.create(a)],
  ['serveHTTP', 'handler', 'Serves HTTP/1 on Data with a handler returning the response', [['handler', 'a Message, or a function of the request Message']], (a) => ServeHTTP.create(a)],
  ['split', 'callback', 'Cuts Data where the per-byte callback returns an event', [['callback', 'function called with each byte']], (a) => Split.create(a)],
  ['tee', 'filename', 'Writes Data to a file and passes it on', [['filename', 'file path or a function returning it']], (a) => Tee.create(a)],
  ['throttleConcurrency', 'quota[, account]', 'Lets at most quota streams through at a time', [['quota', 'number or function'], ['account', 'value or function naming a shared bucket']], (a) => ThrottleConcurrency.create(a)],
  ['throttleDataRate', 'quota[, account]', 'Lets at most quota bytes a second through', [['quota', "bytes: number, size string ('10k') or function"], ['account', 'value or function naming a shared bucket']], (a) => ThrottleDataRate.create(a)],
  ['throttleMessageRate', 'quota[, account]', 'Lets at most quota messages a second through', [['quota', 'number or function'], ['account', 'value or function naming a shared bucket']], (a) => ThrottleMessageRate.create(a)],
  ['use', 'module(s), pipeline[, pipelineDown][, turnDown]', 'Runs pipelines of other modules as a chain', [['module(s)', 'module path or array of paths'], ['pipeline', 'layout name in each module'], ['pipelineDown', 'layout name for the way back'], ['turnDown', 'function: truthy skips the remaining modules']], (a, c) => Use.create(a, c)],
  ['wait', 'condition[, options]', 'Holds events until the condition holds', [['condition', 'function'], ['options', 'timeout']], (a) => Wait.create(a)],
];

export const filterTable: readonly FilterSpec[] = rows.map(([name, signature, description, params, make]) => ({ name, signature, description, params, make }));

// ---- the guest-visible class ------------------------------------------------------------------

function chainable(body: (self: Configuration, args: unknown[]) => void): Method {
  return (self: Configuration, args: unknown[]) => (body(self, args), self);
}

function methodTable(): Record<string, Method> {
  const m: Record<string, Method> = {
    listen: chainable((c, a) => c.listen(a)),
    read: chainable((c, a) => c.read(a)),
    task: chainable((c, a) => c.task(a)),
    pipeline: chainable((c, a) => c.pipeline(a)),
    export: chainable((c, a) => c.export(a)),
    import: chainable((c, a) => c.import(a)),
  };
  for (const spec of filterTable) m[spec.name] = chainable((c, a) => c.addFilter(spec, a));
  return m;
}

export const ConfigurationClass = new HostClass({ name: 'Configuration', methods: methodTable() });
bindHostClass(Configuration, ConfigurationClass);

/** `pipy([proto])`: an object, or a function called once that returns one (§1.1). */
export function newConfiguration(module: Module, args: unknown[], rt: Runtime): Configuration {
  let proto = args[0];
  if (isCallable(proto)) {
    proto = rt.call(proto, []);
    if (!isGuestObject(proto)) fail('function did not return an object');
  } else if (!isAbsent(proto) && !isGuestObject(proto)) fail('argument #1 expects an object');
  return new Configuration(module, (proto ?? {}) as Record<string, unknown>);
}

