// The MQTT protocol level a connection speaks, learnt from its CONNECT. The decoder that sees the
// CONNECT and the encoder that writes the replies are different filters, so they meet here, keyed
// by the inbound connection (or the context when there is none).

import type { StreamContext } from '../../context.js';

const levels = new WeakMap<object, number>();

const keyOf = (c: StreamContext): object => (c.inbound as object | null) ?? c;

export function rememberLevel(c: StreamContext, level: number): void {
  levels.set(keyOf(c), level);
}

export function levelOf(c: StreamContext): number | undefined {
  return levels.get(keyOf(c));
}
