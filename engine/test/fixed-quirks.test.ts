// The 0.30 bugs this implementation fixes (README "Fixed 0.30 bugs"): each is pinned here so that
// it cannot come back.

import { describe, it, expect, afterEach } from 'vitest';
import { parseSeconds } from '../units.js';
import { enabled, setLogLevel } from '../log.js';

describe('fixed 0.30 quirks', () => {
  afterEach(() => setLogLevel('info'));

  it("'100ms' is 100 milliseconds, and the other units still work", () => {
    expect(parseSeconds('100ms')).toBeCloseTo(0.1);
    expect(parseSeconds('2s')).toBe(2);
    expect(parseSeconds('5m')).toBe(300);
    expect(parseSeconds('1h')).toBe(3600);
    expect(parseSeconds('1d')).toBe(86400);
    expect(parseSeconds('1.5')).toBe(1.5);
  });

  it('--log-level=info shows errors and warnings; error hides info', () => {
    setLogLevel('info');
    expect([enabled('debug'), enabled('info'), enabled('warn'), enabled('error')]).toEqual([false, true, true, true]);
    setLogLevel('error');
    expect([enabled('info'), enabled('warn'), enabled('error')]).toEqual([false, false, true]);
    setLogLevel('debug');
    expect(enabled('debug')).toBe(true);
  });
});
