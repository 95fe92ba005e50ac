// The conformance runner: `npm run conformance [-- suite...]`.
//
// Suites: `language` and `stdlib` (PipyJS cases with inline expectations, run through the
// interpreter API; `stdlib` adds the stdlib globals over a scratch codebase).
// `filters` and `scenarios` drive a pipy binary as a black box (conformance/blackbox.ts); `--pipy <path>`
// picks the binary (default bin/pipy), so the same cases can judge any Pipy.

import { Command } from 'commander';
import { join } from 'node:path';
import { runLanguageSuite } from './language.js';
import { stdlibTestGlobals } from './stdlib-globals.js';
import { runBlackBoxSuite } from './blackbox.js';
import type { CaseResult } from './language.js';

const here = import.meta.dirname;
// Built files live in dist/conformance; the cases stay in the source tree.
const casesRoot = here.includes('/dist/') ? join(here, '..', '..', 'conformance') : here;

const program = new Command()
  .name('conformance')
  .argument('[suites...]', 'suites to run', ['language', 'stdlib'])
  .option('--pipy <path>', 'pipy binary for black-box suites', join(casesRoot, '..', 'bin', 'pipy'))
  .action(async (suites: string[], opts: { pipy: string }) => {
    let failed = 0, passed = 0;
    for (const suite of suites) {
      const results: CaseResult[] = await runSuite(suite, opts.pipy);
      for (const r of results) {
        if (r.ok) passed++;
        else {
          failed++;
          console.log(`FAIL ${suite}/${r.file}: ${r.detail}`);
        }
      }
    }
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed ? 1 : 0;
  });

async function runSuite(suite: string, pipy: string): Promise<CaseResult[]> {
  if (suite === 'filters' || suite === 'scenarios') return runBlackBoxSuite(join(casesRoot, suite), pipy);
  if (suite !== 'language' && suite !== 'stdlib') throw new Error(`unknown suite ${suite}`);
  return runLanguageSuite(join(casesRoot, suite), suite === 'stdlib' ? stdlibTestGlobals : undefined);
}

await program.parseAsync();
