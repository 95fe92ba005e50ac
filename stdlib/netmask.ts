// The Netmask global: a CIDR block and its derived addresses (spec §3.14, test idea 89).
//
// Pipy 0.30 handles IPv4 only; IPv6 blocks (`2001:db8::/32`) work here too, with the same
// properties, at the price of doing the arithmetic in BigInt for both families. `size` of `/0` is
// 2^32 (0.30 gives 1 through a shift overflow, quirk). Addresses are written back in canonical
// form: dotted quads, or RFC 5952 text for IPv6.

import { HostClass, HostObject, bindHostClass, guestError, cost } from '../interpreter/index.js';
import { requireArgs, requiredString } from './arguments.js';

interface Family {
  bits: number;
  parse(text: string): bigint | null;
  format(addr: bigint): string;
}

const ipv4: Family = {
  bits: 32,
  parse(text) {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
    if (!m) return null;
    const octets = m.slice(1).map(Number);
    return octets.every((o) => o <= 255) ? octets.reduce((a, o) => (a << 8n) | BigInt(o), 0n) : null;
  },
  format(addr) {
    return [24n, 16n, 8n, 0n].map((s) => String((addr >> s) & 255n)).join('.');
  },
};

const ipv6: Family = {
  bits: 128,
  parse: parseIPv6,
  format: formatIPv6,
};

/** `a:b::c`, with an optional dotted IPv4 tail; null when malformed. */
function parseIPv6(text: string): bigint | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return groups.reduce((a, g) => (a << 16n) | BigInt(g), 0n);
}

/** Hex groups separated by `:`; a trailing dotted quad counts as two groups. */
function groupsOf(text: string): number[] | null {
  if (text === '') return [];
  const parts = text.split(':');
  const out: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const v4 = i === parts.length - 1 && parts[i].includes('.') ? ipv4.parse(parts[i]) : null;
    if (v4 !== null) out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    else if (/^[0-9A-Fa-f]{1,4}$/.test(parts[i])) out.push(parseInt(parts[i], 16));
    else return null;
  }
  return out;
}

/** RFC 5952: lower case, no leading zeros, the longest run (≥ 2) of zero groups as `::`. */
function formatIPv6(addr: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((addr >> BigInt(112 - i * 16)) & 0xffffn));
  let best = -1, bestLen = 1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(':');
  if (best < 0) return hex(groups);
  return hex(groups.slice(0, best)) + '::' + hex(groups.slice(best + bestLen));
}

function familyOf(text: string): Family {
  return text.includes(':') ? ipv6 : ipv4;
}

function invalidCIDR(): Error {
  return guestError('Error', 'invalid CIDR notation');
}

export class Netmask extends HostObject {
  readonly base: bigint;
  readonly mask: bigint;
  readonly hostmask: bigint;
  /** The offset from base of the next address `next()` hands out. */
  private cursor = 1n;

  constructor(readonly text: string, readonly family: Family, address: bigint, readonly bitmask: number) {
    super();
    const all = (1n << BigInt(family.bits)) - 1n;
    this.hostmask = all >> BigInt(bitmask);
    this.mask = all ^ this.hostmask;
    this.base = address & this.mask;
  }

  static parse(text: string): Netmask {
    const slash = text.indexOf('/');
    const addrText = slash < 0 ? text : text.slice(0, slash);
    const family = familyOf(addrText);
    const address = family.parse(addrText);
    const bits = slash < 0 ? family.bits : Number(text.slice(slash + 1));
    const prefixOk = slash < 0 || /^\d{1,3}$/.test(text.slice(slash + 1));
    if (address === null || !prefixOk || bits > family.bits) throw invalidCIDR();
    return new Netmask(text, family, address, bits);
  }

  get broadcast(): bigint {
    return this.base | this.hostmask;
  }

  get first(): bigint {
    return this.bitmask === this.family.bits ? this.base : this.base + 1n;
  }

  /** Pipy's rule, kept as the spec gives it: for /31 and /32 the last address is the base. */
  get last(): bigint {
    return this.bitmask >= this.family.bits - 1 ? this.base : this.broadcast - 1n;
  }

  contains(ip: string): boolean {
    const addr = this.family.parse(ip);
    return addr !== null && (addr & this.mask) === this.base;
  }

  /** Successive host addresses; '' once the host part would reach the host mask. */
  next(): string {
    if (this.cursor >= this.hostmask) return '';
    return this.family.format(this.base + this.cursor++);
  }

  format(addr: bigint): string {
    return this.family.format(addr);
  }
}

export const NetmaskClass = new HostClass({
  name: 'Netmask',
  tag: '[object pipy::Netmask]',
  construct(args, rt) {
    const cidr = requiredString(args, 0);
    rt.alloc(cost.object);
    return Netmask.parse(cidr);
  },
  getters: {
    base: (self: Netmask) => self.format(self.base),
    mask: (self: Netmask) => self.format(self.mask),
    bitmask: (self: Netmask) => self.bitmask,
    hostmask: (self: Netmask) => self.format(self.hostmask),
    broadcast: (self: Netmask) => self.format(self.broadcast),
    size: (self: Netmask) => Number(self.hostmask + 1n),
    first: (self: Netmask) => self.format(self.first),
    last: (self: Netmask) => self.format(self.last),
  },
  methods: {
    contains(self: Netmask, args) {
      requireArgs(args, 1);
      return typeof args[0] === 'string' && self.contains(args[0]);
    },
    next: (self: Netmask) => self.next(),
    toString: (self: Netmask) => self.text,
  },
  toHost: (self: Netmask) => self.text,
});
bindHostClass(Netmask, NetmaskClass);
