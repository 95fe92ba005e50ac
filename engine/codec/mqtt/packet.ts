// MQTT 3.1.1 and 5 control packets ↔ message heads (spec §4.6). `decodePacket` turns one packet's
// bytes (after the fixed header) into a head and, for PUBLISH, a payload; `encodePacket` is the
// reverse. Protocol level 5 adds reason codes and properties; below 5 they are neither read nor
// written.

import { GuestObject } from '../../../interpreter/index.js';
import { Data } from '../../events.js';
import { MqttReader, MqttWriter, varintBytes } from './bytes.js';
import { propertyById, propertyByName } from './properties.js';

export const packetTypes = ['', 'CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'SUBSCRIBE', 'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'PINGREQ', 'PINGRESP', 'DISCONNECT', 'AUTH'];

type Head = Record<string, unknown>;

function guest(fields: Head): GuestObject {
  return Object.assign(new GuestObject(), fields);
}

// ---- decoding --------------------------------------------------------------------------------

export function decodePacket(type: number, flags: number, body: Buffer, level: number): { head: GuestObject; payload: Buffer | null } {
  const r = new MqttReader(body);
  const head: Head = { type: packetTypes[type], qos: (flags >> 1) & 3, dup: (flags & 8) !== 0, retain: (flags & 1) !== 0 };
  let payload: Buffer | null = null;
  const v5 = level >= 5;
  switch (type) {
    case 1:
      readConnect(r, head);
      break;
    case 2:
      head.sessionPresent = (r.byte() & 1) !== 0;
      head.reasonCode = r.byte();
      if (v5 && r.left) head.properties = readProperties(r);
      break;
    case 3:
      head.topicName = r.string();
      if (head.qos) head.packetIdentifier = r.u16();
      if (v5) head.properties = readProperties(r);
      payload = r.rest();
      break;
    case 4: case 5: case 6: case 7:
      head.packetIdentifier = r.u16();
      if (v5 && r.left) head.reasonCode = r.byte();
      if (v5 && r.left) head.properties = readProperties(r);
      break;
    case 8: case 10:
      head.packetIdentifier = r.u16();
      if (v5) head.properties = readProperties(r);
      head.topicFilters = readFilters(r, type === 8);
      break;
    case 9: case 11:
      head.packetIdentifier = r.u16();
      if (v5) head.properties = readProperties(r);
      head.reasonCodes = [...r.rest()];
      break;
    case 14: case 15:
      if (v5 && r.left) head.reasonCode = r.byte();
      if (v5 && r.left) head.properties = readProperties(r);
      break;
  }
  return { head: guest(head), payload };
}

function readConnect(r: MqttReader, head: Head): void {
  head.protocolName = r.string();
  head.protocolLevel = r.byte();
  const flags = r.byte();
  head.keepAlive = r.u16();
  head.cleanStart = (flags & 2) !== 0;
  const v5 = (head.protocolLevel as number) >= 5;
  if (v5) head.properties = readProperties(r);
  head.clientID = r.string();
  if (flags & 4) {
    const will: Head = { qos: (flags >> 3) & 3, retain: (flags & 32) !== 0 };
    if (v5) will.properties = readProperties(r);
    will.topic = r.string();
    will.payload = Data.fromBuffer(r.binary());
    head.will = guest(will);
  }
  if (flags & 128) head.username = r.string();
  if (flags & 64) head.password = r.string();
}

function readFilters(r: MqttReader, withOptions: boolean): unknown[] {
  const list: unknown[] = [];
  while (r.left) {
    const filter = r.string();
    if (!withOptions) {
      list.push(filter);
      continue;
    }
    const o = r.byte();
    list.push(guest({ filter, qos: o & 3, noLocal: (o & 4) !== 0, retainAsPublished: (o & 8) !== 0, retainHandling: (o >> 4) & 3 }));
  }
  return list;
}

function readProperties(r: MqttReader): GuestObject {
  const end = r.varint() + r.p;
  const props: Head = {};
  while (r.p < end) {
    const id = r.varint();
    const spec = propertyById.get(id);
    if (!spec) throw new RangeError(`unknown property ${id}`);
    const v = readValue(r, spec.type);
    if (spec.type === 'pair') {
      const pairs = (props.userProperties ??= new GuestObject()) as Head;
      const [k, val] = v as [string, string];
      pairs[k] = val;
    } else props[spec.name] = v;
  }
  return guest(props);
}

function readValue(r: MqttReader, type: string): unknown {
  switch (type) {
    case 'byte': return r.byte();
    case 'u16': return r.u16();
    case 'u32': return r.u32();
    case 'varint': return r.varint();
    case 'string': return r.string();
    case 'binary': return Data.fromBuffer(r.binary());
    default: return [r.string(), r.string()];
  }
}

// ---- encoding --------------------------------------------------------------------------------

export function encodePacket(head: Head, payload: Buffer, level: number): Buffer | string {
  const type = packetTypes.indexOf(String(head.type ?? ''));
  if (type < 1) return `unknown packet type: ${String(head.type)}`;
  const v5 = level >= 5;
  const w = new MqttWriter();
  const qos = num(head.qos) & 3;
  let flags = type === 3 ? (head.dup ? 8 : 0) | (qos << 1) | (head.retain ? 1 : 0) : type === 6 || type === 8 || type === 10 ? 2 : 0;
  switch (type) {
    case 1:
      writeConnect(w, head);
      break;
    case 2:
      w.byte(head.sessionPresent ? 1 : 0).byte(num(head.reasonCode));
      if (v5) writeProperties(w, head.properties);
      break;
    case 3:
      w.string(String(head.topicName ?? ''));
      if (qos) w.u16(num(head.packetIdentifier));
      if (v5) writeProperties(w, head.properties);
      w.raw(payload);
      break;
    case 4: case 5: case 6: case 7:
      w.u16(num(head.packetIdentifier));
      if (v5) w.byte(num(head.reasonCode)), writeProperties(w, head.properties);
      break;
    case 8: case 10:
      w.u16(num(head.packetIdentifier));
      if (v5) writeProperties(w, head.properties);
      writeFilters(w, head.topicFilters, type === 8);
      break;
    case 9: case 11:
      w.u16(num(head.packetIdentifier));
      if (v5) writeProperties(w, head.properties);
      if (type === 9 || v5) for (const c of list(head.reasonCodes)) w.byte(num(c));
      break;
    case 14: case 15:
      if (v5) w.byte(num(head.reasonCode)), writeProperties(w, head.properties);
      break;
  }
  if (type === 3 && !qos) flags &= ~8;
  const body = w.bytes();
  return Buffer.concat([Buffer.from([(type << 4) | flags]), varintBytes(body.length), body]);
}

function writeConnect(w: MqttWriter, head: Head): void {
  const level = num(head.protocolLevel) || 4;
  const will = head.will as Head | undefined;
  let flags = head.cleanStart === false ? 0 : 2;
  if (will) flags |= 4 | ((num(will.qos) & 3) << 3) | (will.retain ? 32 : 0);
  if (head.username !== undefined) flags |= 128;
  if (head.password !== undefined) flags |= 64;
  w.string(String(head.protocolName ?? (level === 3 ? 'MQIsdp' : 'MQTT'))).byte(level).byte(flags).u16(num(head.keepAlive));
  if (level >= 5) writeProperties(w, head.properties);
  w.string(String(head.clientID ?? ''));
  if (will) {
    if (level >= 5) writeProperties(w, will.properties);
    w.string(String(will.topic ?? '')).binary(bytesOf(will.payload));
  }
  if (head.username !== undefined) w.string(String(head.username));
  if (head.password !== undefined) w.binary(bytesOf(head.password));
}

function writeFilters(w: MqttWriter, filters: unknown, withOptions: boolean): void {
  for (const f of list(filters)) {
    if (typeof f === 'string') {
      w.string(f);
      if (withOptions) w.byte(0);
      continue;
    }
    const o = (f ?? {}) as Head;
    w.string(String(o.filter ?? ''));
    if (withOptions) w.byte((num(o.qos) & 3) | (o.noLocal ? 4 : 0) | (o.retainAsPublished ? 8 : 0) | ((num(o.retainHandling) & 3) << 4));
  }
}

function writeProperties(w: MqttWriter, props: unknown): void {
  const p = new MqttWriter();
  if (props && typeof props === 'object') {
    for (const [name, v] of Object.entries(props as Head)) {
      const spec = propertyByName.get(name);
      if (!spec || v === undefined || v === null) continue;
      if (spec.type === 'pair') {
        for (const [k, val] of Object.entries(v as Head)) p.varint(spec.id).string(k).string(String(val));
      } else writeValue(p.varint(spec.id), spec.type, v);
    }
  }
  const bytes = p.bytes();
  w.varint(bytes.length).raw(bytes);
}

function writeValue(w: MqttWriter, type: string, v: unknown): void {
  if (type === 'byte') w.byte(num(v));
  else if (type === 'u16') w.u16(num(v));
  else if (type === 'u32') w.u32(num(v));
  else if (type === 'varint') w.varint(num(v));
  else if (type === 'string') w.string(String(v));
  else w.binary(bytesOf(v));
}

function num(v: unknown): number {
  const n = Number(v ?? 0);
  return Number.isFinite(n) ? n : 0;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function bytesOf(v: unknown): Buffer {
  if (v instanceof Data) return v.toBuffer();
  return Buffer.from(String(v ?? ''), 'utf8');
}
