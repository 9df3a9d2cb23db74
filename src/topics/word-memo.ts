// A memo keyed by a stretch of a text rather than by a string. The tagger looks up every word of every
// article and nearly all of them are already known; keyed by strings, each lookup would first copy the
// word out of the text (an allocation, later garbage) and hash the copy. Here the lookup hashes the
// characters in place and compares them with the stored word where they stand; only a new word is
// copied out, once.
//
// Open addressing with linear probing; the table doubles while it is at most half full and, at its
// limit, starts over empty (a memo may forget: the values are recomputed on demand).

export interface WordMemo<T> {
  /** The value of text[start, end), computed from the word by `compute` the first time. */
  lookup(text: string, start: number, end: number, compute: (word: string) => T): T;
  /** Number of words remembered. */
  size(): number;
}

const INITIAL_CAPACITY = 1 << 12;

/** FNV-1a over UTF-16 code units, with a final mix so that the low bits (the slot) depend on all. */
function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  return Math.imul(h, 0x45d9f3b) ^ (h >>> 13);
}

export function createWordMemo<T>(limit: number): WordMemo<T> {
  let capacity = INITIAL_CAPACITY;
  let keys: (string | undefined)[] = new Array<string | undefined>(capacity).fill(undefined);
  let hashes = new Int32Array(capacity);
  let values: (T | undefined)[] = new Array<T | undefined>(capacity).fill(undefined);
  let count = 0;

  function reset(newCapacity: number): void {
    capacity = newCapacity;
    keys = new Array<string | undefined>(capacity).fill(undefined);
    hashes = new Int32Array(capacity);
    values = new Array<T | undefined>(capacity).fill(undefined);
    count = 0;
  }

  function insert(key: string, hash: number, value: T): void {
    let slot = hash & (capacity - 1);
    while (keys[slot] !== undefined) slot = (slot + 1) & (capacity - 1);
    keys[slot] = key;
    hashes[slot] = hash;
    values[slot] = value;
    count++;
  }

  function makeRoom(): void {
    if (count >= limit) {
      reset(capacity);
      return;
    }
    if (2 * (count + 1) <= capacity) return;
    const oldKeys = keys;
    const oldHashes = hashes;
    const oldValues = values;
    reset(capacity * 2);
    for (let slot = 0; slot < oldKeys.length; slot++) {
      const key = oldKeys[slot];
      if (key !== undefined) insert(key, oldHashes[slot]!, oldValues[slot] as T);
    }
  }

  return {
    lookup(text, start, end, compute) {
      const hash = hashRange(text, start, end);
      const length = end - start;
      for (let slot = hash & (capacity - 1); ; slot = (slot + 1) & (capacity - 1)) {
        const key = keys[slot];
        if (key === undefined) break;
        if (hashes[slot] === hash && key.length === length && text.startsWith(key, start)) return values[slot] as T;
      }
      const word = text.slice(start, end);
      const value = compute(word);
      makeRoom();
      insert(word, hash, value);
      return value;
    },
    size: () => count,
  };
}
