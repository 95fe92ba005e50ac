// `npm run bench`: every benchmark of the project in one run, as ratios against baselines measured
// in the same run (absolute figures drift between runs on shared machines).
// Environment: BENCH_SECONDS (per wrk run, default 3), BENCH_RUNS (default 5), BENCH_CONNECTIONS (50),
// BENCH_PIPY (the pipy command under test; default bin/pipy).

import { benchHello, benchProxy, haveWrk, type HttpOptions, type Section } from './http.js';
import { benchInterpreter } from './interpreter.js';

function pad(s: string, n: number): string {
  return s.padEnd(n);
}

function printInterpreter(): void {
  console.log('Interpreter vs native V8 (limits on, median per run)');
  console.log(`${pad('case', 26)}${pad('ours ms', 10)}${pad('V8 ms', 10)}${pad('ratio', 8)}target`);
  for (const f of benchInterpreter()) {
    const verdict = f.ratio <= f.target ? 'ok' : 'MISSED';
    console.log(`${pad(f.name, 26)}${pad(f.oursMs.toFixed(3), 10)}${pad(f.nativeMs.toFixed(3), 10)}${pad(f.ratio.toFixed(2) + 'x', 8)}<= ${f.target}x ${verdict}`);
  }
}

function printSection(s: Section): void {
  const ours = s.rows[0];
  const ref = s.rows.find((r) => r.name === s.target.versus)!;
  const ratio = ours.rps / ref.rps;
  console.log(`\n${s.title}`);
  console.log(`${pad('server', 18)}${pad('req/s', 9)}${pad('pipy/this', 11)}${pad('CPU us/req', 12)}${pad('pipy/this', 11)}runs (req/s)`);
  for (const r of s.rows) {
    const runs = r.runs.map((x) => Math.round(x)).join(' ') + (r.disturbed ? ` (${r.disturbed} disturbed)` : '');
    const byCpu = (r.cpuUs / ours.cpuUs).toFixed(2) + 'x';
    console.log(`${pad(r.name, 18)}${pad(String(Math.round(r.rps)), 9)}${pad((ours.rps / r.rps).toFixed(2) + 'x', 11)}${pad(r.cpuUs.toFixed(1), 12)}${pad(byCpu, 11)}${runs}`);
  }
  const byCpu = ref.cpuUs / ours.cpuUs;
  console.log(`target: pipy >= ${s.target.ratio}x ${s.target.versus}: ${ratio.toFixed(2)}x by req/s ${ratio >= s.target.ratio ? 'ok' : 'MISSED'}` +
    ` (${byCpu.toFixed(2)}x by CPU per request)`);
}

async function main(): Promise<void> {
  printInterpreter();
  if (!haveWrk()) {
    console.log('\nHTTP benchmarks skipped: wrk not found (install it with `apt-get install -y wrk`).');
    return;
  }
  const o: HttpOptions = {
    seconds: Number(process.env.BENCH_SECONDS ?? 3),
    runs: Number(process.env.BENCH_RUNS ?? 5),
    connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  };
  console.log(`\nHTTP, wrk -t1 -c${o.connections}, medians of ${o.runs} x ${o.seconds} s runs taken in turns; server on core 0,` +
    ' wrk + backend on core 1.\nCPU us/req: the server process\'s own CPU time per request. A run during which other' +
    ' processes use\n> 5 % of the machine is taken again (4 attempts at most), else counted as disturbed.');
  printSection(await benchHello(o));
  printSection(await benchProxy(o));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
