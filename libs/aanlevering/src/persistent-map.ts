/**
 * An immutable map whose `with` (a copy with one entry added or replaced) costs about the square
 * root of its size instead of its size. A decider's state changes with every record of a run; a
 * full copy of its maps per record would make a run cost the square of its length. Changes go to a
 * small top layer over an unchanged base; once the top layer has grown to about the root of the
 * base, the two are merged into a new base. No instance is ever changed after it is made.
 */
export class PersistentMap<K, V> {
  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly top: ReadonlyMap<K, V>,
  ) {}

  static of<K, V>(entries: Iterable<readonly [K, V]> = []): PersistentMap<K, V> {
    return new PersistentMap(new Map(entries), new Map());
  }

  get(key: K): V | undefined {
    return this.top.has(key) ? this.top.get(key) : this.base.get(key);
  }

  with(key: K, value: V): PersistentMap<K, V> {
    if (this.top.size < Math.sqrt(this.base.size) + 8) return new PersistentMap(this.base, new Map(this.top).set(key, value));
    const base = new Map(this.base);
    for (const [k, v] of this.top) base.set(k, v);
    return new PersistentMap(base.set(key, value), new Map());
  }
}
