// Netmask through guest code (test idea 89), IPv4 and IPv6.

import { describe, it, expect } from 'vitest';
import { NetmaskClass } from '../netmask.js';
import { scriptRunner } from './harness.js';

const { run, errorOf } = scriptRunner(() => ({ Netmask: NetmaskClass }));


const props = ['base', 'mask', 'bitmask', 'hostmask', 'broadcast', 'size', 'first', 'last'];
const block = (cidr: string) => run(`(m => [${props.map((p) => `m.${p}`).join(',')}])(new Netmask('${cidr}'))`);

describe('Netmask (IPv4)', () => {
  it('derives the block from an address inside it (idea 89)', () => {
    expect(block('192.168.1.77/24')).toEqual(['192.168.1.0', '255.255.255.0', 24, '0.0.0.255', '192.168.1.255', 256, '192.168.1.1', '192.168.1.254']);
  });

  it('handles the edge prefixes', () => {
    expect(block('10.1.2.3')).toEqual(['10.1.2.3', '255.255.255.255', 32, '0.0.0.0', '10.1.2.3', 1, '10.1.2.3', '10.1.2.3']);
    expect(block('10.1.2.3/31')).toEqual(['10.1.2.2', '255.255.255.254', 31, '0.0.0.1', '10.1.2.3', 2, '10.1.2.3', '10.1.2.2']);
    // 0.30 gives size 1 for /0 (a shift overflow); the block really holds 2^32 addresses.
    expect(block('1.2.3.4/0')).toEqual(['0.0.0.0', '0.0.0.0', 0, '255.255.255.255', '255.255.255.255', 2 ** 32, '0.0.0.1', '255.255.255.254']);
    expect(block('172.16.5.9/12')).toEqual(['172.16.0.0', '255.240.0.0', 12, '0.15.255.255', '172.31.255.255', 2 ** 20, '172.16.0.1', '172.31.255.254']);
  });

  it('tests membership (idea 89)', () => {
    expect(run("(m => [m.contains('10.1.2.3'), m.contains('10.2.0.0'), m.contains('10.1.255.255'), m.contains('bad'), m.contains('10.1.0.256')])(new Netmask('10.1.0.0/16'))"))
      .toEqual([true, false, true, false, false]);
  });

  it('walks the host addresses with next() (idea 89)', () => {
    expect(run("(m => [m.next(), m.next(), m.next(), m.next()])(new Netmask('10.0.0.0/30'))")).toEqual(['10.0.0.1', '10.0.0.2', '', '']);
    expect(run("new Netmask('10.0.0.1/32').next()")).toBe('');
  });

  it('prints the original text', () => {
    expect(run("'' + new Netmask('192.168.1.77/24')")).toBe('192.168.1.77/24');
  });

  it('rejects malformed CIDR text (idea 89)', () => {
    for (const bad of ['1.2.3/8', '1.2.3.4/33', '256.1.1.1', '1.2.3.4/', '1.2.3.4/x', 'a.b.c.d', '', '1.2.3.4/-1', ' 1.2.3.4']) {
      const e = errorOf(`new Netmask('${bad}')`);
      expect(e.detail, bad).toBe('invalid CIDR notation');
    }
    expect(errorOf('new Netmask(1)').detail).toBe('argument #1 expects a string');
  });
});

describe('Netmask (IPv6)', () => {
  it('derives the block', () => {
    expect(block('2001:db8::1234/32')).toEqual([
      '2001:db8::', 'ffff:ffff::', 32, '::ffff:ffff:ffff:ffff:ffff:ffff', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff',
      2 ** 96, '2001:db8::1', '2001:db8:ffff:ffff:ffff:ffff:ffff:fffe',
    ]);
  });

  it('parses compressed and IPv4-tailed forms and tests membership', () => {
    expect(run("(m => [m.base, m.contains('fe80::1'), m.contains('fec0::1'), m.contains('1.2.3.4')])(new Netmask('FE80:0:0::0:1/10'))"))
      .toEqual(['fe80::', true, false, false]);
    expect(run("new Netmask('::ffff:10.0.0.1').base")).toBe('::ffff:a00:1');
    expect(run("(m => [m.next(), m.next(), m.next()])(new Netmask('2001:db8::/127'))")).toEqual(['', '', '']);
    expect(run("(m => [m.next(), m.next(), m.next(), m.next()])(new Netmask('2001:db8::/126'))")).toEqual(['2001:db8::1', '2001:db8::2', '', '']);
  });

  it('rejects malformed IPv6', () => {
    for (const bad of ['1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', '::/129', 'g::1']) {
      expect(errorOf(`new Netmask('${bad}')`).detail, bad).toBe('invalid CIDR notation');
    }
  });
});
