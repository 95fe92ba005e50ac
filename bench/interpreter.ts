// Interpreter speed against native V8, limits switched on (the defaults), in one run.
// Each case is compiled once and run repeatedly, in turns with its native twin; the figures are
// the median times per run.

import { Realm } from '../interpreter/index.js';

export interface Figure {
  name: string;
  oursMs: number;
  nativeMs: number;
  ratio: number;
  target: number;
}

const cases = [
  {
    name: 'fib(25)',
    source: '(f => f(f, 25))((f, n) => n < 2 ? n : f(f, n - 1) + f(f, n - 2))',
    native: () => ((f: (f: any, n: number) => number) => f(f, 25))((f, n) => (n < 2 ? n : f(f, n - 1) + f(f, n - 2))),
    target: 10,
  },
  {
    name: 'array pipeline (20,000)',
    source: 'Array.from({length: 20000}, (_, i) => i).filter(x => x % 3 === 0).map(x => x * 2).reduce((a, b) => a + b, 0)',
    native: () =>
      Array.from({ length: 20000 }, (_, i) => i)
        .filter((x) => x % 3 === 0)
        .map((x) => x * 2)
        .reduce((a, b) => a + b, 0),
    target: 3,
  },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Samples of `a` and `b` taken in turns, so a busy moment of the machine hits both alike. */
function timeInTurns(a: () => unknown, b: () => unknown, runs: number): [number, number] {
  for (let i = 0; i < Math.min(runs, 20); i++) a(), b(); // warm up
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < runs; i++) {
    sa.push(sample(a));
    sb.push(sample(b));
  }
  return [median(sa), median(sb)];
}

function sample(f: () => unknown): number {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export function benchInterpreter(runs = 60): Figure[] {
  const realm = new Realm();
  return cases.map((c) => {
    const script = realm.compile(c.source);
    const expected = c.native();
    const got = script.runGuest();
    if (got !== expected) throw new Error(`${c.name}: got ${String(got)}, expected ${String(expected)}`);
    const [oursMs, nativeMs] = timeInTurns(() => script.runGuest(), c.native, runs);
    return { name: c.name, oursMs, nativeMs, ratio: oursMs / nativeMs, target: c.target };
  });
}
