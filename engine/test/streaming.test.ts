// Bodies stream (issue 4): a large upload and a large download pass through a
// demuxHTTP → muxHTTP → connect proxy without ever sitting whole in the proxy's memory.
// The backend runs in a child process so that this process's event loop only drives the client.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { request } from 'node:http';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { startPipy, freePort, codebase, peakGrowth } from './helpers.js';
import type { Running } from './helpers.js';

const total = 256 * 1024 * 1024;
const chunk = Buffer.alloc(64 * 1024, 'x');

/** A backend that counts uploaded bytes (POST) or streams `total` bytes back (GET). */
const backendSource = `
const http = require('node:http');
const chunk = Buffer.alloc(64 * 1024, 'y');
http.createServer((req, res) => {
  if (req.method === 'POST') {
    let n = 0;
    req.on('data', (b) => (n += b.length));
    req.on('end', () => res.end(String(n)));
    return;
  }
  res.writeHead(200, { 'content-length': String(${total}) });
  let sent = 0;
  const pump = () => {
    while (sent < ${total}) {
      sent += chunk.length;
      if (!res.write(chunk)) return res.once('drain', pump);
    }
    res.end();
  };
  pump();
}).listen(Number(process.argv[1]), '127.0.0.1', () => console.log('ready'));
`;

describe('streaming bodies through the proxy', () => {
  let backend: ChildProcess;
  let pipy: Running;
  let port: number;

  beforeAll(async () => {
    const backendPort = await freePort();
    backend = spawn(process.execPath, ['-e', backendSource, String(backendPort)], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((r) => backend.stdout!.once('data', r));
    port = await freePort();
    const dir = codebase({
      'proxy.js': `pipy().listen(${port}).demuxHTTP('req').pipeline('req').muxHTTP('c', () => 'b').pipeline('c').connect('127.0.0.1:${backendPort}')`,
    });
    pipy = startPipy([`${dir}/proxy.js`]);
    await pipy.waitFor(/Listening on port/);
  });

  afterAll(async () => {
    await pipy?.stop();
    backend?.kill('SIGKILL');
  });

  it('a 256 MiB upload streams: the proxy grows by far less than the body', async () => {
    let answer = '';
    const growth = await peakGrowth(pipy.proc.pid!, () =>
      new Promise<void>((resolve, reject) => {
        const req = request({ port, method: 'POST', path: '/up', headers: { 'content-length': String(total) } }, (res) => {
          res.on('data', (b) => (answer += b));
          res.on('end', resolve);
        });
        req.on('error', reject);
        let sent = 0;
        const pump = () => {
          while (sent < total) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
          req.end();
        };
        pump();
      }),
    );
    expect(answer).toBe(String(total));
    expect(growth).toBeLessThan(96);
  });

  it('a 256 MiB download streams the same way', async () => {
    let received = 0;
    const growth = await peakGrowth(pipy.proc.pid!, () =>
      new Promise<void>((resolve, reject) => {
        request({ port, path: '/down' }, (res) => {
          res.on('data', (b: Buffer) => (received += b.length));
          res.on('end', resolve);
        })
          .on('error', reject)
          .end();
      }),
    );
    expect(received).toBe(total);
    expect(growth).toBeLessThan(96);
  });
});
