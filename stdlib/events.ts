// Stream events and Message (pipyjs-language.md §4 and §3.17; pipy-engine.md §3.1).
//
// A stream is Data, MessageStart, MessageEnd and StreamEnd events; Message is a convenience value
// that filters expand into MessageStart + body + MessageEnd. The engine builds events with the
// TypeScript constructors (no argument checks, no budget); scripts go through the HostClass
// `construct` functions, which check arguments with Pipy's messages. Pipy's internal base class
// `Event` is not a global, so here it is only a TypeScript union.
//
// The StreamEnd error names form one closed table (`streamEndErrors`): the engine maps socket
// errors onto these names and nothing else.

import { HostClass, HostObject, bindHostClass, typeError, cost, toHost } from '../interpreter/index.js';
import type { Runtime } from '../interpreter/index.js';
import { Buffer } from 'node:buffer';
import { Data } from './data.js';
import { expectString, expectStringOrData, optional, optionalObject } from './arguments.js';

// ---- StreamEnd error names -----------------------------------------------------------------------

/** Name, numeric code (the index) and log text of every StreamEnd error, in Pipy's enum order. */
export const streamEndErrors = [
  ['', 'no error'],
  ['UnknownError', 'unknown error'],
  ['RuntimeError', 'runtime error'],
  ['ReadError', 'read error'],
  ['WriteError', 'write error'],
  ['CannotResolve', 'cannot resolve'],
  ['ConnectionCanceled', 'connection canceled'],
  ['ConnectionReset', 'connection reset'],
  ['ConnectionRefused', 'connection refused'],
  ['ConnectionTimeout', 'connection timeout'],
  ['ReadTimeout', 'read timeout'],
  ['WriteTimeout', 'write timeout'],
  ['IdleTimeout', 'idle timeout'],
  ['Unauthorized', 'unauthorized'],
  ['BufferOverflow', 'buffer overflow'],
] as const;

export type StreamEndErrorName = (typeof streamEndErrors)[number][0];

/** The error names as constants, for engine code: `StreamEndError.ConnectionRefused`. */
export const StreamEndError = Object.freeze({
  NoError: '',
  UnknownError: 'UnknownError',
  RuntimeError: 'RuntimeError',
  ReadError: 'ReadError',
  WriteError: 'WriteError',
  CannotResolve: 'CannotResolve',
  ConnectionCanceled: 'ConnectionCanceled',
  ConnectionReset: 'ConnectionReset',
  ConnectionRefused: 'ConnectionRefused',
  ConnectionTimeout: 'ConnectionTimeout',
  ReadTimeout: 'ReadTimeout',
  WriteTimeout: 'WriteTimeout',
  IdleTimeout: 'IdleTimeout',
  Unauthorized: 'Unauthorized',
  BufferOverflow: 'BufferOverflow',
} as const satisfies Record<string, StreamEndErrorName>);

const errorCodes = new Map<string, number>(streamEndErrors.map(([name], i) => [name, i]));

export function isStreamEndErrorName(name: string): name is StreamEndErrorName {
  return errorCodes.has(name);
}

// ---- the event classes -----------------------------------------------------------------------------

export class MessageStart extends HostObject {
  constructor(readonly head: unknown = null) {
    super();
  }
}

/** 0.30's MessageEnd carries nothing; `tail` and `payload` (0.50) are kept because they cost nothing. */
export class MessageEnd extends HostObject {
  constructor(
    readonly tail: unknown = null,
    readonly payload: unknown = undefined,
  ) {
    super();
  }
}

export class StreamEnd extends HostObject {
  constructor(readonly error: StreamEndErrorName = '') {
    super();
  }

  /** Pipy's numeric error code (used by `dump`). */
  get code(): number {
    return errorCodes.get(this.error)!;
  }

  /** The log text: "connection refused"... */
  get message(): string {
    return streamEndErrors[this.code][1];
  }
}

/** Every stream event. Data is defined in data.ts. */
export type Event = Data | MessageStart | MessageEnd | StreamEnd;

export function isEvent(v: unknown): v is Event {
  return v instanceof Data || v instanceof MessageStart || v instanceof MessageEnd || v instanceof StreamEnd;
}

/** Not an event: a head and a body, expanded by filters into MessageStart, Data, MessageEnd. */
export class Message extends HostObject {
  constructor(
    readonly head: unknown = null,
    readonly body: Data | null = null,
  ) {
    super();
  }

  /** The events this message stands for (the body only when there is one). */
  toEvents(): Event[] {
    const start = new MessageStart(this.head);
    return this.body ? [start, this.body, new MessageEnd()] : [start, new MessageEnd()];
  }
}

// ---- guest constructors ------------------------------------------------------------------------------

/** A body argument: missing is none, a Data is shared, a string becomes a new Data. */
function bodyOf(args: unknown[], i: number, rt: Runtime): Data | null {
  const v = optional(args[i], i, expectStringOrData);
  if (typeof v !== 'string') return v;
  rt.alloc(cost.object + Buffer.byteLength(v));
  return new Data().push(v);
}

/** `new Message(body)`, `new Message(head)`, `new Message(head, body)`: a lone string or Data is the body. */
function constructMessage(args: unknown[], rt: Runtime): Message {
  if (args.length > 2) throw typeError('requires 0 to 2 arguments');
  rt.alloc(cost.object);
  const [a] = args;
  if (args.length < 2 && (typeof a === 'string' || a instanceof Data)) return new Message(null, bodyOf(args, 0, rt));
  return new Message(optionalObject(args, 0), bodyOf(args, 1, rt));
}

function constructStreamEnd(args: unknown[], rt: Runtime): StreamEnd {
  const name = optional(args[0], 0, expectString);
  rt.alloc(cost.object);
  if (name === null) return new StreamEnd();
  if (!isStreamEndErrorName(name)) throw typeError('unknown error type');
  return new StreamEnd(name);
}

export const MessageStartClass = new HostClass({
  name: 'MessageStart',
  construct: (args, rt) => (rt.alloc(cost.object), new MessageStart(optionalObject(args, 0))),
  getters: { head: (self: MessageStart) => self.head },
  toHost: (self: MessageStart) => ({ type: 'MessageStart', head: toHost(self.head, null) }),
});

export const MessageEndClass = new HostClass({
  name: 'MessageEnd',
  construct: (args, rt) => (rt.alloc(cost.object), new MessageEnd(optionalObject(args, 0), args[1])),
  getters: { tail: (self: MessageEnd) => self.tail, payload: (self: MessageEnd) => self.payload },
  toHost: (self: MessageEnd) => ({ type: 'MessageEnd', tail: toHost(self.tail, null) }),
});

export const StreamEndClass = new HostClass({
  name: 'StreamEnd',
  construct: constructStreamEnd,
  getters: { error: (self: StreamEnd) => self.error },
  toHost: (self: StreamEnd) => ({ type: 'StreamEnd', error: self.error }),
});

export const MessageClass = new HostClass({
  name: 'Message',
  construct: constructMessage,
  getters: { head: (self: Message) => self.head, body: (self: Message) => self.body },
  toHost: (self: Message) => ({ head: toHost(self.head, null), body: self.body && toHost(self.body, null) }),
});

bindHostClass(MessageStart, MessageStartClass);
bindHostClass(MessageEnd, MessageEndClass);
bindHostClass(StreamEnd, StreamEndClass);
bindHostClass(Message, MessageClass);
