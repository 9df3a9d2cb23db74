import {
  detectJsonFeed,
  parseAtomFeed,
  parseJsonFeed,
  parseRdfFeed,
  parseRssFeed,
} from "feedsmith";
import { XMLValidator } from "fast-xml-parser";
import { mayHaveExtensions, readItemExtensions } from "./feed-extensions.js";
import { fromAtom, fromJson, fromRss } from "./feed-formats.js";
import { sniffDocument, type Sniffed } from "./sniff.js";
import { describeXmlProblem } from "./network-words.js";
import { DocumentError, type ParsedDocument } from "./types.js";

/**
 * Parses an RSS 2.0, RSS 1.0 (RDF), Atom 1.0 or JSON Feed document into plain-text items.
 * Bad input of any kind ends in a DocumentError with a short reason.
 */
export function parseFeed(text: string): ParsedDocument {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sniffed = sniffDocument(source);
  switch (sniffed.kind) {
    case "empty":
      throw new DocumentError("empty document");
    case "json":
      return parseJsonDocument(source);
    case "xml":
      return parseXmlDocument(source, sniffed);
    case "other":
      throw new DocumentError("not a feed: neither XML nor JSON");
  }
}

function parseJsonDocument(text: string): ParsedDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DocumentError(`invalid JSON: ${shortMessage(error)}`);
  }
  if (!detectJsonFeed(value)) throw new DocumentError("not a feed: JSON but not a JSON Feed");
  try {
    return fromJson(parseJsonFeed(value));
  } catch (error) {
    throw asDocumentError(error, "invalid JSON Feed");
  }
}

const HTML_ROOTS = new Set(["html", "head", "body"]);

type XmlSniff = Extract<Sniffed, { kind: "xml" }>;

function parseXmlDocument(text: string, sniffed: XmlSniff): ParsedDocument {
  // Entity definitions are how "billion laughs" and XXE attacks start; no feed needs them.
  if (sniffed.doctype?.internalSubset !== undefined && /<!ENTITY/i.test(sniffed.doctype.internalSubset)) {
    throw new DocumentError("XML declares entities (DTD); refused for safety");
  }
  const root = sniffed.root;
  if (/^html\b/i.test(sniffed.doctype?.text.trim() ?? "") || HTML_ROOTS.has(root?.toLowerCase() ?? "")) {
    throw new DocumentError("not a feed: looks like an HTML page");
  }
  if (!root) throw new DocumentError("invalid XML: no root element");
  const xml = wellFormed(text);
  const local = root.slice(root.indexOf(":") + 1).toLowerCase();
  try {
    switch (local) {
      case "rss":
        return fromRss("rss", parseRssFeed(xml), extensionsOf(xml));
      case "rdf":
        return fromRss("rdf", parseRdfFeed(xml), extensionsOf(xml));
      case "feed":
        return fromAtom(parseAtomFeed(xml));
    }
  } catch (error) {
    throw asDocumentError(error, "invalid feed");
  }
  throw new DocumentError(`not a feed: unexpected XML root <${root.slice(0, 40)}>`);
}

function extensionsOf(xml: string) {
  return mayHaveExtensions(xml) ? readItemExtensions(xml) : [];
}

/**
 * Rejects XML that is not well-formed. The one defect tolerated is a bare `&` (`AT&T`):
 * it is common in real feeds and harmless once escaped.
 */
function wellFormed(text: string): string {
  const result = XMLValidator.validate(text);
  if (result === true) return text;
  if (result.err.code === "InvalidChar" && result.err.msg.includes("'&'")) {
    const escaped = text.replace(/&(?!(?:[A-Za-z][\w.-]*|#\d+|#x[0-9A-Fa-f]+);)/g, "&amp;");
    if (XMLValidator.validate(escaped) === true) return escaped;
  }
  throw new DocumentError(describeXmlProblem(result.err.msg, result.err.line));
}

function asDocumentError(error: unknown, prefix: string): DocumentError {
  if (error instanceof DocumentError) return error;
  return new DocumentError(`${prefix}: ${shortMessage(error)}`);
}

function shortMessage(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ");
  return message.length > 120 ? `${message.slice(0, 117)}…` : message;
}
