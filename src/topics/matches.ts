// Pattern matches found while scanning a field, as parallel arrays rather than an object per match:
// the tagger finds several per article and thousands of articles per second. The arrays only ever
// grow; `count` says how many entries are current, so a record is reused from one field to the next
// without giving up its storage (an array whose length is reset to 0 does).

export interface Matches<P> {
  pattern: P[];
  /** First token of each match. */
  start: number[];
  /** Token after the last one each match covers. */
  end: number[];
  count: number;
}

export function createMatches<P>(): Matches<P> {
  return { pattern: [], start: [], end: [], count: 0 };
}

export function addMatch<P>(matches: Matches<P>, pattern: P, start: number, end: number): void {
  const k = matches.count++;
  matches.pattern[k] = pattern;
  matches.start[k] = start;
  matches.end[k] = end;
}
