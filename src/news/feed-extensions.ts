import { XMLParser } from "fast-xml-parser";

/** Full-text extension bodies of one RSS/RDF item, as raw HTML. */
export interface ItemExtensions {
  link?: string;
  guid?: string;
  /** `yandex:full-text`, `mailru:full-text` and the like. */
  fullTexts: string[];
  /** Yandex Turbo page markup; its `<header>` repeats the title and cover image. */
  turbo?: string;
}

const TURBO_URIS = new Set(["turbo.yandex.ru"]);

// Canonical names the second pass gives the elements feedsmith does not read.
// (`content:encoded` is not among them: feedsmith reads it, resolving the prefix by URI.)
const FULL_TEXT = "x-full:text";
const TURBO = "x-turbo:content";

/** Cheap test for whether readItemExtensions could find anything at all. */
export function mayHaveExtensions(xml: string): boolean {
  return xml.includes(":full-text") || xml.includes("turbo.yandex.ru") || xml.includes("<turbo:");
}

/**
 * A second pass over RSS 1.0/2.0 for the full-text extensions feedsmith drops. Prefixes are
 * resolved through the document's `xmlns:` declarations, so `<ya:full-text>` counts too.
 */
export function readItemExtensions(xml: string): ItemExtensions[] {
  const prefixes = declaredPrefixes(xml);
  const canonical = (name: string): string => {
    const colon = name.indexOf(":");
    if (colon < 0) return name;
    const prefix = name.slice(0, colon);
    const local = name.slice(colon + 1).toLowerCase();
    const uri = prefixes.get(prefix);
    if (local === "full-text") return FULL_TEXT;
    // An undeclared prefix is tolerated when it is the conventional one.
    if (local === "content" && (uri ? TURBO_URIS.has(uri) : prefix === "turbo")) return TURBO;
    return name;
  };
  const parser = new XMLParser({
    processEntities: false,
    htmlEntities: false,
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    transformTagName: canonical,
    stopNodes: [FULL_TEXT, TURBO, "link", "guid", "title", "description"].map(
      (name) => `*.${name}`,
    ),
    isArray: (name) => name === "item" || name === FULL_TEXT,
  });
  const tree: unknown = parser.parse(xml);
  return findItems(tree).map((item) => {
    const fullTexts = list(item[FULL_TEXT])
      .map(xmlText)
      .filter((text) => text.trim() !== "");
    const turbo = xmlText(list(item[TURBO])[0]);
    return {
      link: xmlText(list(item["link"])[0]).trim() || undefined,
      guid: xmlText(list(item["guid"])[0]).trim() || undefined,
      fullTexts,
      turbo: turbo.trim() === "" ? undefined : turbo,
    };
  });
}

function declaredPrefixes(xml: string): Map<string, string> {
  const prefixes = new Map<string, string>();
  for (const match of xml.matchAll(/\sxmlns:([\w.-]+)\s*=\s*(["'])(.*?)\2/g)) {
    const uri = match[3]!.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/+$/, "");
    if (!prefixes.has(match[1]!)) prefixes.set(match[1]!, uri);
  }
  return prefixes;
}

type XmlObject = Record<string, unknown>;

function isObject(value: unknown): value is XmlObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Items of `<rss><channel>`, bare `<rss>` (0.9x) or `<rdf:RDF>`, whatever the root prefix. */
function findItems(tree: unknown): XmlObject[] {
  if (!isObject(tree)) return [];
  for (const [name, root] of Object.entries(tree)) {
    if (name.startsWith("?") || !isObject(root)) continue;
    const channels = list(root["channel"]).filter(isObject);
    const items = [...list(root["item"]), ...channels.flatMap((c) => list(c["item"]))];
    return items.filter(isObject);
  }
  return [];
}

/**
 * The character data of a raw (stop-node) element: CDATA kept verbatim, XML-level entity
 * references decoded outside it. HTML entities such as `&nbsp;` are left for the HTML pass.
 */
export function xmlText(node: unknown): string {
  const raw = isObject(node) ? node["#text"] : node;
  if (typeof raw !== "string") return typeof raw === "number" ? String(raw) : "";
  let out = "";
  let index = 0;
  while (index < raw.length) {
    const start = raw.indexOf("<![CDATA[", index);
    if (start < 0) {
      out += decodeXmlEntities(stripComments(raw.slice(index)));
      break;
    }
    out += decodeXmlEntities(stripComments(raw.slice(index, start)));
    const end = raw.indexOf("]]>", start + 9);
    const stop = end < 0 ? raw.length : end;
    out += raw.slice(start + 9, stop);
    index = stop + 3;
  }
  return out;
}

function stripComments(text: string): string {
  return text.includes("<!--") ? text.replace(/<!--[\s\S]*?-->/g, "") : text;
}

const XML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeXmlEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (whole, name: string) => {
    if (name.startsWith("#")) {
      const code = name[1] === "x" || name[1] === "X"
        ? parseInt(name.slice(2), 16)
        : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return XML_ENTITIES[name] ?? whole;
  });
}
