// Heads between HTTP/2 header blocks and the objects scripts see (spec §5.1, §5.6). Decoding keeps
// the peer's field order: pseudo-fields become `method scheme authority path` (requests) or `status`
// (responses), `:authority` doubles as `headers.host` when there is none. Encoding reads the same
// head shapes the HTTP/1 encoder reads, so one script serves both protocols, and leaves out the
// fields that only describe an HTTP/1 connection (HTTP/2 forbids them).

import type { OutgoingHttpHeaders } from 'node:http2';
import { GuestObject } from '../../../interpreter/index.js';

type Fields = Record<string, string | string[]>;

/** Fields meaningful to one HTTP/1 hop only (RFC 9113 §8.2.2); `te` is kept when it is `trailers`. */
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

// ---- decoding -------------------------------------------------------------------------------------

/** Regular fields from node's flat raw list, in order; repeats are joined the way RFC 9110 allows. */
function regularFields(raw: string[], pseudo: Record<string, string>): Fields {
  const fields: Fields = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i];
    const value = raw[i + 1];
    if (name.startsWith(':')) pseudo[name] = value;
    else addField(fields, name, value);
  }
  return fields;
}

function addField(fields: Fields, name: string, value: string): void {
  const prev = fields[name];
  if (name === 'set-cookie') fields[name] = Array.isArray(prev) ? [...prev, value] : [value];
  else if (prev === undefined) fields[name] = value;
  // HTTP/2 clients may split cookies into one field per pair (RFC 9113 §8.2.3).
  else fields[name] = `${prev}${name === 'cookie' ? '; ' : ', '}${value}`;
}

function guestHeaders(fields: Fields, host?: string): GuestObject {
  const headers = new GuestObject();
  if (host !== undefined && fields.host === undefined) headers.host = host;
  for (const [k, v] of Object.entries(fields)) headers[k] = v;
  return headers;
}

/** A request head: `{headers, method, scheme, authority, path}` with no `protocol` (spec §5.1). */
export function requestHeadOf(raw: string[]): GuestObject {
  const pseudo: Record<string, string> = {};
  const fields = regularFields(raw, pseudo);
  const head = new GuestObject();
  head.headers = guestHeaders(fields, pseudo[':authority']);
  head.method = pseudo[':method'] ?? 'GET';
  head.scheme = pseudo[':scheme'] ?? 'http';
  if (pseudo[':authority'] !== undefined) head.authority = pseudo[':authority'];
  head.path = pseudo[':path'] ?? '/';
  return head;
}

/** A response head: `{headers, status}`; no protocol, so an HTTP/1 encoder downstream writes its own. */
export function responseHeadOf(raw: string[]): GuestObject {
  const pseudo: Record<string, string> = {};
  const fields = regularFields(raw, pseudo);
  const head = new GuestObject();
  head.headers = guestHeaders(fields);
  head.status = Number(pseudo[':status'] ?? 200);
  return head;
}

// ---- encoding -------------------------------------------------------------------------------------

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
}

function text(v: unknown, dflt: string): string {
  return typeof v === 'string' && v ? v : dflt;
}

/** Field values never carry CR/LF/NUL: nghttp2 would reject the whole block. */
function fieldText(v: unknown): string {
  return String(v).replace(/[\r\n\0]+/g, ' ');
}

/**
 * The script's fields, lower-cased (HTTP/2 requires it), without pseudo-fields, hop-by-hop fields,
 * `host` (it is `:authority`) and `content-length` (the encoder knows the real one).
 */
function outgoingFields(headers: unknown, out: OutgoingHttpHeaders): void {
  for (const [k, v] of Object.entries(record(headers))) {
    const name = k.toLowerCase();
    if (v === undefined || v === null || name.startsWith(':') || hopByHop.has(name)) continue;
    if (name === 'host' || name === 'content-length') continue;
    if (name === 'te' && String(v).trim().toLowerCase() !== 'trailers') continue;
    if (!/^[!#$%&'*+\-.^_`|~0-9a-z]+$/.test(name)) continue;
    out[name] = Array.isArray(v) ? v.map(fieldText) : fieldText(v);
  }
}

/** Pseudo-fields and fields for a request head; `authority` falls back to `headers.host` (spec §5.6). */
export function requestFields(head: unknown, length: number | null): OutgoingHttpHeaders {
  const h = record(head);
  const headers = record(h.headers);
  const host = Object.keys(headers).find((k) => k.toLowerCase() === 'host');
  const authority = text(h.authority, host && typeof headers[host] === 'string' ? (headers[host] as string) : '');
  const out: OutgoingHttpHeaders = { ':method': text(h.method, 'GET'), ':scheme': text(h.scheme, 'http') };
  if (authority) out[':authority'] = fieldText(authority);
  out[':path'] = fieldText(text(h.path, '/'));
  outgoingFields(headers, out);
  if (length !== null) out['content-length'] = String(length);
  return out;
}

export function statusOf(head: unknown): number {
  const s = Number(record(head).status ?? 200);
  return Number.isInteger(s) && s >= 200 && s <= 999 ? s : 200;
}

/** `:status` and fields for a response head; a HEAD response keeps the script's content-length. */
export function responseFields(head: unknown, length: number | null, bodiless: boolean): OutgoingHttpHeaders {
  const h = record(head);
  const out: OutgoingHttpHeaders = { ':status': statusOf(head) };
  outgoingFields(h.headers, out);
  const userLength = record(h.headers)['content-length'];
  if (bodiless && userLength !== undefined && userLength !== null) out['content-length'] = fieldText(userLength);
  else if (length !== null && !noContent(statusOf(head))) out['content-length'] = String(length);
  return out;
}

/** Statuses that never carry content (node:http2 refuses a body or length on them). */
export function noContent(status: number): boolean {
  return status === 204 || status === 304;
}
