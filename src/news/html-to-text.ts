import { fixMixedScripts } from "./mixed-script.js";
import { Parser } from "htmlparser2";

/** Elements whose whole subtree is never text a reader wants. */
const SKIPPED = new Set([
  "script", "style", "noscript", "iframe", "object", "embed", "svg", "math", "template", "head",
  "canvas", "audio", "video", "map", "button", "select", "textarea", "form",
]);

/** Elements that separate paragraphs. */
const PARAGRAPH = new Set([
  "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "dl", "table", "figure",
  "section", "article", "header", "footer", "aside", "nav", "main", "pre", "hr", "address",
]);

/** Elements that end a line. */
const LINE = new Set(["br", "div", "li", "tr", "dt", "dd", "figcaption", "caption", "center"]);

const CELL = new Set(["td", "th"]);

export interface HtmlToTextOptions {
  /** Extra element names to drop with their content (e.g. a Turbo page `header`). Default: none. */
  skipTags?: readonly string[];
}

/**
 * Renders HTML as plain text: markup and non-text content dropped, blocks as line breaks,
 * entities decoded once (by the parser).
 */
export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
  const extraSkipped = new Set(options.skipTags ?? []);
  const out: string[] = [];
  const stack: string[] = [];
  // Depth of the stack at which the current skipped subtree began; -1 when not skipping.
  let skipFrom = -1;
  // Newlines at the end of the output so far; block edges top it up rather than add to it,
  // so `</li><li>` is one line break while `<br><br>` is still a blank line.
  let trailing = 0;
  let started = false;

  const breakAtLeast = (count: number) => {
    if (!started) return;
    while (trailing < count) {
      out.push("\n");
      trailing++;
    }
  };
  const blockLevel = (name: string) => (PARAGRAPH.has(name) ? 2 : LINE.has(name) ? 1 : 0);

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        stack.push(name);
        if (skipFrom >= 0) return;
        if (SKIPPED.has(name) || extraSkipped.has(name) || isFeedflare(attribs)) {
          skipFrom = stack.length - 1;
          return;
        }
        if (name === "br") {
          out.push("\n");
          trailing++;
        } else if (CELL.has(name)) {
          out.push(" ");
        } else {
          breakAtLeast(blockLevel(name));
        }
      },
      onclosetag(name) {
        stack.pop();
        if (skipFrom >= 0) {
          if (stack.length <= skipFrom) skipFrom = -1;
          return;
        }
        if (CELL.has(name)) out.push(" ");
        else if (name !== "br") breakAtLeast(blockLevel(name));
      },
      ontext(text) {
        if (skipFrom >= 0) return;
        const flat = text.replace(/[\s\u00a0]+/g, " ");
        if (flat === " ") {
          if (trailing === 0 && started) out.push(" ");
          return;
        }
        out.push(flat);
        started = true;
        trailing = 0;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return tidyLines(out.join(""));
}

function isFeedflare(attribs: Record<string, string>): boolean {
  const cls = attribs["class"];
  return cls !== undefined && /(^|\s)feedflare(\s|$)/.test(cls);
}

/** Trims every line, collapses inner spaces and keeps at most one blank line in a row. */
export function tidyLines(text: string): string {
  const lines = text.split("\n").map((line) => line.replace(/[ \t]+/g, " ").trim());
  const kept: string[] = [];
  for (const line of lines) {
    if (line === "" && (kept.length === 0 || kept[kept.length - 1] === "")) continue;
    kept.push(line);
  }
  while (kept.length > 0 && kept[kept.length - 1] === "") kept.pop();
  return kept.join("\n");
}

const TAG_OR_ENTITY = /<\/?[a-z][^>]*>|<!--|&(?:[a-z][a-z0-9]*|#\d+|#x[0-9a-f]+);?/i;
const ENTITY = /&(?:[a-z][a-z0-9]*|#\d+|#x[0-9a-f]+);/i;

/**
 * Plain text from a string that may be HTML, may be plain, or may be HTML escaped twice
 * (common in Russian feeds: `&amp;quot;`). Users never see markup or entity references.
 */
export function plainText(maybeHtml: string, options: HtmlToTextOptions = {}): string {
  let text = maybeHtml;
  if (TAG_OR_ENTITY.test(text)) text = htmlToText(text, options);
  // A second, text-only decode: whatever it produces (even `<script>`) stays literal text.
  if (ENTITY.test(text)) text = decodeEntitiesAsText(text);
  return cleanText(text);
}

/** Decodes entity references while treating `<` as an ordinary character. */
function decodeEntitiesAsText(text: string): string {
  const parts: string[] = [];
  const parser = new Parser({ ontext: (chunk) => parts.push(chunk) }, { decodeEntities: true });
  parser.write(text.replace(/</g, "&lt;"));
  parser.end();
  return parts.join("");
}

/** Removes control and zero-width characters, turns NBSP-like spaces into plain spaces. */
export function cleanText(text: string): string {
  const cleaned = text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00a0\u2007\u202f\u2000-\u200a\u3000]/g, " ")
    // ZWJ/ZWNJ stay: emoji sequences and some scripts need them.
    .replace(/[\u200b\u2060\ufeff\u00ad]/g, "")
    // C0 (except tab and newline), DEL, C1 controls and unpaired surrogates.
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "");
  return tidyLines(fixMixedScripts(cleaned.replace(/\t/g, " ")));
}
