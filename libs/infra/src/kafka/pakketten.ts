/**
 * Splits messages into produce requests that the broker accepts: at most `maxAantal` messages and
 * about `maxBytes` of values each (the broker refuses a request over message.max.bytes, 1 MB by
 * default). A single message larger than the limit still goes alone; the broker then says why.
 */
export function* pakketten<T>(items: readonly T[], grootte: (item: T) => number, maxBytes = 512 * 1024, maxAantal = 500): Generator<T[]> {
  let pakket: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const g = grootte(item);
    if (pakket.length > 0 && (bytes + g > maxBytes || pakket.length >= maxAantal)) {
      yield pakket;
      pakket = [];
      bytes = 0;
    }
    pakket.push(item);
    bytes += g;
  }
  if (pakket.length > 0) yield pakket;
}
