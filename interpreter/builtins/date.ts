// Date: a guest Date wraps a host Date, so calendar arithmetic, string parsing and formatting are
// exactly V8's (local time is the host's time zone). Arguments are converted with the interpreter's
// ToNumber/ToPrimitive first, in order, and only numbers and strings reach the host.

import { rangeError } from '../errors.js';
import { HostClass, HostObject, bindHostClass } from '../values.js';
import type { Method } from '../values.js';
import type { Runtime } from '../runtime.js';
import { toPrimitive } from '../operations.js';
import { cost } from '../limits.js';
import { fn, intl, intlArgs, scanSteps, toNumber, toString } from './args.js';

export class DateObject extends HostObject {
  constructor(readonly date: Date) {
    super();
  }
}

/** Host Date methods called by name from the fixed tables below (never with a guest-chosen name). */
const hostDate = Date.prototype as unknown as Record<string, (this: Date, ...args: number[]) => unknown>;

// ---- construction ------------------------------------------------------------------------------

/** Up to `max` arguments converted to numbers, in order (absent ones stay absent). */
function numbers(args: unknown[], max: number, rt: Runtime): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.min(args.length, max); i++) out.push(toNumber(args[i], rt));
  return out;
}

function parse(s: string, rt: Runtime): number {
  rt.charge(scanSteps(s.length));
  return Date.parse(s);
}

/** The time value of `new Date(...args)`. */
function timeValue(args: unknown[], rt: Runtime): number {
  if (args.length === 0) return Date.now();
  if (args.length > 1) return (Reflect.construct(Date, numbers(args, 7, rt)) as Date).getTime();
  const v = args[0];
  if (v instanceof DateObject) return v.date.getTime();
  const p = toPrimitive(v, 'default', rt);
  return typeof p === 'string' ? parse(p, rt) : new Date(toNumber(p, rt)).getTime();
}

function construct(args: unknown[], rt: Runtime): DateObject {
  const t = timeValue(args, rt);
  rt.alloc(cost.object);
  return new DateObject(new Date(t));
}

// ---- methods -----------------------------------------------------------------------------------

const getterNames = [
  'getDate', 'getDay', 'getFullYear', 'getHours', 'getMilliseconds', 'getMinutes', 'getMonth', 'getSeconds',
  'getTime', 'getTimezoneOffset', 'getUTCDate', 'getUTCDay', 'getUTCFullYear', 'getUTCHours',
  'getUTCMilliseconds', 'getUTCMinutes', 'getUTCMonth', 'getUTCSeconds', 'getYear', 'valueOf',
  'toString', 'toDateString', 'toTimeString', 'toUTCString', 'toGMTString',
];

/** Setters and how many arguments each one reads. */
const setterArity: Record<string, number> = {
  setDate: 1, setFullYear: 3, setHours: 4, setMilliseconds: 1, setMinutes: 3, setMonth: 2, setSeconds: 2,
  setTime: 1, setUTCDate: 1, setUTCFullYear: 3, setUTCHours: 4, setUTCMilliseconds: 1, setUTCMinutes: 3,
  setUTCMonth: 2, setUTCSeconds: 2, setYear: 1,
};

function toISOString(self: DateObject): string {
  if (Number.isNaN(self.date.getTime())) throw rangeError('Invalid time value');
  return self.date.toISOString();
}

/** Date.prototype.toJSON: null for an invalid date, else the ISO text. */
function toJSON(self: DateObject, _args: unknown[], rt: Runtime): string | null {
  const tv = toPrimitive(self, 'number', rt);
  if (typeof tv === 'number' && !Number.isFinite(tv)) return null;
  return toISOString(self);
}

function localeMethod(name: 'toLocaleString' | 'toLocaleDateString' | 'toLocaleTimeString'): Method {
  return (self: DateObject, args, rt) => {
    const [locales, options] = intlArgs(args, 0, rt);
    return intl(() => self.date[name](locales, options));
  };
}

function methods(): Record<string, Method> {
  const m: Record<string, Method> = Object.create(null);
  for (const name of getterNames) m[name] = (self: DateObject) => hostDate[name].call(self.date);
  for (const [name, arity] of Object.entries(setterArity)) {
    m[name] = (self: DateObject, args, rt) => hostDate[name].apply(self.date, numbers(args, arity, rt));
  }
  return Object.assign(m, {
    toISOString,
    toJSON,
    toLocaleString: localeMethod('toLocaleString'),
    toLocaleDateString: localeMethod('toLocaleDateString'),
    toLocaleTimeString: localeMethod('toLocaleTimeString'),
  });
}

export const DateClass = new HostClass({
  toHost: (self: DateObject) => new Date(self.date.getTime()),
  name: 'Date',
  construct,
  call: () => new Date().toString(),
  methods: methods(),
  statics: {
    now: fn('now', 0, () => Date.now()),
    parse: fn('parse', 1, (args, rt) => parse(toString(args[0], rt), rt)),
    UTC: fn('UTC', 7, (args, rt) => Date.UTC(...(numbers(args, 7, rt) as [number]))),
  },
});
bindHostClass(DateObject, DateClass);
