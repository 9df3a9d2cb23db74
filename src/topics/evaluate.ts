// Precision / recall / F1 per topic for gold labels against predictions. Pure: no I/O, so the
// evaluation test and the bench script share it.

export interface LabeledItem {
  id: string;
  title: string;
  text: string;
  lang?: string;
  topics: string[];
}

export interface TopicMetrics {
  topic: string;
  /** Items labeled with the topic. */
  support: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Evaluation {
  topics: TopicMetrics[];
  /** Micro-averaged over all listed topics. */
  micro: Omit<TopicMetrics, "topic" | "support"> & { support: number };
  /** Items where gold and predicted sets differ, for error analysis. */
  errors: { id: string; gold: string[]; predicted: string[] }[];
}

function ratios(tp: number, fp: number, fn: number): { precision: number; recall: number; f1: number } {
  // An empty denominator means nothing to get wrong: count it as perfect rather than as zero.
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/**
 * Compares gold and predicted topic sets item by item. `topics` fixes the rows (and their order);
 * by default every topic seen in gold or predictions, sorted.
 */
export function evaluate(
  items: readonly { id: string; gold: readonly string[]; predicted: readonly string[] }[],
  topics?: readonly string[],
): Evaluation {
  const rows = topics ?? [...new Set(items.flatMap((i) => [...i.gold, ...i.predicted]))].sort();
  const counts = new Map(rows.map((t) => [t, { tp: 0, fp: 0, fn: 0, support: 0 }]));
  const errors: Evaluation["errors"] = [];
  for (const item of items) {
    const gold = new Set(item.gold);
    const predicted = new Set(item.predicted);
    for (const [topic, c] of counts) {
      const g = gold.has(topic);
      const p = predicted.has(topic);
      if (g) c.support++;
      if (g && p) c.tp++;
      else if (p) c.fp++;
      else if (g) c.fn++;
    }
    const same = gold.size === predicted.size && [...gold].every((t) => predicted.has(t));
    if (!same) errors.push({ id: item.id, gold: [...item.gold], predicted: [...item.predicted] });
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let support = 0;
  const metrics = rows.map((topic) => {
    const c = counts.get(topic)!;
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
    support += c.support;
    return {
      topic,
      support: c.support,
      truePositives: c.tp,
      falsePositives: c.fp,
      falseNegatives: c.fn,
      ...ratios(c.tp, c.fp, c.fn),
    };
  });
  return {
    topics: metrics,
    micro: { support, truePositives: tp, falsePositives: fp, falseNegatives: fn, ...ratios(tp, fp, fn) },
    errors,
  };
}

/** Parses a JSONL evaluation set; throws with the line number on a malformed line. */
export function parseEvalSet(jsonl: string): LabeledItem[] {
  const items: LabeledItem[] = [];
  jsonl.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new Error(`line ${index + 1}: not JSON (${(err as Error).message})`);
    }
    const v = value as Partial<LabeledItem>;
    if (typeof v.id !== "string" || typeof v.title !== "string" || typeof v.text !== "string"
      || !Array.isArray(v.topics) || !v.topics.every((t) => typeof t === "string")) {
      throw new Error(`line ${index + 1}: expected {id, title, text, topics: string[]}`);
    }
    items.push({ id: v.id, title: v.title, text: v.text, topics: v.topics,
      ...(typeof v.lang === "string" ? { lang: v.lang } : {}) });
  });
  return items;
}

/** A fixed-width text table of an evaluation, for scripts and test failure messages. */
export function formatEvaluation(evaluation: Evaluation): string {
  const pct = (x: number): string => (x * 100).toFixed(1).padStart(6);
  const width = Math.max(5, ...evaluation.topics.map((t) => t.topic.length));
  const row = (name: string, m: Omit<TopicMetrics, "topic">): string =>
    `${name.padEnd(width)}  ${String(m.support).padStart(7)} ${pct(m.precision)} ${pct(m.recall)} ${pct(m.f1)}`
    + ` ${String(m.truePositives).padStart(4)} ${String(m.falsePositives).padStart(3)}`
    + ` ${String(m.falseNegatives).padStart(3)}`;
  return [
    `${"topic".padEnd(width)}  support     P      R     F1   TP  FP  FN`,
    ...evaluation.topics.map((t) => row(t.topic, t)),
    row("micro", evaluation.micro),
  ].join("\n");
}

/**
 * Contest categories mapped onto Vestnik topics (see ../shared/external-eval/PROVENANCE.md); the
 * others (society, not_news, other) have no counterpart and map to no topic.
 */
export const CATEGORY_TOPICS: Readonly<Record<string, string>> = {
  sport: "sport",
  economy: "economy",
  technology: "technology",
  science: "technology",
  entertainment: "culture",
};

/** An article of a single-label category set: `__label__<category> <title and text>` a line. */
export interface CategoryItem {
  id: string;
  category: string;
  /** Title and body run together: the format does not mark where the title ends. */
  text: string;
}

/** Parses a fastText-style category set; throws with the line number on a malformed line. */
export function parseCategorySet(text: string): CategoryItem[] {
  const items: CategoryItem[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    const match = /^__label__(\S+)\s+(.*)$/s.exec(line.trim());
    if (!match) throw new Error(`line ${index + 1}: expected "__label__<category> <text>"`);
    items.push({ id: `line-${index + 1}`, category: match[1]!, text: match[2]! });
  });
  return items;
}

export interface CategoryReport {
  items: number;
  /** Per mapped topic: precision over rows that are news (not `not_news`/`other`), and recall. */
  topics: { topic: string; support: number; tagged: number; precision: number; recall: number }[];
  /** Share of all items given four topics or more. */
  fourOrMore: number;
  /** Mean number of topics per item. */
  meanTopics: number;
}

const NOT_NEWS = new Set(["not_news", "other"]);

/** Scores predictions on a category set: how well the mapped topics are found, how many tags per item. */
export function evaluateCategories(
  items: readonly CategoryItem[],
  predicted: readonly (readonly string[])[],
): CategoryReport {
  const topics = [...new Set(Object.values(CATEGORY_TOPICS))];
  const rows = topics.map((topic) => {
    let support = 0;
    let tagged = 0;
    let tp = 0;
    let fp = 0;
    items.forEach((item, i) => {
      const gold = CATEGORY_TOPICS[item.category] === topic;
      const hit = predicted[i]!.includes(topic);
      if (gold) support++;
      if (hit) tagged++;
      if (gold && hit) tp++;
      else if (hit && !NOT_NEWS.has(item.category)) fp++;
    });
    return { topic, support, tagged, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: support === 0 ? 1 : tp / support };
  });
  const counts = predicted.map((p) => p.length);
  return {
    items: items.length,
    topics: rows,
    fourOrMore: counts.filter((n) => n >= 4).length / Math.max(1, items.length),
    meanTopics: counts.reduce((a, b) => a + b, 0) / Math.max(1, items.length),
  };
}

/** A text table of a category report. */
export function formatCategoryReport(report: CategoryReport): string {
  const pct = (x: number): string => (x * 100).toFixed(1).padStart(6);
  return [
    "topic        support  tagged      P      R",
    ...report.topics.map((r) => `${r.topic.padEnd(11)}  ${String(r.support).padStart(7)} ${String(r.tagged).padStart(7)} ${pct(r.precision)} ${pct(r.recall)}`),
    `items ${report.items}; four topics or more ${pct(report.fourOrMore).trim()} %; mean topics per item ${report.meanTopics.toFixed(2)}`,
  ].join("\n");
}
