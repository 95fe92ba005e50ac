// TypeScript declarations of the PipyJS globals of Pipy 0.30, for script authors: editor completion
// and checking of `algo.`, `new Message(`, `pipy().listen(…)…` and the rest.
//
// Use them with ECMAScript's own lib and nothing else, since the DOM and @types/node declare
// `console`, `URL`, `crypto` and `__filename` differently:
//   { "compilerOptions": { "lib": ["es2022"], "types": [], "allowJs": true, "checkJs": true, "noEmit": true },
//     "files": ["<path>/types/pipy.d.ts", "main.js"] }
// Core ECMAScript globals (Object, Array, Math, Date, RegExp, JSON.parse/stringify) come from that
// lib. A PipyJS script is a single expression with no statements; context variables declared in
// `pipy({...})` are free identifiers that TypeScript cannot see, so declare them in a `.d.ts` file
// next to the script (`declare var _target: string | undefined;`) and add it to "files".
// Message heads and similar bags of fields are `any`, so a script reads their fields freely.
//
// stdlib/test/types.test.ts compares these declarations with the globals the stdlib registers.

export {};

declare global {
  // ---- Data and the stream events (spec §3.17, §4) -----------------------------------------------

  type DataEncoding = 'utf8' | 'hex' | 'base64' | 'base64url';

  /** A byte buffer; also the "Data" stream event. */
  class Data {
    /** Empty, a string (decoded with `encoding`, default utf8), an array of bytes, or a copy of a Data. */
    constructor(source?: string | number[] | Data | null, encoding?: DataEncoding | null);
    /** Like the constructor with a string, but null when the text is not valid for the encoding. */
    static from(text: string, encoding?: DataEncoding | null): Data | null;
    readonly size: number;
    /** Appends and returns this Data. */
    push(bytes: Data | string): Data;
    /** Removes and returns the first n bytes. */
    shift(n: number): Data;
    /** Removes and returns the bytes up to and including the first one `f` accepts (all if none). */
    shiftTo(f: (byte: number) => unknown): Data;
    /** Removes and returns the leading bytes `f` accepts. */
    shiftWhile(f: (byte: number) => unknown): Data;
    /** The bytes as numbers 0..255. */
    toArray(): number[];
    /** utf8 gives undefined when the bytes are not valid UTF-8; hex is lower case; base64url is unpadded. */
    toString(encoding?: DataEncoding | null): string | undefined;
  }

  class MessageStart {
    constructor(head?: object | null);
    readonly head: any;
  }

  class MessageEnd {
    /** `tail` and `payload` are 0.50 additions (0.30's MessageEnd carries nothing). */
    constructor(tail?: object | null, payload?: unknown);
    readonly tail: any;
    readonly payload: unknown;
  }

  type StreamEndError =
    | ''
    | 'UnknownError'
    | 'RuntimeError'
    | 'ReadError'
    | 'WriteError'
    | 'CannotResolve'
    | 'ConnectionCanceled'
    | 'ConnectionReset'
    | 'ConnectionRefused'
    | 'ConnectionTimeout'
    | 'ReadTimeout'
    | 'WriteTimeout'
    | 'IdleTimeout'
    | 'Unauthorized'
    | 'BufferOverflow';

  class StreamEnd {
    constructor(error?: StreamEndError | null);
    /** '' when the stream ended without error. */
    readonly error: StreamEndError;
  }

  /** Not an event: filters expand it into MessageStart(head), the body, MessageEnd. */
  class Message {
    constructor();
    /** A lone string or Data is the body. */
    constructor(body: string | Data);
    constructor(head: object | null, body?: string | Data | null);
    readonly head: any;
    readonly body: Data | null;
  }

  type PipyEvent = Data | MessageStart | MessageEnd | StreamEnd;

  // ---- console, os, JSON, repeat (spec §3.10, §3.11) ---------------------------------------------

  /** Each method joins its arguments with spaces; objects print as `String(o) + ':' + JSON`. */
  const console: {
    log(...values: unknown[]): void;
    info(...values: unknown[]): void;
    debug(...values: unknown[]): void;
    warn(...values: unknown[]): void;
    error(...values: unknown[]): void;
  };

  interface OsStats {
    readonly dev: number;
    readonly ino: number;
    readonly mode: number;
    readonly nlink: number;
    readonly uid: number;
    readonly gid: number;
    readonly rdev: number;
    readonly size: number;
    readonly blksize: number;
    readonly blocks: number;
    /** Seconds since the epoch. */
    readonly atime: number;
    readonly mtime: number;
    readonly ctime: number;
    isFile(): boolean;
    isDirectory(): boolean;
    isCharacterDevice(): boolean;
    isBlockDevice(): boolean;
    isFIFO(): boolean;
    isSymbolicLink(): boolean;
    isSocket(): boolean;
  }

  /** File access is confined to the codebase: a path leaving it is an error. */
  const os: {
    readonly env: Record<string, string>;
    /** null when the file cannot be read. */
    readFile(path: string): Data | null;
    /** Entry names, sorted; directories end with '/'. null when the directory cannot be read. */
    readDir(path: string): string[] | null;
    stat(path: string): OsStats | null;
    /** Only when the embedder allows writing; null when the file cannot be written. */
    writeFile(path: string, content: string | Data): void | null;
  };

  interface JSON {
    /** JSON.stringify into a Data (undefined when there is no JSON text). */
    encode(value: unknown, replacer?: ((key: string | number | undefined, value: unknown) => unknown) | null, space?: number | null): Data | undefined;
    /** JSON.parse of the Data's UTF-8 text; undefined for null. */
    decode(data: Data | null | undefined): any;
  }

  /** Calls `fn(0)`, `fn(1)`… until it returns a falsy value; returns the last value it returned. */
  function repeat<T>(fn: (i: number) => T): T;
  /** The same, for at most `count` calls (undefined when there were none). */
  function repeat<T>(count: number, fn: (i: number) => T): T | undefined;

  // ---- stats and http (spec §3.17) ---------------------------------------------------------------

  namespace stats {
    class Counter {
      constructor(name: string, labelNames?: string[] | null);
      readonly name: string;
      increase(n?: number | null): void;
      zero(): void;
      /** The sub-metric for these label values; null when there are no label dimensions left. */
      withLabels(...labelValues: (string | number)[]): Counter | null;
      clear(): void;
      valueOf(): number;
    }
    class Gauge {
      constructor(name: string, labelNames?: string[] | null);
      readonly name: string;
      set(n: number): void;
      increase(n?: number | null): void;
      decrease(n?: number | null): void;
      zero(): void;
      withLabels(...labelValues: (string | number)[]): Gauge | null;
      clear(): void;
      valueOf(): number;
    }
    class Histogram {
      constructor(name: string, bucketLimits: number[], labelNames?: string[] | null);
      readonly name: string;
      observe(n: number): void;
      zero(): void;
      withLabels(...labelValues: (string | number)[]): Histogram | null;
      clear(): void;
      /** Cumulative bucket counts, the +Inf bucket last. */
      valueOf(): number[];
    }
  }

  namespace http {
    /** A static file of the codebase (with its .gz/.br twins, or the directory's index.html). */
    class File {
      /** Throws `file not found: <path>` when neither the file nor its index exists. */
      constructor(path: string);
      static from(path: string): File | null;
      /** The codebase path actually read. */
      readonly path: string;
      /** A response with content-type (and content-encoding for a precompressed twin). */
      toMessage(acceptEncoding?: string | null): Message;
    }
  }

  // ---- algo (spec §3.12) -------------------------------------------------------------------------

  namespace algo {
    /** A stable 53-bit hash: equal strings hash equal, objects hash by identity. */
    function hash(value: unknown): number;

    interface CacheOptions {
      /** Maximum number of entries (least recently used go first); 0 means unbounded. */
      size?: number | null;
      /** Time to live: seconds, or a string with a unit ('500ms', '10s', '5m', '1h', '1d'). */
      ttl?: number | string | null;
    }

    class Cache<K = any, V = any> {
      /** `allocate(key)` fills a miss in `get`; `free(key, value)` is told of every entry that leaves. */
      constructor(allocate?: ((key: K) => V) | null, free?: ((key: K, value: V) => unknown) | null, options?: CacheOptions | null);
      /** Marks the key most recently used; a miss calls `allocate` (or gives undefined). */
      get(key: K): V | undefined;
      set(key: K, value: V): void;
      /** Whether the key was there (and, with `free`, not expired). */
      remove(key: K): boolean;
      clear(): void;
    }

    /** `[host]/path` patterns: a path ending in `/*` is a prefix, a host `*.a.com` one extra label. */
    class URLRouter<T = any> {
      constructor(rules?: Record<string, T> | null);
      add(pattern: string, value: T): void;
      /** The non-nullish parts are joined into `host[:port]/path[?query]`. */
      find(...parts: unknown[]): T | undefined;
    }

    /** Names (weight 1 each) or `{name: weight}`. */
    type Targets = string[] | Record<string, number>;

    /** Smooth weighted round robin; a target the unhealthy cache holds a truthy value for is skipped. */
    class RoundRobinLoadBalancer {
      constructor(targets?: Targets | null, unhealthy?: Cache | null);
      /** Adds or reweighs a target; weight 0 disables it. */
      set(target: string, weight: number): void;
      select(): string | undefined;
      /** Does nothing (kept for symmetry with LeastWorkLoadBalancer). */
      deselect(target?: string): void;
    }

    /** Picks the target with the least outstanding work per unit of weight. */
    class LeastWorkLoadBalancer {
      constructor(targets?: Targets | null, unhealthy?: Cache | null);
      set(target: string, weight: number): void;
      /** Adds one unit of work to the chosen target. */
      select(): string | undefined;
      /** Takes one unit of work away. */
      deselect(target: string): void;
    }

    /** `select(key)` is `targets[hash(key) % n]`, or undefined when that one is unhealthy. */
    class HashingLoadBalancer<T = string> {
      constructor(targets?: T[] | null, unhealthy?: Cache | null);
      add(target: T): void;
      select(key: unknown): T | undefined;
      /** Does nothing. */
      deselect(target?: unknown): void;
    }

    /** Reusable resources per pool name; a tenant gets the same resource back until it is freed. */
    class ResourcePool<R = any> {
      constructor(allocator: (pool: any, tenant: any) => R);
      allocate(pool?: unknown, tenant?: unknown): R;
      free(resource: R): void;
      freeTenant(tenant: unknown): void;
    }

    /** Counts observations in buckets and answers which limit covers p% of them. */
    class Percentile {
      constructor(bucketLimits: number[]);
      /** Counted in the first bucket with `x <= limit`; above the last limit it is dropped. */
      observe(x: number): void;
      reset(): void;
      calculate(p: number): number;
    }
  }

  // ---- URL, URLSearchParams, Netmask (spec §3.13, §3.14) -----------------------------------------

  /** Pipy's simple split of a URL (not WHATWG): no lower-casing or validation; all read-only. */
  class URL {
    constructor(url: string, base?: string | null);
    readonly auth: string;
    readonly hash: string;
    readonly host: string;
    readonly hostname: string;
    readonly href: string;
    readonly origin: string;
    readonly password: string;
    /** pathname + search. */
    readonly path: string;
    readonly pathname: string;
    /** Defaults by scheme (http 80, https 443…) although `host` does not show it. */
    readonly port: string;
    readonly protocol: string;
    /** search without the '?'. */
    readonly query: string;
    readonly search: string;
    readonly searchParams: URLSearchParams;
    readonly username: string;
  }

  /** Keys in first-insertion order, each with a list of values; '+' is not a space. */
  class URLSearchParams {
    constructor(init?: string | Record<string, unknown> | null);
    get(name: string): string | null;
    getAll(name: string): string[];
    /** A nullish value deletes the key, an array sets several values. */
    set(name: string, value: unknown): void;
    /** One value gives a string, several an array. */
    toObject(): Record<string, string | string[]>;
    toString(): string;
  }

  /** A CIDR block, `'10.0.0.0/8'` or a single address (IPv4, and IPv6 too). */
  class Netmask {
    constructor(cidr: string);
    readonly base: string;
    readonly mask: string;
    readonly bitmask: number;
    readonly hostmask: string;
    readonly broadcast: string;
    readonly size: number;
    readonly first: string;
    readonly last: string;
    contains(ip: string): boolean;
    /** Successive host addresses, then '' once the host part reaches the host mask. */
    next(): string;
    /** The CIDR text as given. */
    toString(): string;
  }

  // ---- XML, Hessian (spec §3.16) -----------------------------------------------------------------

  namespace XML {
    class Node {
      constructor(name: string, attributes?: Record<string, any> | null, children?: (Node | string)[] | null);
      /** '' for a document node. */
      readonly name: string;
      /** null when an element has none. */
      readonly attributes: Record<string, any> | null;
      readonly children: (Node | string)[];
    }
    /** A document node whose one child is the root element, or null when the text is not well-formed. */
    function parse(text: string): Node | null;
    /** A document node holding exactly one element, else ''. */
    function stringify(doc: Node, space?: number | null): string;
    function decode(data: Data | null | undefined): Node | null;
    function encode(doc: Node, space?: number | null): Data;
    function encode(doc: null | undefined, space?: number | null): null;
  }

  /** Hessian 2.0 serialisation. */
  namespace Hessian {
    function encode(value: unknown): Data;
    /** Undefined for null; malformed input throws. */
    function decode(data: Data | null | undefined): any;
  }

  // ---- crypto (spec §3.15) -----------------------------------------------------------------------

  namespace crypto {
    /** PEM text as a string or Data; `aliasType` is accepted for compatibility (SM2 is recognised anyway). */
    interface KeyOptions {
      aliasType?: 'sm2' | null;
    }

    class PrivateKey {
      #private;
      constructor(pem: string | Data, options?: KeyOptions | null);
    }

    class PublicKey {
      #private;
      constructor(pem: string | Data, options?: KeyOptions | null);
    }

    class Certificate {
      #private;
      constructor(pem: string | Data);
    }

    /** Several PEM certificates in one text, leaf first. */
    class CertificateChain {
      #private;
      constructor(pem: string | Data);
    }

    /** What verification accepts: a public key, a private key (its public half), a JWK, or PEM text. */
    type VerificationKey = PublicKey | PrivateKey | JWK | string | Data;

    class Hash {
      /** An OpenSSL digest name: 'md5', 'sha1', 'sha256', 'sha512', 'sm3'… */
      constructor(algorithm: string);
      /** A string is first decoded with `encoding` (default utf8). */
      update(data: string | Data, encoding?: DataEncoding | null): void;
      digest(encoding?: null): Data;
      digest(encoding: DataEncoding): string;
    }

    class Hmac {
      constructor(algorithm: string, key: string | Data);
      update(data: string | Data, encoding?: DataEncoding | null): void;
      digest(encoding?: null): Data;
      digest(encoding: DataEncoding): string;
    }

    interface SignOptions {
      /** The SM2 signer ID (ignored: Node cannot set it). */
      id?: Data | null;
    }

    class Sign {
      constructor(algorithm: string);
      update(data: string | Data, encoding?: DataEncoding | null): void;
      sign(key: PrivateKey, encoding?: null, options?: SignOptions | null): Data;
      sign(key: PrivateKey, encoding: DataEncoding, options?: SignOptions | null): string;
    }

    class Verify {
      constructor(algorithm: string);
      update(data: string | Data, encoding?: DataEncoding | null): void;
      /** A string signature is decoded with `encoding` (default utf8). */
      verify(key: VerificationKey, signature: string | Data, encoding?: DataEncoding | null, options?: SignOptions | null): boolean;
    }

    interface CipherOptions {
      /** Zero-padded or cut to the cipher's key length; at most 64 bytes. */
      key: string | Data;
      /** Exactly the cipher's IV length (omit it for ciphers without one). */
      iv?: string | Data | null;
    }

    class Cipher {
      /** An OpenSSL cipher name such as 'aes-128-cbc' (PKCS#7 padding). */
      constructor(algorithm: string, options: CipherOptions);
      update(data: string | Data): Data;
      final(): Data;
    }

    class Decipher {
      constructor(algorithm: string, options: CipherOptions);
      update(data: string | Data): Data;
      final(): Data;
    }

    /** A public key from a JSON Web Key: RSA (`n`, `e`) or EC (`crv`, `x`, `y`). */
    class JWK {
      constructor(json: { kty: string; [member: string]: unknown });
      readonly isValid: boolean;
    }

    /** A JSON Web Token signed with HS/RS/ES 256, 384 or 512. */
    class JWT {
      constructor(token: string);
      readonly isValid: boolean;
      readonly header: any;
      readonly payload: any;
      /** Checks the signature only (not `exp`/`nbf`); HS* takes the shared secret as the key. */
      verify(key: VerificationKey): boolean;
    }
  }

  // ---- pipy(), Configuration and the context built-ins (spec §3.18, pipy-engine.md §1, §4) -------

  /** A new Configuration; `contextPrototype` declares the context variables and their initial values. */
  function pipy(contextPrototype?: Record<string, unknown> | (() => Record<string, unknown>) | null): pipy.Configuration;

  namespace pipy {
    /** A codebase file (path relative to the codebase root) as Data, or null when missing. */
    function load(path: string): Data | null;
    /** Reloads the codebase. */
    function restart(): void;
    /** Starts a graceful shutdown; a second call forces it. */
    function exit(code?: number): void;

    /** A parameter given as a value, or as a function called each time the value is needed. */
    type Lazy<T> = T | (() => T);
    /** Seconds, or a string with a unit 's', 'm', 'h' or 'd' ('10s'). */
    type Duration = number | string;
    /** Bytes, or a string with a unit 'k', 'm', 'g' or 't' (powers of 1024: '16k'). */
    type Size = number | string;
    /** What a filter outputs for a callback: events, Messages (expanded), lists of them, or nothing. */
    type Output = PipyEvent | Message | null | undefined | void | (PipyEvent | Message | null | undefined)[];
    /** A fixed output, or a function of the event(s) replaced. */
    type Replacement<E> = Output | ((input: E) => Output);

    interface RequestHead {
      protocol?: string;
      headers?: Record<string, string>;
      method?: string;
      scheme?: string;
      authority?: string;
      path?: string;
    }

    interface ResponseHead {
      protocol?: string;
      headers?: Record<string, string>;
      status?: number;
      statusText?: string;
    }

    interface ListenOptions {
      /** Open inbound connections at most (-1: unlimited). */
      maxConnections?: number;
      readTimeout?: Duration;
      writeTimeout?: Duration;
      /** Default 60 s. */
      idleTimeout?: Duration;
      /** IP_TRANSPARENT (Linux): `__inbound.destinationAddress/Port` give the original destination. */
      transparent?: boolean;
      /** Close the connection when the pipeline ends its output (default true). */
      closeEOF?: boolean;
    }

    interface ConnectOptions {
      bufferLimit?: Size;
      /** -1: forever. */
      retryCount?: number;
      retryDelay?: Duration;
      connectTimeout?: Duration;
      readTimeout?: Duration;
      writeTimeout?: Duration;
      idleTimeout?: Duration;
    }

    interface TLSCertificate {
      cert: crypto.Certificate | crypto.CertificateChain;
      key: crypto.PrivateKey;
    }

    interface AcceptTLSOptions {
      /** The server certificate, or a function of the SNI name giving it. */
      certificate: TLSCertificate | ((serverName: string) => TLSCertificate);
      /** Client certificates are required and verified against these. */
      trusted?: crypto.Certificate[];
      /** Acceptable protocols, or a function of the client's list returning the index to select. */
      alpn?: string[] | ((protocols: string[]) => number);
    }

    interface ConnectTLSOptions {
      certificate?: TLSCertificate;
      trusted?: crypto.Certificate[];
      alpn?: string | string[];
      sni?: Lazy<string>;
    }

    interface CompressOptions {
      enabled?: boolean;
      method?: 'deflate' | 'gzip' | 'brotli';
      level?: 'default' | 'none' | 'speed' | 'best';
    }

    interface MuxOptions {
      /** How long an unused session is kept (default 10 s). */
      maxIdle?: Duration;
    }

    interface MuxHTTPOptions extends MuxOptions {
      bufferSize?: Size;
      version?: 1 | 2;
    }

    /** A deframe state: a function of the byte (or of the buffer read) or a fixed result. */
    type DeframeState = string | unknown[] | ((input: any) => string | unknown[]);

    /** The module value: each method appends to it and returns it, so calls chain. */
    interface Configuration {
      // -- sections: each makes a new pipeline layout the current one --
      /** Inbound TCP on a port (all addresses) or on `'ip:port'` (`'[::]:8080'`). */
      listen(port: number | string, options?: ListenOptions | null): Configuration;
      /** A file ('-' for stdin) fed to the pipeline as Data, then StreamEnd. */
      read(pathname: string): Configuration;
      /** Runs once at start (no `when`), every interval ('5s'), or on a signal ('SIGHUP'). */
      task(when?: string | null): Configuration;
      /** A named sub-pipeline layout. */
      pipeline(name: string): Configuration;
      /** Declares context variables shared under `namespace` with modules that import them. */
      export(namespace: string, variables: Record<string, unknown>): Configuration;
      /** `{variable: 'namespace'}`: variables exported by other modules. */
      import(variables: Record<string, string>): Configuration;
      /** Runs pipeline `pipeline` of a module (or a chain of modules, each skippable by `turnDown`). */
      use(module: string, pipeline: string): Configuration;
      use(modules: string[], pipeline: string, turnDown?: () => unknown): Configuration;
      use(modules: string[], pipeline: string, pipelineDown: string, turnDown?: () => unknown): Configuration;

      // -- joints: sub-pipelines by layout name --
      /** Alternating layout names and conditions; a name without a condition is the default. */
      link(target: string, ...rest: (string | (() => unknown))[]): Configuration;
      /** Copies events into sub-pipelines (one per initializer) and passes the originals on. */
      fork(target: string, initializers?: Record<string, unknown> | Record<string, unknown>[] | (() => Record<string, unknown>[]) | null): Configuration;
      demux(target: string): Configuration;
      demuxQueue(target: string): Configuration;
      demuxHTTP(target: string, options?: { bufferSize?: Size } | null): Configuration;
      /** Streams whose `key` is equal share one session (`''`: all of them). */
      muxQueue(target: string, key: Lazy<unknown>, options?: MuxOptions | null): Configuration;
      muxHTTP(target: string, key: Lazy<unknown>, options?: MuxHTTPOptions | null): Configuration;
      merge(target: string, key: Lazy<unknown>, options?: MuxOptions | null): Configuration;
      fetchHTTP(target: string): Configuration;
      /** Handles HTTP/1 requests with a fixed response or a function of the request. */
      serveHTTP(handler: Message | ((request: Message) => Message)): Configuration;
      acceptHTTPTunnel(target: string, handler: (request: Message) => Message): Configuration;
      connectHTTPTunnel(target: string, handshake: Lazy<Message>): Configuration;
      acceptSOCKS(target: string, onConnect: (host: string, port: number, id?: string) => unknown): Configuration;
      connectSOCKS(target: string, address: Lazy<string>): Configuration;
      acceptTLS(target: string, options: AcceptTLSOptions): Configuration;
      connectTLS(target: string, options?: ConnectTLSOptions | null): Configuration;

      // -- connections --
      /** `'host:port'`, or a function giving it. */
      connect(target: Lazy<string>, options?: ConnectOptions | null): Configuration;
      /** A child process: the command line split on spaces, or argv. */
      exec(command: Lazy<string | string[]>): Configuration;

      // -- callbacks: events pass on unchanged --
      handleStreamStart(callback: (event: PipyEvent) => void): Configuration;
      handleData(callback: (data: Data) => void): Configuration;
      handleMessageStart(callback: (event: MessageStart) => void): Configuration;
      handleMessageEnd(callback: (event: MessageEnd) => void): Configuration;
      handleStreamEnd(callback: (event: StreamEnd) => void): Configuration;
      handleMessageBody(callback: (body: Data) => void): Configuration;
      handleMessageBody(sizeLimit: Size, callback: (body: Data) => void): Configuration;
      handleMessage(callback: (message: Message) => void): Configuration;
      handleMessage(sizeLimit: Size, callback: (message: Message) => void): Configuration;
      handleTLSClientHello(callback: (hello: { serverNames?: string[]; protocolNames?: string[] }) => void): Configuration;

      // -- replacements: the matching events are swallowed and the replacement is output --
      replaceStreamStart(replacement?: Replacement<PipyEvent>): Configuration;
      replaceData(replacement?: Replacement<Data>): Configuration;
      replaceMessageStart(replacement?: Replacement<MessageStart>): Configuration;
      replaceMessageEnd(replacement?: Replacement<MessageEnd>): Configuration;
      replaceStreamEnd(replacement?: Replacement<StreamEnd>): Configuration;
      replaceMessageBody(replacement: Replacement<Data>): Configuration;
      replaceMessageBody(sizeLimit: Size, replacement: Replacement<Data>): Configuration;
      replaceMessage(replacement: Replacement<Message>): Configuration;
      replaceMessage(sizeLimit: Size, replacement: Replacement<Message>): Configuration;

      // -- data and utilities --
      dummy(): Configuration;
      /** Logs every event, with `tag` when it is truthy. */
      dump(tag?: Lazy<unknown>): Configuration;
      print(): Configuration;
      tee(filename: Lazy<string>): Configuration;
      /** Cuts Data after each byte for which the callback returns an event. */
      split(callback: (byte: number) => Output): Configuration;
      pack(batchSize?: number | null, options?: { timeout?: Duration; interval?: Duration; vacancy?: number } | null): Configuration;
      /** A byte-level state machine; the first key is the initial state. */
      deframe(states: Record<string, DeframeState>): Configuration;
      detectProtocol(callback: (protocol: 'HTTP' | 'TLS' | '') => void): Configuration;
      depositMessage(filename: Lazy<string>, options?: { threshold?: Size; keep?: boolean } | null): Configuration;
      /** Holds events until the condition holds (or the timeout passes). */
      wait(condition: () => unknown, options?: { timeout?: Duration } | null): Configuration;
      throttleConcurrency(quota: Lazy<number>, account?: Lazy<unknown>): Configuration;
      throttleDataRate(quota: Lazy<Size>, account?: Lazy<unknown>): Configuration;
      throttleMessageRate(quota: Lazy<number>, account?: Lazy<unknown>): Configuration;
      compressHTTP(options?: CompressOptions | null): Configuration;
      compressMessage(options?: CompressOptions | null): Configuration;
      decompressHTTP(enable?: ((event: MessageStart) => unknown) | null): Configuration;
      decompressMessage(algorithm: 'inflate' | 'brotli' | ((event: MessageStart) => string)): Configuration;

      // -- protocol codecs --
      decodeHTTPRequest(): Configuration;
      decodeHTTPResponse(options?: { bodiless?: Lazy<boolean> } | null): Configuration;
      encodeHTTPRequest(options?: { bufferSize?: Size } | null): Configuration;
      encodeHTTPResponse(options?: { final?: Lazy<boolean>; bodiless?: Lazy<boolean>; bufferSize?: Size } | null): Configuration;
      decodeWebSocket(): Configuration;
      encodeWebSocket(): Configuration;
      decodeDubbo(): Configuration;
      encodeDubbo(head?: Lazy<object> | null): Configuration;
      decodeMQTT(options?: { protocolLevel?: Lazy<number> } | null): Configuration;
      encodeMQTT(): Configuration;
    }

    /** The inbound connection of a stream. */
    interface Inbound {
      readonly id: number;
      readonly remoteAddress: string;
      readonly remotePort: number;
      readonly localAddress: string;
      readonly localPort: number;
      /** The original destination (with `listen(…, {transparent: true})`). */
      readonly destinationAddress: string;
      readonly destinationPort: number;
    }
  }

  /** The stream's inbound connection; null for tasks and readers. */
  const __inbound: pipy.Inbound | null;
  /** The module's codebase path, e.g. '/plugins/router.js'. */
  const __filename: string;
}
