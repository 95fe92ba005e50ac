import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { check, defaultParseLimits, parse } from '../check.js';

const pipyScript = `pipy({ _target: '' })
  .listen(8080)
  .demuxHTTP('request')
  .pipeline('request')
  .handleMessageStart(msg => (_target = \`\${msg.head.headers.host}\`, console.log(msg.head.path)))
  .muxHTTP('connection', () => _target)
`;

/** Asserts that some diagnostic sits at line:column and names the construct. */
function expectViolation(source: string, line: number, column: number, text: string) {
  const diagnostics = check(source);
  const hit = diagnostics.find((d) => d.line === line && d.column === column && d.message.includes(text));
  expect(hit, `${JSON.stringify(source)} → ${JSON.stringify(diagnostics)}`).toBeDefined();
  return diagnostics;
}

describe('accepted constructs', () => {
  const accepted: Array<[string, string]> = [
    ['string literals', `'a' + "b" + 'esc\\n\\t\\x41\\u0041'`],
    ['number literals', '[0, 1, 1.5, .5, 5., 1e3, 1E-3, 0x1F, 0o17, 0b101, 0.25]'],
    ['boolean, null and undefined', '[true, false, null, undefined]'],
    ['template literals', '`a${b}c${`nested ${d}`}`'],
    ['identifiers', 'someName'],
    ['arrays with spread and a trailing comma', '[a, ...b, c,]'],
    ['objects', "({ a: 1, 'b': 2, 3: 4, [k]: 5, short, ...rest, class: 6, if: 7, })"],
    ['reserved words as property names', 'x.if.class.new.delete'],
    ['arrow functions', '[() => 1, x => x, (a, b) => a + b, (a, b,) => a]'],
    ['arrow returning an object in parentheses', 'x => ({ a: x })'],
    ['destructuring parameters, nested', '({ a, b: [c, { d }], ["e"]: f }) => [a, c, d, f]'],
    ['array pattern parameters', '([x, [y, z]]) => x + y + z'],
    ['member access', 'a.b[c]["d"]'],
    ['optional chaining', 'a?.b?.[c]?.(d)'],
    ['calls with a trailing comma', 'f(a, b,)'],
    ['new', '[new F, new F(1), new a.b.C(2), new F(1).x]'],
    ['unary operators', '[!a, ~a, +a, -a, typeof a, void a, delete a.b, delete a[0]]'],
    ['update operators', '(a++, a--, ++a, --a, o.x++, --o[k])'],
    ['binary operators', 'a + b - c * d / e % f ** g << h >> i >>> j & k | l ^ m'],
    ['comparison operators', '[a < b, a <= b, a > b, a >= b, a == b, a != b, a === b, a !== b, a in b, a instanceof B]'],
    ['logical operators', '[a && b, a || b, a ?? b]'],
    ['conditional operator', 'a ? b : c ? d : e'],
    ['assignment operators', '(a = 1, a += 1, a -= 1, a *= 1, a /= 1, a %= 1, a **= 1, a <<= 1, a >>= 1, a >>>= 1, a &= 1, a |= 1, a ^= 1, a &&= 1, a ||= 1, a ??= 1)'],
    ['assignment to members', '(o.x = 1, o[k] += 2)'],
    ['destructuring assignment', '([a, b] = c, ({ a, b: o.x, c: [d] } = e))'],
    ['comma operator', '(a(), b(), c())'],
    ['comments', '// line\n/* block */ a /* more */ // end'],
    ['division', 'a / b / c'],
    ['NaN and Infinity as names', '[NaN, Infinity]'],
    ['a real Pipy script', pipyScript],
  ];
  it.each(accepted)('%s', (_name, source) => {
    expect(check(source)).toEqual([]);
  });
});

describe('rejected constructs', () => {
  // [construct, source, line, column, text the message must contain]
  const rejected: Array<[string, string, number, number, string]> = [
    ['var', 'var x = 1', 1, 1, "'var' declarations"],
    ['let', 'let x = 1', 1, 1, "'let' declarations"],
    ['const', 'const x = 1', 1, 1, "'const' declarations"],
    ['if', 'if (a) b()', 1, 1, "'if' statements"],
    ['for', 'for (;;) a()', 1, 1, "'for' loops"],
    ['for-in', 'for (k in o) f(k)', 1, 1, "'for-in' loops"],
    ['for-of', 'for (const x of xs) f(x)', 1, 1, "'for-of' loops"],
    ['while', 'while (a) f()', 1, 1, "'while' loops"],
    ['do-while', 'do f()\nwhile (a)', 1, 1, "'do-while' loops"],
    ['switch', 'switch (a) { case 1: f() }', 1, 1, "'switch' statements"],
    ['try', 'try { f() } catch (e) { g() }', 1, 1, "'try' statements"],
    ['throw', "throw new Error('x')", 1, 1, "'throw' statements"],
    ['return', 'return 1', 1, 1, "'return' statements"],
    ['break', 'while (a) break', 1, 11, "'break' statements"],
    ['continue', 'while (a) continue', 1, 11, "'continue' statements"],
    ['labels', 'outer: a()', 1, 1, 'labeled statements'],
    ['with', 'with (o) a', 1, 1, "'with' statements"],
    ['debugger', 'debugger', 1, 1, "'debugger' statements"],
    ['block statements', '{ a() }', 1, 1, 'block statements'],
    ['function declarations', 'function f() {}', 1, 1, 'function declarations'],
    ['function expressions', 'f(function (x) {})', 1, 3, "'function' expressions"],
    ['generators', 'f(function* () {})', 1, 3, 'generator functions'],
    ['async functions', 'f(async function () {})', 1, 3, 'async functions'],
    ['async arrows', 'f(async x => x)', 1, 3, 'async arrow functions'],
    ['class declarations', 'class A {}', 1, 1, 'class declarations'],
    ['class expressions', 'f(class {})', 1, 3, 'class expressions'],
    ['this', 'f(this)', 1, 3, "'this'"],
    ['super', 'super.x', 1, 1, "'super'"],
    ['arrow block bodies', 'f(x => { x })', 1, 8, 'block body'],
    ['default parameters', 'f((a = 1) => a)', 1, 4, 'default values'],
    ['defaults in patterns', 'f(({ a = 1 }) => a)', 1, 6, 'default values'],
    ['defaults in destructuring assignment', '[a = 1] = b', 1, 2, 'default values'],
    ['rest parameters', 'f((...a) => a)', 1, 4, 'rest elements'],
    ['rest in patterns', 'f(([a, ...b]) => b)', 1, 8, 'rest elements'],
    ['rest in destructuring assignment', '({ ...a } = b)', 1, 4, 'rest elements'],
    ['spread in calls', 'f(a, ...xs)', 1, 6, 'spread arguments'],
    ['spread in new', 'new F(...xs)', 1, 7, 'spread arguments'],
    ['regular expressions', "'a'.match(/a+/g)", 1, 11, 'regular-expression literals'],
    ['tagged templates', 'f`x`', 1, 1, 'tagged templates'],
    ['await', 'await f()', 1, 1, "'await'"],
    ['await in an async arrow', 'f(async x => await x)', 1, 14, "'await'"],
    ['yield', 'f(yield)', 1, 3, "'yield'"],
    ['yield in a generator', 'f(function* () { yield 1 })', 1, 18, "'yield'"],
    ['import declarations', "import x from 'y'", 1, 1, "'import' declarations"],
    ['dynamic import', "import('x')", 1, 1, 'dynamic import()'],
    ['import.meta', 'import.meta', 1, 1, "'import.meta'"],
    ['export declarations', 'export default 1', 1, 1, "'export' declarations"],
    ['named exports', 'export const x = 1', 1, 1, "'export' declarations"],
    ['getters', '({ get a() { return 1 } })', 1, 4, 'getters'],
    ['setters', '({ set a(v) {} })', 1, 4, 'setters'],
    ['methods', '({ m() {} })', 1, 4, 'methods'],
    ['array holes', '[1,,2]', 1, 4, 'array holes'],
    ['a leading array hole', '[, 1]', 1, 2, 'array holes'],
    ['holes in array patterns', '([, b]) => b', 1, 3, 'holes in array patterns'],
    ['BigInt literals', '1n', 1, 1, 'BigInt literals'],
    ['numeric separators', 'x + 1_000', 1, 5, 'numeric separators'],
    ['legacy octal numbers', '017', 1, 1, 'leading-zero number literals'],
    ['leading-zero numbers', '08', 1, 1, 'leading-zero number literals'],
    ['new.target', 'f(function () { new.target })', 1, 17, "'new.target'"],
    ['private names', 'o.#x', 1, 3, 'private names (#x)'],
    ['private names in classes', 'f(class { #y = 1 })', 1, 11, 'private names (#y)'],
    ['delete of a variable', 'delete x', 1, 1, "'delete' of a plain variable"],
    ['assignment to undefined', 'undefined = 1', 1, 1, "assignment to 'undefined'"],
    ['update of undefined', 'undefined++', 1, 1, "assignment to 'undefined'"],
    ['parameter named undefined', '(undefined) => 1', 1, 2, "'undefined' cannot be a parameter name"],
    ['parameter named arguments', '(a, arguments) => 1', 1, 5, "'arguments' cannot be a parameter name"],
    ['parameter named eval', '({ x: eval }) => 1', 1, 7, "'eval' cannot be a parameter name"],
    ['reserved words as names', 'f(async)', 1, 3, "'async' is a reserved word"],
    ['semicolons', 'a;', 1, 2, "';'"],
    ['extra statements', 'a\nb', 2, 1, 'one expression: join expressions with the comma operator'],
    ['empty scripts', '', 1, 1, 'empty script'],
    ['comment-only scripts', '// nothing here', 1, 1, 'empty script'],
  ];
  it.each(rejected)('%s', (_name, source, line, column, text) => {
    expectViolation(source, line, column, text);
  });

  it('gives each construct its own message', () => {
    const messages = rejected.map(([, source, line, column]) =>
      check(source).find((d) => d.line === line && d.column === column)!.message,
    );
    const constructs = new Map<string, string>();
    rejected.forEach(([, , , , text], i) => constructs.set(text, messages[i]!));
    expect(new Set(constructs.values()).size).toBe(constructs.size);
  });

  it('suggests the RegExp constructor with the same pattern and flags', () => {
    const [d] = check("/it's\\d/g");
    expect(d!.message).toContain("new RegExp('it\\'s\\\\d', 'g')");
  });

  it('suggests the octal or decimal spelling of a leading-zero number', () => {
    expect(check('017')[0]!.message).toContain('write 0o17 for octal or 17 for decimal');
    expect(check('09.5')[0]!.message).toContain('write 9.5');
  });

  it('does not report the semicolons of a for-loop head', () => {
    const diagnostics = check('for (let i = 0; i < 3; i++) f(i)');
    expect(diagnostics).toEqual([expect.objectContaining({ line: 1, column: 1 })]);
  });

  it('reports every semicolon: trailing, separating and empty statements', () => {
    const diagnostics = check('a; b;;');
    const semicolons = diagnostics.filter((d) => d.message.startsWith("';'"));
    expect(semicolons.map((d) => d.column)).toEqual([2, 5, 6]);
    expect(diagnostics.filter((d) => d.message.startsWith('a PipyJS script is one expression'))).toHaveLength(1);
  });

  it('names the object-literal fix for a top-level object without parentheses', () => {
    const [block] = check('{ a: 1 }');
    expect(block!.message).toContain('wrap it in parentheses');
  });
});

describe('several violations', () => {
  it('reports all of them, sorted by position', () => {
    const source = [
      'pipy()', //                          1
      '  .listen(function () { return this })', // 2: function 11, return 25, this 32
      '  .handle(x => { if (x) f(/a/) })', //     3: block 16, if 18, regex 27
      '  .other([1,,2], 017);', //                4: hole 13, octal 18, ';' 22
    ].join('\n');
    const positions = check(source).map((d) => [d.line, d.column]);
    expect(positions).toEqual([
      [2, 11], [2, 25], [2, 32],
      [3, 16], [3, 18], [3, 27],
      [4, 13], [4, 18], [4, 22],
    ]);
  });

  it('does not repeat the same diagnostic', () => {
    const diagnostics = check('f(this, this);');
    const keys = diagnostics.map((d) => `${d.line}:${d.column}:${d.message}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(diagnostics).toHaveLength(3);
  });
});

describe('syntax errors', () => {
  it('reports an acorn error at its position, without the trailing (line:col)', () => {
    expect(check('f(1,\n  2 +)')).toEqual([{ message: 'Unexpected token', line: 2, column: 6 }]);
  });

  it('reports a tokenizer error', () => {
    const [d, ...rest] = check("a + 'abc");
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ line: 1, column: 5 });
    expect(d!.message).toMatch(/^Unterminated string constant$/);
  });
});

describe('limits', () => {
  const nestedTooDeeply = (source: string, limits = {}) => {
    const result = parse(source, { limits });
    expect(result.expression).toBeNull();
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]!.message).toContain('nested too deeply');
    return result.diagnostics[0]!;
  };

  it('has the documented defaults', () => {
    expect(defaultParseLimits).toEqual({ maxSourceLength: 8 * 1024 * 1024, maxBracketDepth: 256, maxNesting: 1000 });
  });

  it('rejects 100,000 nested parentheses at the 257th bracket', () => {
    const n = 100_000;
    const d = nestedTooDeeply('('.repeat(n) + '1' + ')'.repeat(n));
    expect(d).toEqual({ message: 'expression nested too deeply: more than 256 levels of brackets', line: 1, column: 257 });
  });

  it('counts template substitutions as brackets', () => {
    nestedTooDeeply('`${'.repeat(300) + '1' + '}`'.repeat(300));
  });

  it('rejects 100,000 prefix ! operators without a host RangeError', () => {
    nestedTooDeeply('!'.repeat(100_000) + 'a');
  });

  it('rejects a 5,000-deep assignment chain', () => {
    nestedTooDeeply(Array(5001).fill('a').join('='));
  });

  it('rejects 100,000 chained arrows and 100,000 additions', () => {
    nestedTooDeeply('x => '.repeat(100_000) + 'x');
    nestedTooDeeply(Array(100_000).fill('1').join('+'));
  });

  it('turns a stack overflow inside a regular expression into a diagnostic', () => {
    nestedTooDeeply('/' + '('.repeat(100_000) + ')'.repeat(100_000) + '/');
  });

  it('honours a custom bracket depth', () => {
    expect(nestedTooDeeply('[[[[1]]]]', { maxBracketDepth: 3 })).toMatchObject({ line: 1, column: 4 });
    expect(check('[[[1]]]', { limits: { maxBracketDepth: 3 } })).toEqual([]);
  });

  it('honours a custom tree depth', () => {
    const d = nestedTooDeeply('a + b + c + d', { maxNesting: 3 });
    expect(d.message).toBe('expression nested too deeply: more than 3 levels of nesting');
    expect(check('a + b', { limits: { maxNesting: 3 } })).toEqual([]);
  });

  it('rejects a source over maxSourceLength before parsing it', () => {
    const result = parse('f(;;;', { limits: { maxSourceLength: 4 } });
    expect(result).toEqual({
      expression: null,
      diagnostics: [{ message: 'script too long: 5 characters, more than the limit of 4', line: 1, column: 1 }],
    });
    expect(check('f()', { limits: { maxSourceLength: 4 } })).toEqual([]);
  });
});

describe('parse', () => {
  it('returns the expression of a real Pipy script', () => {
    const result = parse(pipyScript, { filename: 'main.js' });
    expect(result.diagnostics).toEqual([]);
    expect(result.expression).not.toBeNull();
    expect(result.expression!.type).toBe('CallExpression');
  });

  it('returns no expression when there are diagnostics', () => {
    expect(parse('a;')).toMatchObject({ expression: null, diagnostics: [expect.anything()] });
    expect(parse('1 +')).toMatchObject({ expression: null, diagnostics: [expect.anything()] });
  });
});

// Each conformance case starts with `// expect: accepted` or `// expect: rejected <line>:<col> <text>`.
describe('conformance cases', () => {
  const root = fileURLToPath(new URL('../../conformance/language/grammar/', import.meta.url));
  const cases = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .sort();

  it('has about forty of them', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s', (file) => {
    const source = readFileSync(join(root, file), 'utf8');
    const header = /^\/\/ expect: (accepted|rejected (\d+):(\d+) (.+))$/m.exec(source.split('\n')[0]!);
    expect(header, 'header line').not.toBeNull();
    if (header![1] === 'accepted') return expect(check(source)).toEqual([]);
    expectViolation(source, Number(header![2]), Number(header![3]), header![4]!.trim());
  });
});
