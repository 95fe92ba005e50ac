// Interpreter speed against native V8, limits switched on (the defaults), in one run.
// Each case is compiled once and run repeatedly; the figure is the median time per run.

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

function time(f: () => unknown, runs: number): number {
  for (let i = 0; i < Math.min(runs, 20); i++) f(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    f();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(samples);
}

export function benchInterpreter(runs = 60): Figure[] {
  const realm = new Realm();
  return cases.map((c) => {
    const script = realm.compile(c.source);
    const expected = c.native();
    const got = script.runGuest();
    if (got !== expected) throw new Error(`${c.name}: got ${String(got)}, expected ${String(expected)}`);
    const oursMs = time(() => script.runGuest(), runs);
    const nativeMs = time(c.native, runs);
    return { name: c.name, oursMs, nativeMs, ratio: oursMs / nativeMs, target: c.target };
  });
}
