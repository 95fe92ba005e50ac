// Reference servers for `npm run bench`, one per process:
//   node dist/bench/servers.js <kind> <port> [backendPort]
// kinds: origin (node:http answering 'Hi, there!\n'), backend (raw node:net, canned keep-alive
// responses for body-less requests), node-proxy (node:http + http.request with a keep-alive agent),
// undici-proxy (node:http + undici Pool). Everything listens on 127.0.0.1.

import http from 'node:http';
import net from 'node:net';
import { Pool } from 'undici';

const BODY = 'Hi, there!\n';

const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade',
]);

function endToEnd(headers: http.IncomingHttpHeaders | Record<string, string | string[] | undefined>) {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
  return out;
}

function origin(port: number): void {
  http.createServer((_req, res) => res.end(BODY)).listen(port, '127.0.0.1');
}

// Counts request ends ("\r\n\r\n") across chunk boundaries and writes one canned response each.
function backend(port: number): void {
  const response = Buffer.from(`HTTP/1.1 200 OK\r\ncontent-length: ${BODY.length}\r\n\r\n${BODY}`);
  net.createServer((socket) => {
    let tail = '';
    socket.on('data', (chunk) => {
      const text = tail + chunk.toString('latin1');
      let n = 0;
      for (let i = text.indexOf('\r\n\r\n'); i >= 0; i = text.indexOf('\r\n\r\n', i + 4)) n++;
      tail = text.slice(-3);
      if (n > 0) socket.write(n === 1 ? response : Buffer.concat(Array(n).fill(response)));
    });
    socket.on('error', () => socket.destroy());
  }).listen(port, '127.0.0.1');
}

function nodeProxy(port: number, backendPort: number): void {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  http.createServer((req, res) => {
    const up = http.request(
      { host: '127.0.0.1', port: backendPort, path: req.url, method: req.method, headers: endToEnd(req.headers), agent },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, endToEnd(upRes.headers));
        upRes.pipe(res);
      },
    );
    up.on('error', () => { res.statusCode = 502; res.end(); });
    req.pipe(up);
  }).listen(port, '127.0.0.1');
}

function undiciProxy(port: number, backendPort: number): void {
  const pool = new Pool(`http://127.0.0.1:${backendPort}`, { connections: 256 });
  http.createServer((req, res) => {
    const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
    pool.request({
      path: req.url ?? '/',
      method: req.method as 'GET',
      headers: endToEnd(req.headers),
      body: hasBody ? req : undefined,
    }).then(
      (up) => {
        res.writeHead(up.statusCode, endToEnd(up.headers));
        up.body.pipe(res);
      },
      () => { res.statusCode = 502; res.end(); },
    );
  }).listen(port, '127.0.0.1');
}

const [kind, port, backendPort] = process.argv.slice(2);
if (kind === 'origin') origin(Number(port));
else if (kind === 'backend') backend(Number(port));
else if (kind === 'node-proxy') nodeProxy(Number(port), Number(backendPort));
else if (kind === 'undici-proxy') undiciProxy(Number(port), Number(backendPort));
else if (kind !== undefined) throw new Error(`unknown server kind: ${kind}`);
