// Topic tagger. The lexicons of all topics compile once into one index keyed by the first token of
// each phrase; tagging walks the title and the text token by token, so its cost is linear in the
// article's length (each distinct word is stemmed and looked up once, then memoised).
//
// Before scanning, the text loses its dateline and its boilerplate (back-references to older news,
// related-links blocks, channel promos: see ./boilerplate.ts).
//
// Scoring, per topic: each matched term counts once with weight × the best position factor among its
// occurrences (title 1.5, the lead — first 80 tokens of the text — 1, later text 0.5), plus a quarter
// of its weight for each of up to two repeats. Terms seen only after the lead, like `needsSupport`
// terms, count only when the topic has other evidence. A topic is tagged when the sum reaches its
// threshold, its evidence is not a passing mention in a long text (a text needs one more mention per
// {@link TaggerSettings.tokensPerMention} tokens; a title mention counts twice), and no topic listed in
// its `excludedBy` is tagged. At most `maxTopics` topics are kept (the best by score over threshold),
// more only when each extra one scores `strongRatio` times its threshold. Within a topic overlapping
// matches count once (leftmost-longest), a block phrase cancels the topic's matches it overlaps, and
// `unlessAny` drops a term when a context cue occurs anywhere in the article.
//
// The source prior: when the input names the source's home region (`sourceRegion`, a topic slug),
// that topic's `local` terms start to count, its `needsSupport` terms count on their own, and the
// topic gets `sourcePrior` extra points — but only when the article has some evidence of the region
// at all (a local-looking article). A regional outlet's story about a budget in soms or a debate of
// deputies of the «СДПК» faction is local news; its story about oil prices is not.
import { stripBoilerplate, stripDateline, stripLegalNotices } from "./boilerplate.js";
import { analyze, analyzeWord as analyzeSurface, createWordBounds, findWords } from "./stem.js";
import { addMatch, createMatches } from "./matches.js";
import type { TagInput, TaggerSettings, Tagger } from "./tag-types.js";
import { DEFAULT_THRESHOLD, type Topic } from "./types.js";
import { createWordMemo } from "./word-memo.js";

// Numeric kinds and roles keep the hot loop free of string comparisons.
const Kind = { Stem: 0, Prefix: 1, Form: 2 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

export interface TokenPattern {
  kind: Kind;
  value: string;
}

export class LexiconError extends Error {
  override name = "LexiconError";
}

/** Compiles one lexicon phrase into token patterns (see the syntax in types.ts). */
export function compilePhrase(phrase: string): TokenPattern[] {
  const out: TokenPattern[] = [];
  for (const word of phrase.trim().split(/\s+/)) {
    if (word === "") continue;
    if (word.startsWith("=")) {
      const { forms } = analyze(word.slice(1));
      for (const form of forms) out.push({ kind: Kind.Form, value: form });
    } else if (word.endsWith("*")) {
      const prefix = word.slice(0, -1).toLowerCase().replaceAll("ё", "е");
      if ([...prefix].length < 2 || /[\s*=]/.test(prefix)) {
        throw new LexiconError(`prefix "${word}" is too short or malformed (2 letters at least)`);
      }
      out.push({ kind: Kind.Prefix, value: prefix });
    } else {
      for (const stem of analyze(word).stems) out.push({ kind: Kind.Stem, value: stem });
    }
  }
  if (out.length === 0) throw new LexiconError(`phrase "${phrase}" has no words left after stop words`);
  return out;
}

const Role = { Term: 0, Block: 1, Cue: 2 } as const;
type Role = (typeof Role)[keyof typeof Role];

interface Pattern {
  phrase: string;
  tokens: TokenPattern[];
  role: Role;
  topic: number;
  /** Term index (Role.Term) or cue index (Role.Cue). */
  id: number;
}

interface CompiledTerm {
  topic: number;
  weight: number;
  needsSupport: boolean;
  /** Counts only for an article of a source whose home region is this term's topic. */
  local: boolean;
  cues: number[];
}

export type { TagInput, TaggerSettings, Tagger, TopicScore } from "./tag-types.js";

const WORD_MEMO_LIMIT = 200_000;

/** One token of a word (a compound is the whole, then its parts), as the scan needs it. */
interface Token {
  stem: string;
  form: string;
  /** How many tokens a match starting here covers at least: a compound covers its parts. */
  span: number;
  /**
   * The patterns whose first token matches this one, those covering more tokens first (ties in
   * lexicon order): the order in which overlapping matches are resolved, so the scan needs no sort.
   */
  starts: readonly Pattern[];
}

export { stripBoilerplate, stripDateline };

// A prefix is tested against the word form as well as the stem: lexicon authors write prefixes of
// words («Франци*», "evacuat*"), and the stemmer may cut a word shorter than the prefix
// («Франция» → «франц», "evacuation" → "evacu").
function prefixMatches(prefix: string, stem: string, form: string): boolean {
  return stem.startsWith(prefix) || form.startsWith(prefix);
}
const NONE: readonly Pattern[] = [];

export function createTagger(topics: readonly Topic[], opts: TaggerSettings = {}): Tagger {
  const titleFactor = opts.titleFactor ?? 1.5;
  const leadTokens = opts.leadTokens ?? 80;
  const leadFactor = opts.leadFactor ?? 1;
  const tailFactor = opts.tailFactor ?? 0.5;
  const tokensPerMention = opts.tokensPerMention ?? 150;
  const maxMentions = opts.maxMentions ?? 3;
  const longText = opts.longText ?? leadTokens;
  const maxTopics = opts.maxTopics ?? 3;
  const strongRatio = opts.strongRatio ?? 2;
  const sourcePrior = opts.sourcePrior ?? 1;

  const terms: CompiledTerm[] = [];
  const thresholds = topics.map((t) => t.lexicon.threshold ?? DEFAULT_THRESHOLD);
  const byStem = new Map<string, Pattern[]>();
  const byForm = new Map<string, Pattern[]>();
  // Prefix patterns bucketed by their first two characters (prefixes are at least that long), so a
  // new word is compared with a handful of prefixes rather than all of them.
  const byPrefix = new Map<string, Pattern[]>();
  const cueIds = new Map<string, number>();

  function add(phrase: string, role: Role, topic: number, id: number): void {
    const pattern: Pattern = { phrase, tokens: compilePhrase(phrase), role, topic, id };
    const first = pattern.tokens[0]!;
    if (first.kind === Kind.Prefix) {
      const bucket = first.value.slice(0, 2);
      const list = byPrefix.get(bucket);
      if (list) list.push(pattern);
      else byPrefix.set(bucket, [pattern]);
      return;
    }
    const index = first.kind === Kind.Stem ? byStem : byForm;
    const list = index.get(first.value);
    if (list) list.push(pattern);
    else index.set(first.value, [pattern]);
  }

  topics.forEach((topic, t) => {
    for (const term of topic.lexicon.terms) {
      const cues: number[] = [];
      for (const phrase of term.unlessAny ?? []) {
        let cue = cueIds.get(phrase);
        if (cue === undefined) {
          cue = cueIds.size;
          cueIds.set(phrase, cue);
          add(phrase, Role.Cue, -1, cue);
        }
        cues.push(cue);
      }
      const id = terms.length;
      terms.push({ topic: t, weight: term.weight, needsSupport: term.needsSupport === true, local: term.local === true, cues });
      for (const phrase of term.match) add(phrase, Role.Term, t, id);
    }
    for (const phrase of topic.lexicon.block ?? []) add(phrase, Role.Block, t, -1);
  });

  // Surface word → its tokens with the patterns that can start at each, memoised: news vocabulary is
  // Zipfian, so nearly every word costs one memo lookup instead of stemming and three index probes.
  const wordMemo = createWordMemo<readonly Token[]>(WORD_MEMO_LIMIT);
  function analyzeWord(surface: string): readonly Token[] {
    const { stems, forms } = analyzeSurface(surface);
    return stems.map((stem, k): Token => {
      const form = forms[k]!;
      const span = k === 0 ? stems.length : 1;
      const found = [
        ...(byStem.get(stem) ?? NONE),
        ...(byPrefix.get(stem.slice(0, 2)) ?? NONE).filter((p) => prefixMatches(p.tokens[0]!.value, stem, form)),
        ...(form.slice(0, 2) === stem.slice(0, 2) ? NONE : byPrefix.get(form.slice(0, 2)) ?? NONE)
          .filter((p) => prefixMatches(p.tokens[0]!.value, stem, form)),
        ...(byForm.get(form) ?? NONE),
        // An acronym keeps its case as its form («БАКУ» in a dateline); word-form patterns are lower-case.
        ...(form === surface && /\p{Lu}/u.test(form) ? byForm.get(form.toLowerCase()) ?? NONE : NONE),
      ];
      const reach = (p: Pattern): number => Math.max(p.tokens.length, span);
      const starts = found.length === 0 ? NONE : [...new Set(found)].sort((a, b) => reach(b) - reach(a));
      return { stem, form, span, starts };
    });
  }

  // Scratch state reused across calls: tagging is synchronous, so one article at a time.
  const cueSeen = new Uint8Array(cueIds.size);
  const termBest = new Float64Array(terms.length);
  const termCount = new Uint16Array(terms.length);
  const termTitle = new Uint16Array(terms.length);
  const mentions = new Uint16Array(topics.length);
  const distinct = new Uint16Array(topics.length);
  const order: number[] = [];
  const termPhrase: string[] = new Array<string>(terms.length).fill("");
  const touched: number[] = [];
  const scores = new Float64Array(topics.length);
  const primary = new Uint8Array(topics.length);
  const tagged = new Uint8Array(topics.length);
  const slugIndex = new Map(topics.map((topic, t) => [topic.slug, t]));
  const excluders = topics.map((topic) =>
    (topic.lexicon.excludedBy ?? []).flatMap((slug) => slugIndex.get(slug) ?? []));
  let evidence: string[][] | undefined;

  // The field being scanned: its words and tokens, and the matches found. All are reused across calls
  // and only ever grow (an array whose length is reset to 0 gives up its storage), and matches are
  // parallel arrays rather than an object each: this runs for every word of every article.
  const words = createWordBounds();
  const tokens: Token[] = [];
  let tokenCount = 0;
  const hits = createMatches<Pattern>();
  const blocks = createMatches<Pattern>();
  const coveredUntil = new Int32Array(topics.length);

  /** Whether the tokens after `i` match the rest of a multi-token pattern. */
  function rest(p: Pattern, i: number): boolean {
    const patternTokens = p.tokens;
    if (i + patternTokens.length > tokenCount) return false;
    for (let k = 1; k < patternTokens.length; k++) {
      const tp = patternTokens[k]!;
      const token = tokens[i + k]!;
      if (tp.kind === Kind.Stem ? token.stem !== tp.value
        : tp.kind === Kind.Prefix ? !prefixMatches(tp.value, token.stem, token.form)
        : token.form !== tp.value) return false;
    }
    return true;
  }

  /** Whether a block phrase of `topic` overlaps tokens [start, end). */
  function blocked(topic: number, start: number, end: number): boolean {
    for (let b = 0; b < blocks.count; b++) {
      if (blocks.pattern[b]!.topic === topic && blocks.start[b]! < end && start < blocks.end[b]!) return true;
    }
    return false;
  }

  function scanField(text: string, isTitle: boolean): void {
    if (text === "") return;
    findWords(text, words);
    tokenCount = 0;
    for (let w = 0; w < words.count; w++) {
      const entry = wordMemo.lookup(words.source, words.bounds[2 * w]!, words.bounds[2 * w + 1]!, analyzeWord);
      for (let k = 0; k < entry.length; k++) tokens[tokenCount++] = entry[k]!;
    }
    words.source = "";
    hits.count = 0;
    blocks.count = 0;
    for (let i = 0; i < tokenCount; i++) {
      const token = tokens[i]!;
      const list = token.starts;
      for (let j = 0; j < list.length; j++) {
        const p = list[j]!;
        if (p.tokens.length > 1 && !rest(p, i)) continue;
        const end = i + Math.max(p.tokens.length, token.span);
        if (p.role === Role.Term) addMatch(hits, p, i, end);
        else if (p.role === Role.Cue) cueSeen[p.id] = 1;
        else addMatch(blocks, p, i, end);
      }
    }
    if (hits.count === 0) return;
    // Leftmost-longest per topic: a phrase and a word inside it are one piece of evidence. Matches
    // were found by start, the longer first at each start (see Token.starts), so one pass suffices.
    coveredUntil.fill(0);
    for (let h = 0; h < hits.count; h++) {
      const pattern = hits.pattern[h]!;
      const topic = pattern.topic;
      const start = hits.start[h]!;
      const end = hits.end[h]!;
      if (start < coveredUntil[topic]!) continue;
      if (blocks.count > 0 && blocked(topic, start, end)) continue;
      coveredUntil[topic] = end;
      const term = pattern.id;
      const factor = isTitle ? titleFactor : start < leadTokens ? leadFactor : tailFactor;
      if (termCount[term] === 0) {
        touched.push(term);
        termPhrase[term] = pattern.phrase;
      }
      termCount[term]!++;
      if (isTitle) termTitle[term]!++;
      if (factor > termBest[term]!) termBest[term] = factor;
    }
  }

  function score(input: TagInput): void {
    cueSeen.fill(0);
    scores.fill(0);
    primary.fill(0);
    mentions.fill(0);
    distinct.fill(0);
    scanField(stripLegalNotices(input.title), true);
    scanField(stripLegalNotices(stripBoilerplate(stripDateline(input.text))), false);
    const textTokens = input.text === "" ? 0 : tokenCount;
    const region = input.sourceRegion === undefined ? -1 : slugIndex.get(input.sourceRegion) ?? -1;
    const contribution = (id: number): number => {
      const term = terms[id]!;
      const repeats = Math.min(termCount[id]! - 1, 2);
      return term.weight * (termBest[id]! + 0.25 * repeats);
    };
    const count = (id: number): void => {
      const term = terms[id]!;
      scores[term.topic]! += contribution(id);
      mentions[term.topic]! += termCount[id]! + termTitle[id]!;
      distinct[term.topic]! += termTitle[id]! > 0 ? 2 : 1;
      evidence?.[term.topic]!.push(termPhrase[id]!);
    };
    // Supporting terms, and terms seen only after the lead, count only when the topic has other
    // evidence in the title or lead: a country listed in the ninth paragraph is not what the story is
    // about, but it does reinforce a topic the story is about. For the source's own region, any of
    // its terms makes the article local-looking and earns the prior, which is such evidence.
    const deferred: number[] = [];
    let localLooking = false;
    for (const id of touched) {
      const term = terms[id]!;
      if (term.cues.some((cue) => cueSeen[cue] === 1)) continue;
      const home = term.topic === region;
      if (term.local && !home) continue;
      localLooking ||= home;
      if (termBest[id]! <= tailFactor || (!home && term.needsSupport)) {
        deferred.push(id);
        continue;
      }
      count(id);
      // Weak words (a "final", a "season") add up, but do not vouch for ambiguous ones on their own.
      if (term.weight >= 2) primary[term.topic] = 1;
    }
    if (localLooking) {
      scores[region]! += sourcePrior;
      mentions[region]!++;
      distinct[region]!++;
      primary[region] = 1;
      evidence?.[region]!.push("(source region)");
    }
    for (const id of deferred) if (primary[terms[id]!.topic] === 1) count(id);
    // A long text asks for more than one mention: a word in passing is not what it is about.
    // and one word, however often repeated, is a detail of a long story rather than its subject.
    const needed = Math.min(maxMentions, 1 + Math.floor(textTokens / tokensPerMention));
    const neededTerms = textTokens >= longText ? 2 : 1;
    for (let t = 0; t < topics.length; t++) {
      tagged[t] = scores[t]! >= thresholds[t]! - 1e-9 && mentions[t]! >= needed && distinct[t]! >= neededTerms ? 1 : 0;
    }
    // 2 = reached its threshold but excluded; it still excludes others (no chains of undoing). A topic
    // is excluded only by one with at least half its strength: a murder case that names the FSB once
    // stays an incident, a drone strike with casualties stays defence news.
    for (let t = 0; t < topics.length; t++) {
      if (tagged[t] === 1 && excluders[t]!.some((x) => tagged[x] !== 0 && 2 * scores[x]! / thresholds[x]! >= scores[t]! / thresholds[t]!)) tagged[t] = 2;
    }
    // The topic limit: the best few, and beyond them only topics with strong evidence each.
    order.length = 0;
    for (let t = 0; t < topics.length; t++) if (tagged[t] === 1) order.push(t);
    if (order.length > maxTopics) {
      order.sort(strongerFirst);
      for (let k = maxTopics; k < order.length; k++) {
        const t = order[k]!;
        if (scores[t]! < strongRatio * thresholds[t]!) tagged[t] = 3;
      }
    }
    for (const id of touched) {
      termBest[id] = 0;
      termCount[id] = 0;
      termTitle[id] = 0;
    }
    touched.length = 0;
  }

  /** Topic indexes by strength (score over threshold), the stronger first. */
  function strongerFirst(a: number, b: number): number {
    return scores[b]! / thresholds[b]! - scores[a]! / thresholds[a]!;
  }

  /** The tagged topics' indexes, in taxonomy order. */
  function taggedTopics(input: TagInput): number[] {
    score(input);
    const out: number[] = [];
    for (let t = 0; t < topics.length; t++) if (tagged[t] === 1) out.push(t);
    return out;
  }

  return {
    tag(input) {
      return taggedTopics(input).map((t) => topics[t]!.slug);
    },
    rank(input) {
      // Array.prototype.sort is stable: equal strengths keep taxonomy order.
      return taggedTopics(input).sort(strongerFirst).map((t) => topics[t]!.slug);
    },
    explain(input) {
      evidence = topics.map(() => []);
      try {
        score(input);
        return topics.map((topic, t) => ({
          slug: topic.slug,
          score: scores[t]!,
          threshold: thresholds[t]!,
          tagged: tagged[t] === 1,
          evidence: evidence![t]!,
        }));
      } finally {
        evidence = undefined;
      }
    },
  };
}
