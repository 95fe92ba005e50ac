// decodeMQTT / encodeMQTT (spec §4.6) with the `mqtt` package as the client, MQTT 3.1.1 and 5,
// against a tiny echo broker written in PipyJS: CONNACK, SUBACK, PUBACK, PINGRESP, and every
// PUBLISH sent back on `echo/<topic>` with its payload and (MQTT 5) its properties.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import mqtt from 'mqtt';
import { join } from 'node:path';
import { startPipy, freePort, codebase } from './helpers.js';
import type { Running } from './helpers.js';

const broker = (port: number) => `pipy()
  .listen(${port})
  .decodeMQTT()
  .replaceMessage(msg => (
    msg.head.type === 'CONNECT' ? new Message({ type: 'CONNACK', reasonCode: 0, sessionPresent: false, properties: { reasonString: 'hi ' + msg.head.clientID } }) :
    msg.head.type === 'SUBSCRIBE' ? new Message({ type: 'SUBACK', packetIdentifier: msg.head.packetIdentifier, reasonCodes: msg.head.topicFilters.map(f => f.qos) }) :
    msg.head.type === 'PUBLISH' ? [
      msg.head.qos > 0 ? new Message({ type: 'PUBACK', packetIdentifier: msg.head.packetIdentifier }) : null,
      new Message({ type: 'PUBLISH', topicName: 'echo/' + msg.head.topicName, qos: 0, properties: msg.head.properties }, msg.body),
    ] :
    msg.head.type === 'PINGREQ' ? new Message({ type: 'PINGRESP' }) :
    msg.head.type === 'DISCONNECT' ? new StreamEnd :
    null
  ))
  .encodeMQTT()
`;

describe('MQTT codecs', () => {
  let pipy: Running;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    pipy = startPipy([join(codebase({ 'main.js': broker(port) }), 'main.js')]);
    await pipy.waitFor(/Listening on port/);
  });

  afterAll(async () => {
    await pipy.stop();
  });

  for (const protocolVersion of [4, 5] as const) {
    it(`round-trips CONNECT, SUBSCRIBE, PUBLISH (qos 1) with MQTT level ${protocolVersion}`, async () => {
      const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { protocolVersion, clientId: `c${protocolVersion}`, reconnectPeriod: 0 });
      try {
        const granted = await client.subscribeAsync('echo/#', { qos: 1 });
        expect(granted[0]).toMatchObject({ topic: 'echo/#', qos: 1 });
        const got = new Promise<{ topic: string; payload: string; props?: unknown }>((r) =>
          client.once('message', (topic, payload, packet) => r({ topic, payload: payload.toString(), props: packet.properties })),
        );
        const props = protocolVersion === 5 ? { properties: { userProperties: { k: 'v' }, contentType: 'text/plain' } } : {};
        await client.publishAsync('a/b', 'hello mqtt', { qos: 1, ...props });
        const m = await got;
        expect(m.topic).toBe('echo/a/b');
        expect(m.payload).toBe('hello mqtt');
        if (protocolVersion === 5) expect(m.props).toMatchObject({ userProperties: { k: 'v' }, contentType: 'text/plain' });
      } finally {
        await client.endAsync();
      }
    });
  }

  it('answers PINGREQ and carries a large payload', async () => {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { protocolVersion: 5, keepalive: 1, reconnectPeriod: 0 });
    try {
      await client.subscribeAsync('echo/big');
      const big = Buffer.alloc(300_000, 'x');
      const got = new Promise<Buffer>((r) => client.once('message', (_t, p) => r(p)));
      await client.publishAsync('big', big);
      expect((await got).equals(big)).toBe(true);
      // Survive a keepalive ping (1 s) — the client would drop the connection without PINGRESP.
      await new Promise((r) => setTimeout(r, 2200));
      expect(client.connected).toBe(true);
    } finally {
      await client.endAsync();
    }
  });
});
