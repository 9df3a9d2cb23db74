/**
 * A strict checker for Telegram's HTML parse mode: what it accepts, Telegram accepts and renders
 * as intended. Stricter than Telegram where Telegram is forgiving (a bare `&` or `>`, unquoted
 * attributes), because forgiving parses are how escaping bugs slip through.
 */

export class TelegramHtmlError extends Error {
  constructor(
    message: string,
    readonly html: string,
    readonly position: number,
  ) {
    super(`${message} at ${position}: …${JSON.stringify(html.slice(Math.max(0, position - 30), position + 30))}…`);
    this.name = "TelegramHtmlError";
  }
}

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
const ENTITY = /^&(?:(lt|gt|amp|quot)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));/;
const SIMPLE_TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler", "pre", "blockquote"]);
const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*>/;
const ATTRIBUTE = /([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g;

function decodeEntity(match: RegExpExecArray): string {
  const [, name, dec, hex] = match;
  if (name) return NAMED_ENTITIES[name] ?? "";
  const code = dec ? Number(dec) : Number.parseInt(hex ?? "", 16);
  return code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
}

/** Decodes text (or an attribute value) in which every `&` starts an entity and no `<`/`>` appears. */
function decodeText(raw: string, html: string, offset: number): string {
  let out = "";
  for (let i = 0; i < raw.length; ) {
    const ch = raw[i] as string;
    if (ch === "<" || ch === ">") throw new TelegramHtmlError(`unescaped "${ch}"`, html, offset + i);
    if (ch === "&") {
      const match = ENTITY.exec(raw.slice(i));
      if (!match) throw new TelegramHtmlError('unescaped "&"', html, offset + i);
      out += decodeEntity(match);
      i += match[0].length;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}

function parseAttributes(raw: string, html: string, offset: number): Map<string, string | undefined> {
  const attributes = new Map<string, string | undefined>();
  for (const match of raw.matchAll(ATTRIBUTE)) {
    const name = (match[1] as string).toLowerCase();
    if (attributes.has(name)) throw new TelegramHtmlError(`duplicate attribute ${name}`, html, offset);
    const value = match[2] ?? match[3];
    attributes.set(name, value === undefined ? undefined : decodeText(value, html, offset));
  }
  return attributes;
}

function checkTag(name: string, attributes: Map<string, string | undefined>, parents: string[], html: string, at: number): void {
  const fail = (message: string) => {
    throw new TelegramHtmlError(message, html, at);
  };
  const names = [...attributes.keys()];
  const only = (...allowed: string[]) => {
    const extra = names.find((n) => !allowed.includes(n));
    if (extra) fail(`attribute ${extra} is not allowed on <${name}>`);
  };
  const parent = parents.at(-1);
  if (parent === "code") fail(`<${name}> inside <code>`);
  if (parent === "pre" && name !== "code") fail(`<${name}> inside <pre>`);
  if (SIMPLE_TAGS.has(name)) {
    only(...(name === "blockquote" ? ["expandable"] : []));
    if (name === "blockquote" && parents.includes("blockquote")) fail("nested <blockquote>");
    return;
  }
  switch (name) {
    case "a": {
      only("href");
      const href = attributes.get("href");
      if (!href) fail("<a> without href");
      if (parents.includes("a")) fail("nested <a>");
      if (!/^(https?:\/\/[^\s]+|tg:\/\/\S+|mailto:\S+)$/i.test(href ?? "")) fail(`href ${JSON.stringify(href)} is not a URL Telegram links`);
      return;
    }
    case "code":
      only("class");
      if (attributes.has("class") && (parent !== "pre" || !/^language-[\w+#-]+$/.test(attributes.get("class") ?? ""))) {
        fail("class on <code> is only language-… inside <pre>");
      }
      return;
    case "span":
      only("class");
      if (attributes.get("class") !== "tg-spoiler") fail('<span> needs class="tg-spoiler"');
      return;
    default:
      fail(`tag <${name}> is not supported by Telegram`);
  }
}

/**
 * Parses Telegram HTML and returns the text the user will see (entities decoded, tags removed).
 * Throws TelegramHtmlError for unsupported tags or attributes, bad nesting, unclosed tags and
 * unescaped `&`, `<`, `>`.
 */
export function parseTelegramHtml(html: string): string {
  const open: string[] = [];
  let text = "";
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    const end = lt === -1 ? html.length : lt;
    text += decodeText(html.slice(i, end), html, i);
    if (lt === -1) break;
    const match = TAG.exec(html.slice(lt));
    if (!match) throw new TelegramHtmlError('unescaped "<" or malformed tag', html, lt);
    const [whole, slash, rawName, rawAttributes = ""] = match;
    const name = (rawName as string).toLowerCase();
    if (slash) {
      if (rawAttributes.trim()) throw new TelegramHtmlError("attributes on a closing tag", html, lt);
      const top = open.pop();
      if (top !== name) throw new TelegramHtmlError(`</${name}> closes ${top ? `<${top}>` : "nothing"}`, html, lt);
    } else {
      checkTag(name, parseAttributes(rawAttributes, html, lt), open, html, lt);
      open.push(name);
    }
    i = lt + whole.length;
  }
  if (open.length > 0) throw new TelegramHtmlError(`unclosed <${open.at(-1)}>`, html, html.length);
  return text;
}

/** Escapes nothing and forgives nothing: true when Telegram would take `html` as written. */
export function isValidTelegramHtml(html: string): boolean {
  try {
    parseTelegramHtml(html);
    return true;
  } catch (error) {
    if (error instanceof TelegramHtmlError) return false;
    throw error;
  }
}
