// The engine's view of the four stream events and of Message (spec §3.1): stdlib's classes (the very
// ones scripts construct), reached through these small helpers so filters read the same everywhere.

import { Data, Message, MessageStart, MessageEnd, StreamEnd, isEvent } from '../stdlib/index.js';
import type { Event, StreamEndErrorName } from '../stdlib/index.js';

export { Data, Message, MessageStart, MessageEnd, StreamEnd, isEvent };
export type { Event };

const emptyBuffer = Buffer.alloc(0);

export const isData = (e: unknown): e is Data => e instanceof Data;
export const isMessageStart = (e: unknown): e is MessageStart => e instanceof MessageStart;
export const isMessageEnd = (e: unknown): e is MessageEnd => e instanceof MessageEnd;
export const isStreamEnd = (e: unknown): e is StreamEnd => e instanceof StreamEnd;
export const isMessage = (v: unknown): v is Message => v instanceof Message;

export function makeData(buf: Buffer = emptyBuffer): Data {
  return Data.fromBuffer(buf);
}

/** An empty Data: the "flush now" signal. */
export function flush(): Data {
  return new Data();
}

export function bufferOf(d: Data): Buffer {
  return d.toBuffer();
}

export function isFlush(e: Event): boolean {
  return isData(e) && e.size === 0;
}

export function makeMessageStart(head: unknown = null): MessageStart {
  return new MessageStart(head);
}

export function headOf(e: MessageStart | Message): unknown {
  return e.head;
}

export function makeMessageEnd(): MessageEnd {
  return new MessageEnd();
}

export function makeStreamEnd(error: StreamEndErrorName = ''): StreamEnd {
  return new StreamEnd(error);
}

export function errorOf(e: StreamEnd): StreamEndErrorName {
  return e.error;
}

export function errorCode(e: StreamEnd): number {
  return e.code;
}

export function makeMessage(head: unknown, body: Buffer | null): Message {
  return new Message(head, body ? Data.fromBuffer(body) : null);
}

export function bodyOf(m: Message): Buffer | null {
  return m.body ? m.body.toBuffer() : null;
}

/** A copy of an event for another pipeline (fork, merge): Data gets its own chunk list. */
export function cloneEvent(e: Event): Event {
  return isData(e) ? e.clone() : e;
}
