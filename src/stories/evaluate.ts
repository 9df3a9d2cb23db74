// Pair metrics for the story engine: how many same-story pairs end in one story, and how many
// different-story pairs (hard negatives, random pairs) were wrongly joined.

export interface LabelledPair {
  a: string;
  b: string;
  same: boolean;
  /** `same`: one event; `hard`: a follow-up, consequence, reaction or other event sharing names; `random`. */
  kind: "same" | "hard" | "random";
  note: string;
}

export function parsePairs(text: string): LabelledPair[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      const value = JSON.parse(line) as Partial<LabelledPair>;
      if (typeof value.a !== "string" || typeof value.b !== "string" || typeof value.same !== "boolean") {
        throw new Error(`pair ${i + 1}: expected {"a", "b", "same", "kind", "note"}`);
      }
      const kind = value.kind === "hard" || value.kind === "random" ? value.kind : "same";
      return { a: value.a, b: value.b, same: value.same, kind, note: value.note ?? "" };
    });
}

export interface PairResult {
  kind: LabelledPair["kind"];
  total: number;
  joined: number;
  /** Pairs whose posts are missing from the clustered set. */
  missing: number;
  errors: LabelledPair[];
}

/** Scores a clustering (post id → story) against labelled pairs, per kind. */
export function evaluatePairs(pairs: LabelledPair[], storyOf: ReadonlyMap<string, unknown>): PairResult[] {
  const results = new Map<LabelledPair["kind"], PairResult>();
  for (const pair of pairs) {
    let result = results.get(pair.kind);
    if (!result) results.set(pair.kind, (result = { kind: pair.kind, total: 0, joined: 0, missing: 0, errors: [] }));
    const a = storyOf.get(pair.a);
    const b = storyOf.get(pair.b);
    if (a === undefined || b === undefined) {
      result.missing++;
      continue;
    }
    result.total++;
    const joined = a === b;
    if (joined) result.joined++;
    if (joined !== pair.same) result.errors.push(pair);
  }
  return [...results.values()];
}

export function formatPairResults(results: PairResult[]): string {
  const label = { same: "same-story pairs joined (recall)", hard: "hard negatives joined", random: "random pairs joined" };
  return results
    .map((r) => {
      const share = r.total > 0 ? ((100 * r.joined) / r.total).toFixed(1) : "n/a";
      const missing = r.missing > 0 ? ` (${r.missing} pairs not in the corpus)` : "";
      return `${label[r.kind].padEnd(34)} ${String(r.joined).padStart(4)} / ${String(r.total).padEnd(5)} ${share.padStart(5)} %${missing}`;
    })
    .join("\n");
}
