import { decodeBytes } from "./decode.js";
import { parseFeed } from "./parse-feed.js";
import { looksLikePlainArticle, parsePlainArticle } from "./parse-plain-article.js";
import { sniffDocument } from "./sniff.js";
import { DocumentError, type ParsedDocument } from "./types.js";

export interface ParseDocumentOptions {
  /** The HTTP Content-Type header, if the bytes came over HTTP. */
  contentType?: string;
  /** IANA zone for documents whose dates carry none (plain-text articles). */
  defaultTimeZone: string;
}

/** Decodes fetched or uploaded bytes and parses them as a feed or a plain-text article. */
export function parseDocument(bytes: Uint8Array, opts: ParseDocumentOptions): ParsedDocument {
  const text = decodeBytes(bytes, { contentType: opts.contentType });
  const sniffed = sniffDocument(text);
  switch (sniffed.kind) {
    case "empty":
      throw new DocumentError("empty document");
    case "xml":
    case "json":
      return parseFeed(text);
    case "other":
      if (looksLikePlainArticle(text)) {
        return { kind: "text", items: [parsePlainArticle(text, opts)] };
      }
      throw new DocumentError("not a feed or an article");
  }
}
