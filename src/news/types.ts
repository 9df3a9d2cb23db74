/** One item as a parser read it: text already plain, dates resolved, nothing stored yet. */
export interface ParsedItem {
  title: string;
  /** Link as found in the document (not yet canonical); absent for plain-text articles. */
  url?: string;
  guid?: string;
  /** Plain-text teaser (may be empty). */
  summary: string;
  /** Plain-text full body (may equal summary when the feed carries nothing more). */
  body: string;
  author?: string;
  /** BCP 47-ish code from the item or its feed, lower-case (`ru`, `en-us`). */
  lang?: string;
  publishedAt?: Date;
  categories: string[];
}

export type DocumentKind = "rss" | "rdf" | "atom" | "json" | "text";

export interface ParsedDocument {
  kind: DocumentKind;
  title?: string;
  /** The site's home page, when the document names one. */
  siteUrl?: string;
  lang?: string;
  items: ParsedItem[];
}

/** A document that cannot be read; `reason` is a short, user-facing explanation. */
export class DocumentError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "DocumentError";
  }
}
