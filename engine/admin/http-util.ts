// Small HTTP helpers for the admin service: reading a bounded request body and answering with the
// conventions of spec §9.1 (`server: pipy-repo` everywhere, text or JSON bodies, and no body at all for
// 201/204/404/405 so clients never mistake an error page for content).

import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import * as log from '../log.js';

/** Largest request body accepted (a codebase file, a script to graph). */
const maxBody = 16 * 1024 * 1024;

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBody) return reject(new BodyTooLarge('Request body too large')), req.destroy();
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const bodiless = new Set([201, 204, 404, 405]);

export function send(res: ServerResponse, status: number, body: string | Buffer = '', headers: Record<string, string> = {}): void {
  const h: Record<string, string> = { server: 'pipy-repo', ...headers };
  if (bodiless.has(status)) {
    res.writeHead(status, h);
    return void res.end();
  }
  if (!h['content-type']) h['content-type'] = 'text/plain';
  h['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(status, h);
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

export const sendText = (res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) => send(res, status, text, headers);

export function sendJSON(res: ServerResponse, value: unknown, status = 200): void {
  send(res, status, JSON.stringify(value), { 'content-type': 'application/json' });
}

/** Parses a JSON body; null when it is not JSON. */
export function parseJSON(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Listens and logs it as Pipy's admin listener does; resolves with the bound port. */
export async function listenLogged(server: Server | HttpsServer, port: number, address: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve());
  });
  const bound = (server.address() as { port: number }).port;
  log.info(`[listener] Listening on port ${bound} at ${address}`);
  return bound;
}
