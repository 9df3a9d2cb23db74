// The shape of a topic and its lexicon. Lexicon phrases are plain text, tokenized with the same
// tokenizer as articles, so inflection is handled by stems rather than by listing word forms.
//
// Phrase syntax (each whitespace-separated word of a phrase is one token pattern):
//   word    matches any word with the same stem        ("Казахстана" matches "Казахстан", "Казахстане")
//   word*   matches any word whose form or stem starts with `word` ("казах*" matches "казахский",
//           "казахстанцы"); keep prefixes specific — «самар*» would also match «Самарканд»
//   =word   matches that exact word form only          ("=грузия": the stem "груз" is also "cargo")
// A phrase matches consecutive tokens (stop words are dropped on both sides, so «Босния и Герцеговина»
// is the pair "босн герцеговин"). Hyphenated words are one compound token followed by their parts;
// the compound's stem changes with inflection («Нур-Султан» → «нур-султа», «Нур-Султане» →
// «нур-султан»), so write hyphenated names as prefixes («Нур-Султан*»).

export interface TopicNames {
  ru: string;
  en: string;
}

export interface LexiconTerm {
  /** Alternative phrases; any of them is the same piece of evidence (counted once per article). */
  match: string[];
  /**
   * Evidence strength. The convention of the built-ins: 3 = enough on its own (a country, capital,
   * leader), 2 = medium (a sector word like «нефть»), 1 = weak (ambiguous or generic).
   */
  weight: number;
  /** Ignore this term when any of these phrases occurs anywhere in the article (context cues). */
  unlessAny?: string[];
  /** Count this term only when some other term of the topic matched too (ambiguous words). */
  needsSupport?: boolean;
  /**
   * Local-looking evidence (a local institution, a second-rank place name, the currency): counts only
   * for an article of a source whose home region is this topic, and there on its own.
   */
  local?: boolean;
}

export interface TopicLexicon {
  terms: LexiconTerm[];
  /** Phrases whose span cancels any match of this topic overlapping it («Китай-город», «Лига Европы»). */
  block?: string[];
  /** Score an article needs to get the topic; default {@link DEFAULT_THRESHOLD}. */
  threshold?: number;
  /**
   * Slugs of topics that take precedence: when one of them is tagged, this one is not. It keeps the
   * taxonomy's division of labour (a terrorist attack is «security», not also «incidents»).
   */
  excludedBy?: string[];
}

export interface Topic {
  /** Stable identifier: lower-case latin, digits and hyphens (`central-asia`). */
  slug: string;
  names: TopicNames;
  /** Other names readers may type, in either language («Средняя Азия», "Central Asian", «ЦА»). */
  aliases: string[];
  lexicon: TopicLexicon;
  /** A place rather than a subject: it can be a source's home region (see ../topics/source-region.ts). */
  region?: boolean;
}

export const DEFAULT_THRESHOLD = 3;

/**
 * Longest topic slug. Buttons carry the slug in their callback data, which Telegram caps at 64
 * bytes: an older-page button of a topic (`t1:<slug>:<date>:<article id>`) still fits with a date
 * before the year 3000 (9 base-36 digits) and the largest exact integer as its id (11).
 */
export const MAX_SLUG_LENGTH = 38;

/**
 * Most topics one bot may have: /topics and the settings menu show each as a button, and Telegram
 * refuses a message with more than 100 (the settings menu adds a few of its own).
 */
export const MAX_TOPICS = 60;

/** A slug as buttons accept it back: what a topics file may declare, never longer. */
export const SLUG_SHAPE = new RegExp(`^[a-z0-9][a-z0-9-]{0,${MAX_SLUG_LENGTH - 1}}$`);
