// The built-in traffic metrics of spec §10 on a worker's admin port: a demuxHTTP → muxHTTP → connect
// proxy in front of a node:http backend, a few requests with known body sizes, then /metrics.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, request } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import { connect as h2connect } from 'node:http2';
import { startPipy, freePort, codebase } from './helpers.js';
import type { Running } from './helpers.js';
import { http } from './admin-helpers.js';

function post(port: number, path: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** `name{labels} value` lines of a Prometheus text, as a map from the part before the value. */
function samples(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of text.split('\n')) {
    const i = line.lastIndexOf(' ');
    if (i > 0) m.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return m;
}

describe('built-in metrics on /metrics', () => {
  let backend: Server;
  let backendPort: number;
  let port: number;
  let adminPort: number;
  let pipy: Running;
  const held: ServerResponse[] = [];

  beforeAll(async () => {
    backend = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => (req.url === '/hold' ? held.push(res) : res.end(Buffer.concat(chunks))));
    });
    await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
    backendPort = (backend.address() as { port: number }).port;
    [port, adminPort] = [await freePort(), await freePort()];
    const dir = codebase({
      'proxy.js': `pipy()
  .listen(${port})
  .demuxHTTP('forward')
  .pipeline('forward')
  .muxHTTP('connection', () => 'backend')
  .pipeline('connection')
  .connect('127.0.0.1:${backendPort}')
`,
    });
    pipy = startPipy([`--admin-port=${adminPort}`, `${dir}/proxy.js`]);
    await pipy.waitFor(/Listening on port/);
    await pipy.waitFor(new RegExp(`Listening on port ${adminPort}`));
  });

  afterAll(async () => {
    for (const r of held) r.end();
    await pipy?.stop();
    backend?.closeAllConnections();
    await new Promise((r) => backend?.close(r));
  });

  it('counts inbound and outbound bytes, outbound connections and connect times', async () => {
    const sizes = [100, 2000, 30000];
    let sent = 0;
    for (const n of sizes) {
      const body = 'x'.repeat(n);
      const res = await post(port, '/echo', body);
      expect(res.status).toBe(200);
      expect(res.text).toBe(body);
      sent += n;
    }
    const text = (await http(adminPort, 'GET', '/metrics')).text;
    const m = samples(text);
    const listen = `${port}@0.0.0.0`;
    const peer = `127.0.0.1:${backendPort}`;

    const inboundIn = m.get(`pipy_inbound_in{listen="${listen}",peer="127.0.0.1"}`) ?? 0;
    const inboundOut = m.get(`pipy_inbound_out{listen="${listen}",peer="127.0.0.1"}`) ?? 0;
    expect(inboundIn).toBeGreaterThanOrEqual(sent);
    expect(inboundOut).toBeGreaterThanOrEqual(sent);
    expect(m.get('pipy_inbound_in')).toBeGreaterThanOrEqual(inboundIn);

    expect(m.get(`pipy_outbound_count{peer="${peer}"}`)).toBe(1);
    expect(m.get('pipy_outbound_count')).toBe(1);
    expect(m.get(`pipy_outbound_out{peer="${peer}"}`)).toBeGreaterThanOrEqual(sent);
    expect(m.get(`pipy_outbound_in{peer="${peer}"}`)).toBeGreaterThanOrEqual(sent);

    expect(m.get(`pipy_outbound_conn_time_count{peer="${peer}"}`)).toBe(1);
    expect(m.get(`pipy_outbound_conn_time_bucket{peer="${peer}",le="+Inf"}`)).toBe(1);
    expect(m.get(`pipy_outbound_conn_time_bucket{peer="${peer}",le="3325"}`)).toBeGreaterThanOrEqual(1);
    const limits = [...text.matchAll(/^pipy_outbound_conn_time_bucket\{peer="[^"]+",le="([^"]+)"\}/gm)].map((x) => x[1]);
    expect(limits).toEqual(['1', '2', '3', '5', '7', '11', '17', '25', '38', '57', '86', '129', '194', '291', '437', '656', '985', '1477', '2216', '3325', '+Inf']);

    expect(m.get('pipy_http2_stream_count{type="Server"}')).toBe(0);
    expect(m.get('pipy_http2_stream_count{type="Client"}')).toBe(0);
    // Every series of §10 kept here is present.
    const names = [...new Set([...text.matchAll(/^(pipy_[a-z0-9_]+?)(?:_bucket|_sum|_count)?[{ ]/gm)].map((x) => x[1]))];
    expect(names).toEqual(expect.arrayContaining(['pipy_inbound_in', 'pipy_inbound_out', 'pipy_outbound_in', 'pipy_outbound_out', 'pipy_outbound_conn_time']));

    // The counters keep counting on later requests and never go back.
    await post(port, '/echo', 'y'.repeat(500));
    const again = samples((await http(adminPort, 'GET', '/metrics')).text);
    expect(again.get(`pipy_inbound_in{listen="${listen}",peer="127.0.0.1"}`)).toBeGreaterThanOrEqual(inboundIn + 500);
    expect(again.get(`pipy_outbound_out{peer="${peer}"}`)).toBeGreaterThanOrEqual(m.get(`pipy_outbound_out{peer="${peer}"}`)! + 500);
  });

  it('counts live HTTP/2 server streams', async () => {
    const session = h2connect(`http://127.0.0.1:${port}`);
    session.on('error', () => {});
    try {
      const st = session.request({ ':method': 'GET', ':path': '/hold' });
      st.on('error', () => {});
      const start = Date.now();
      while (held.length === 0 && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 20));
      expect(held.length).toBe(1);
      const during = samples((await http(adminPort, 'GET', '/metrics')).text);
      expect(during.get('pipy_http2_stream_count{type="Server"}')).toBe(1);
      expect(during.get('pipy_http2_stream_count')).toBe(1);
      const done = new Promise<void>((r) => st.on('close', () => r()));
      st.resume();
      held.shift()!.end('done');
      await done;
      await new Promise((r) => setTimeout(r, 50));
      const after = samples((await http(adminPort, 'GET', '/metrics')).text);
      expect(after.get('pipy_http2_stream_count{type="Server"}')).toBe(0);
    } finally {
      session.destroy();
    }
  });
});
