// Budgets for one guest entry: every call from the host into guest code gets a fresh set.
//
// All budgets are deterministic except time: steps are counted per guest call and per element a
// built-in visits; memory is an allocation budget (bytes charged when strings, arrays, objects and
// closures are made, never released), so a script that stays within it today does tomorrow.

export interface Limits {
  /** Guest calls plus built-in iterations, per entry. */
  steps: number;
  /** Nested guest calls. Far below what the host stack holds (see Runtime.maxStack). */
  depth: number;
  /** Bytes allocated by the guest, per entry. */
  memory: number;
  /** Wall-clock milliseconds per entry, checked every few thousand steps. */
  timeMs: number;
}

export const defaultLimits: Readonly<Limits> = Object.freeze({
  steps: 50_000_000,
  depth: 800,
  memory: 256 * 1024 * 1024,
  timeMs: 5_000,
});

export function resolveLimits(partial?: Partial<Limits>): Limits {
  const l = { ...defaultLimits, ...partial };
  for (const [k, v] of Object.entries(l)) {
    if (typeof v !== 'number' || !(v > 0)) throw new TypeError(`limits.${k} must be a positive number, got ${String(v)}`);
  }
  return l;
}

/** Approximate sizes charged against the memory budget. */
export const cost = {
  object: 64,
  property: 16,
  arrayBase: 32,
  element: 8,
  closure: 64,
  stringChar: 2,
} as const;

/** The longest string a guest may build (V8's own limit is ~2^29 UTF-16 units). */
export const maxStringLength = 2 ** 28;
/** The longest array a guest may build. */
export const maxArrayLength = 2 ** 26;
