// Differential property test: generated PipyJS expressions must give the same result here as in
// V8 itself (strict mode), or fail with the same class of error. This is the proof that the
// interpreter follows ECMAScript rather than Pipy 0.30's quirks.

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { evaluate, PipyJSError } from '../index.js';

type Outcome = { ok: true; value: unknown } | { ok: false; error: string };

function native(src: string): Outcome {
  try {
    // The reference: V8 evaluating the same text. Test-only; the interpreter never does this.
    return { ok: true, value: new Function(`"use strict"; return (${src});`)() };
  } catch (e) {
    return { ok: false, error: (e as Error).constructor.name };
  }
}

function ours(src: string): Outcome {
  try {
    return { ok: true, value: evaluate(src, { limits: { steps: 1e6, timeMs: 2000 } }) };
  } catch (e) {
    if (e instanceof PipyJSError && e.kind === 'runtime') return { ok: false, error: e.errorName! };
    throw e;
  }
}

/** Structural comparison that keeps NaN, -0 and undefined-vs-missing apart, as Object.is does. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'function' || typeof b === 'function') return typeof a === typeof b;
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  if (Array.isArray(a) && a.length !== (b as unknown[]).length) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const ident = fc.constantFrom('x', 'y', 's', 'a', 'o');
const number = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map((n) => (n < 0 ? `(${n})` : String(n))),
  fc.constantFrom('0', '1', '2', '0.5', '1e3', '0x1F', '0o17', '0b101', '.5', '1e21', 'NaN', 'Infinity'),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (Object.is(d, -0) || d < 0 ? `(${d})` : String(d))),
);
const string = fc
  .string({ maxLength: 6, unit: fc.constantFrom('a', 'b', 'A', ' ', '1', '-', ',', 'é', '😀', '\\n', '$') })
  .map((s) => `'${s}'`);
const atom = fc.oneof(number, string, fc.constantFrom('true', 'false', 'null', 'undefined', '[]', '({})', '[1, 2, 3]', "({a: 1, b: 'x'})"), ident);

const unary = ['-', '+', '!', '~', 'typeof ', 'void '];
const binary = ['+', '-', '*', '/', '%', '**', '==', '!=', '===', '!==', '<', '<=', '>', '>=', '&', '|', '^', '<<', '>>', '>>>', '&&', '||', '??', 'in'];
const methods = [
  '.length', '.toString()', '.slice(1)', '.indexOf(1)', '.concat([1])', '.includes(2)', '.at(-1)',
  ".join('-')", '.map(v => v + 1)', '.filter(v => v)', '.reverse()', '.toUpperCase()', '.trim()',
  ".split('')", '[0]', '[1]', '?.a', '?.[0]', '.a', '.b', '.toFixed(2)', '.valueOf()',
];

const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(fc.constantFrom(...unary), tie('e')).map(([op, e]) => `(${op}${e})`),
    fc.tuple(tie('e'), fc.constantFrom(...binary), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([a, b, c]) => `(${a} ? ${b} : ${c})`),
    fc.tuple(tie('e'), fc.constantFrom(...methods)).map(([e, m]) => `(${e})${m}`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `[${a}, ${b}]`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `({k: ${a}, [${b}]: 1})`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `\`<\${${a}}|\${${b}}>\``),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `((x, y) => ${a})(${b}, 2)`),
    fc.tuple(tie('e')).map(([a]) => `(({a, b: [c]}) => [a, c, ${a}])({a: 1, b: [2]})`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `[...[${a}], ...'ab', ${b}]`),
    fc.tuple(tie('e')).map(([a]) => `({...{p: ${a}}, q: 2})`),
  ),
})).e;

/** The free names of generated expressions, bound by an IIFE so both sides see the same values. */
const wrap = (e: string) => `((x, y, s, a, o) => ${e})(3, -2.5, 'str', [1, 'two', null], {a: 1, b: [2]})`;

describe('differential: interpreter vs V8', () => {
  it('agrees on 10,000 generated expressions', () => {
    fc.assert(
      fc.property(expr, (e) => {
        const src = wrap(e);
        const want = native(src);
        const got = ours(src);
        if (want.ok !== got.ok) return false;
        if (!want.ok) return want.error === (got as { error: string }).error;
        return same(got.value, want.value);
      }),
      { numRuns: Number(process.env.DIFF_RUNS ?? 10_000), seed: Number(process.env.DIFF_SEED ?? 20221125) },
    );
  });

  it('agrees on a fixed table of tricky cases', () => {
    const cases = [
      "'abc'[1]", '[1,2,3].reverse()', 'undefined + 1', "'' + [1, 2]", "'' + {}", '[] + []', '1 + {}',
      '4294967295 | 0', 'NaN | 0', "(s => s++)('str')", '[1,2,3].slice(-1)', '[1,2,3,4].lastIndexOf(4)',
      "'abcabc'.lastIndexOf('b')", "[1,null,undefined,'a'].join()", "'a'.trimEnd()", 'Math.round(-2.5)',
      'Math.max(1, NaN)', 'Number.MAX_SAFE_INTEGER', "'\\0'.length", "'\\u{43}'", "({1: 'x'})['1']",
      "(a => (a['1abc'] = 9, a))([1])", 'JSON.stringify({}, null, 2)', "(o => (delete o.a, o.a))({a: 1})",
      'null?.x.y.z', '((x, {a}) => a)(1, {a: 5})', "Object.keys({...{x: 1}, z: 1})", '({a: 1, a: 2}).a',
      '0.1 + 0.2', "'' + 123.456", '1e21 + ""', '-7 % 3', '2 ** 3 ** 2', '(-2) ** 2', "'10' < '9'", "null >= 0",
      "'😀'.length", "[...'a😀b']", "typeof null", 'typeof (x => x)', "`a${1 + 1}b${`c${'d'}`}`",
    ];
    for (const src of cases) {
      const want = native(src), got = ours(src);
      expect({ src, ok: got.ok }).toEqual({ src, ok: want.ok });
      if (want.ok && got.ok) expect(same(got.value, want.value), src).toBe(true);
    }
  });
});
