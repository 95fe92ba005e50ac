// TypeScript declarations of the PipyJS globals, for script authors (editor completion and checking).
//
// Covered so far: Data, the stream events, Message, console, os, JSON.encode/decode, stats, http.
// Still to come: pipy() and Configuration, algo, URL, URLSearchParams, Netmask, crypto, XML, Hessian,
// __inbound. Core ECMAScript globals (Object, Array, Math, Date, RegExp, JSON.parse/stringify) come
// from TypeScript's own lib. PipyJS scripts are single expressions with no `this`, no statements and
// no exceptions a script can catch; these declarations do not (and cannot) express that.

export {};

declare global {
  type DataEncoding = 'utf8' | 'hex' | 'base64' | 'base64url';

  /** A byte buffer; also the "Data" stream event. */
  class Data {
    /** Empty, a string (decoded with `encoding`, default utf8), an array of bytes, or a copy of a Data. */
    constructor(source?: string | number[] | Data | null, encoding?: DataEncoding);
    /** Like the constructor with a string, but null when the text is not valid for the encoding. */
    static from(text: string, encoding?: DataEncoding): Data | null;
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
    toString(encoding?: DataEncoding): string | undefined;
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
    constructor(body: string | Data);
    constructor(head: object | null, body?: string | Data | null);
    readonly head: any;
    readonly body: Data | null;
  }

  type PipyEvent = Data | MessageStart | MessageEnd | StreamEnd;

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
    encode(value: unknown, replacer?: ((key: string | number | undefined, value: unknown) => unknown) | null, space?: number): Data | undefined;
    /** JSON.parse of the Data's UTF-8 text; undefined for null. */
    decode(data: Data | null | undefined): any;
  }

  namespace stats {
    class Counter {
      constructor(name: string, labelNames?: string[]);
      readonly name: string;
      increase(n?: number): void;
      zero(): void;
      /** The sub-metric for these label values; null when there are no label dimensions left. */
      withLabels(...labelValues: string[]): Counter | null;
      clear(): void;
      valueOf(): number;
    }
    class Gauge {
      constructor(name: string, labelNames?: string[]);
      readonly name: string;
      set(n: number): void;
      increase(n?: number): void;
      decrease(n?: number): void;
      zero(): void;
      withLabels(...labelValues: string[]): Gauge | null;
      clear(): void;
      valueOf(): number;
    }
    class Histogram {
      constructor(name: string, bucketLimits: number[], labelNames?: string[]);
      readonly name: string;
      observe(n: number): void;
      zero(): void;
      withLabels(...labelValues: string[]): Histogram | null;
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
      toMessage(acceptEncoding?: string): Message;
    }
  }
}
