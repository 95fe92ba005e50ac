// `npm run bench`: every benchmark of the project in one run, as ratios against baselines measured
// in the same run (absolute figures drift between runs on shared machines).

import { benchInterpreter } from './interpreter.js';

function pad(s: string, n: number): string {
  return s.padEnd(n);
}

function main(): void {
  console.log('Interpreter vs native V8 (limits on, median per run)');
  console.log(`${pad('case', 26)}${pad('ours ms', 10)}${pad('V8 ms', 10)}${pad('ratio', 8)}target`);
  for (const f of benchInterpreter()) {
    const verdict = f.ratio <= f.target ? 'ok' : 'MISSED';
    console.log(`${pad(f.name, 26)}${pad(f.oursMs.toFixed(3), 10)}${pad(f.nativeMs.toFixed(3), 10)}${pad(f.ratio.toFixed(2) + 'x', 8)}<= ${f.target}x ${verdict}`);
  }
}

main();
