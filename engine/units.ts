// Durations, byte sizes and codebase paths as Pipy 0.30 parses them (spec §6.8, §1.6).

/**
 * Seconds from a number or a string with an optional unit ms/s/m/h/d. `'100ms'` is 100 milliseconds
 * (0.30 read only the last character and made it 100 seconds, a bug this implementation fixes).
 */
export function parseSeconds(v: unknown): number {
  if (typeof v === 'number') return v;
  const s = String(v).trim();
  const n = parseFloat(s);
  if (Number.isNaN(n)) return 0;
  if (s.endsWith('ms')) return n / 1000;
  const unit = s[s.length - 1];
  const scale = unit === 'm' ? 60 : unit === 'h' ? 3600 : unit === 'd' ? 86400 : 1;
  return n * scale;
}

/** Bytes from a number or a string with an optional last-character unit k/m/g/t (powers of 1024). */
export function parseSize(v: unknown): number {
  if (typeof v === 'number') return v;
  const s = String(v).trim();
  const n = parseFloat(s);
  if (Number.isNaN(n)) return 0;
  const unit = s[s.length - 1].toLowerCase();
  const power = 'kmgt'.indexOf(unit) + 1;
  return Math.floor(n * 1024 ** power);
}

/**
 * A module path relative to the codebase root, never to the caller: `plugins/x.js` and
 * `./plugins/x.js` are both `/plugins/x.js`. Like Pipy, `.`/`..` count only as the first segment.
 */
export function normalizePath(path: string): string {
  const segs = path.split('/').filter((s) => s !== '');
  if (segs[0] === '.') segs.shift();
  else if (segs[0] === '..') segs.shift();
  return '/' + segs.join('/');
}
