/** Groups items by a key, keeping their order within each group (linear time). */
export function groepeer<T, K>(items: Iterable<T>, sleutel: (item: T) => K): Map<K, T[]> {
  const groepen = new Map<K, T[]>();
  for (const item of items) {
    const k = sleutel(item);
    const groep = groepen.get(k);
    if (groep) groep.push(item);
    else groepen.set(k, [item]);
  }
  return groepen;
}
