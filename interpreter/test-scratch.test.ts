import { it } from 'vitest';
import { check, parse } from './check.js';
it('x', () => {
  const n = 100000;
  const cases = ['/' + '('.repeat(n) + ')'.repeat(n) + '/', '`${'.repeat(n) + '1' + '}`'.repeat(n), 'x => '.repeat(n) + '1', 'a ? b : '.repeat(n) + 'c', 'new '.repeat(n) + 'X',
    '[' + Array(1000000).fill('1').join(',') + ']', '(a, b) => a', 'a?.b?.[c]?.(d)', '`a${b}c`', 'x = y ??= z', '({...a, b, [c]: d, "e": f, 1: g})', '[,]', '[1,,]', '[a,,b] = c', '(a)\n;'];
  for (const s of cases) { const t = Date.now(); const r = check(s); console.log(s.slice(0, 30), JSON.stringify(r), Date.now() - t, 'ms'); }
});
