// A table keyed the way Pipy keys shared things (muxQueue/merge sessions, throttle buckets): object
// keys are held weakly, so a session keyed by `__inbound` dies with its connection; any other value
// compares by value. One table belongs to one filter position and is shared by its clones.

export class KeyedTable<V> {
  private readonly byValue = new Map<unknown, V>();
  private readonly byObject = new WeakMap<object, V>();

  get(key: unknown): V | undefined {
    return isObjectKey(key) ? this.byObject.get(key) : this.byValue.get(key);
  }

  set(key: unknown, v: V): void {
    if (isObjectKey(key)) this.byObject.set(key, v);
    else this.byValue.set(key, v);
  }

  /** Removes the entry only if it still is `v` (a newer one may have replaced it). */
  delete(key: unknown, v: V): void {
    if (this.get(key) !== v) return;
    if (isObjectKey(key)) this.byObject.delete(key);
    else this.byValue.delete(key);
  }
}

function isObjectKey(key: unknown): key is object {
  return (typeof key === 'object' && key !== null) || typeof key === 'function';
}
