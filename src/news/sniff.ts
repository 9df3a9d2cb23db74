/** What a document looks like before any real parsing. */
export type Sniffed =
  | { kind: "empty" }
  | { kind: "json" }
  | { kind: "xml"; root?: string; doctype?: Doctype }
  | { kind: "other"; start: number };

export interface Doctype {
  /** Everything between `<!DOCTYPE` and the closing `>`. */
  text: string;
  /** The `[...]` internal subset, when there is one. */
  internalSubset?: string;
}

/**
 * Looks past the BOM, whitespace, comments, processing instructions and DOCTYPE to see what
 * the document starts with. Reads only the prolog, so it is cheap on large feeds.
 */
export function sniffDocument(text: string): Sniffed {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let doctype: Doctype | undefined;
  let sawMarkup = false;
  for (;;) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) return sawMarkup ? { kind: "xml", doctype } : { kind: "empty" };
    const ch = text[i];
    if (ch === "{" || ch === "[") return sawMarkup ? { kind: "other", start: i } : { kind: "json" };
    if (ch !== "<") return sawMarkup ? { kind: "xml", doctype } : { kind: "other", start: i };
    sawMarkup = true;
    if (text.startsWith("<?", i)) {
      const end = text.indexOf("?>", i + 2);
      if (end < 0) return { kind: "xml", doctype };
      i = end + 2;
    } else if (text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i + 4);
      if (end < 0) return { kind: "xml", doctype };
      i = end + 3;
    } else if (text.slice(i, i + 9).toUpperCase() === "<!DOCTYPE") {
      const parsed = readDoctype(text, i + 9);
      doctype = parsed.doctype;
      i = parsed.end;
    } else {
      const name = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(i, i + 200));
      return { kind: "xml", root: name?.[1], doctype };
    }
  }
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Reads a DOCTYPE body, honouring quotes and a bracketed internal subset. */
function readDoctype(text: string, from: number): { doctype: Doctype; end: number } {
  let i = from;
  let quote = "";
  let subsetStart = -1;
  let subsetEnd = -1;
  while (i < text.length) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === "[" && subsetStart < 0) {
      subsetStart = i + 1;
      const subset = findSubsetEnd(text, subsetStart);
      subsetEnd = subset.subsetEnd;
      i = subset.resume;
      continue;
    } else if (ch === ">") {
      break;
    }
    i++;
  }
  const doctype: Doctype = { text: text.slice(from, i) };
  if (subsetStart >= 0) doctype.internalSubset = text.slice(subsetStart, subsetEnd);
  return { doctype, end: Math.min(i + 1, text.length) };
}

/** Scans the internal subset, skipping quoted values, to the `]` that closes it. */
function findSubsetEnd(text: string, from: number): { subsetEnd: number; resume: number } {
  let i = from;
  let quote = "";
  while (i < text.length) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === "]") {
      return { subsetEnd: i, resume: i + 1 };
    }
    i++;
  }
  return { subsetEnd: text.length, resume: text.length };
}
