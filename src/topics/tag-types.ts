// The tagger's interface: its input, its options and what it reports (the scoring is in ./tag.ts).

export interface TagInput {
  title: string;
  text: string;
  /** Accepted for callers' convenience; both scripts are always analysed. */
  lang?: string;
  /** Slug of the source's home region, when known: enables the source prior (see tag.ts). */
  sourceRegion?: string;
}

export interface TaggerSettings {
  /** Position factor of title matches (default 1.5). */
  titleFactor?: number;
  /** How many leading text tokens form the lead (default 80). */
  leadTokens?: number;
  /** Position factor of matches in the lead (default 1). */
  leadFactor?: number;
  /** Position factor of text matches after the lead (default 0.5). */
  tailFactor?: number;
  /** A topic needs one more mention per this many text tokens (default 150). */
  tokensPerMention?: number;
  /** Most mentions a long text can ask for (default 3). */
  maxMentions?: number;
  /** From this many text tokens on, a topic needs two different terms (or one in the title; default: longer than the lead). */
  longText?: number;
  /** Most topics per article unless the extra ones are strong (default 3). */
  maxTopics?: number;
  /** Score over threshold that keeps a topic beyond `maxTopics` (default 2). */
  strongRatio?: number;
  /** Points the source's home region gets on a local-looking article (default 1). */
  sourcePrior?: number;
}

export interface TopicScore {
  slug: string;
  score: number;
  threshold: number;
  /** Whether the topic is tagged (score reached, not excluded by another tagged topic). */
  tagged: boolean;
  /** For each term that counted, the lexicon phrase that matched first (for debugging lexicons). */
  evidence: string[];
}

export interface Tagger {
  /** Slugs of the topics the article belongs to, in taxonomy order. */
  tag(input: TagInput): string[];
  /**
   * The same topics, strongest first: by score over threshold (how far past its bar a topic is),
   * ties in taxonomy order. The first is the article's main topic, the one a digest files it under.
   */
  rank(input: TagInput): string[];
  /** Every topic's score, for debugging and evaluation. */
  explain(input: TagInput): TopicScore[];
}
