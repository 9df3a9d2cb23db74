/**
 * The one Telegram HTML validator: parses the HTML parse mode into visible text and entities, and
 * refuses what Telegram refuses. Stricter than Telegram where Telegram is forgiving (a bare `&` or
 * `>`, unquoted or unknown attributes, `<a>` to a scheme it would not link), because forgiving
 * parses are how escaping bugs slip through to readers.
 */
import type { MessageEntity } from "grammy/types";

/** Markup Telegram would refuse; the message completes "can't parse entities: …". */
export class EntityParseError extends Error {
  constructor(
    why: string,
    readonly html: string,
    readonly position: number,
  ) {
    super(`${why} at byte offset ${Buffer.byteLength(html.slice(0, position))}: …${JSON.stringify(html.slice(Math.max(0, position - 30), position + 30))}…`);
    this.name = "EntityParseError";
  }
}

export interface ParsedText {
  /** The visible text: entities decoded, tags removed. */
  text: string;
  /** Offsets and lengths in UTF-16 code units, as the Bot API counts them. */
  entities: MessageEntity[];
}

interface OpenTag {
  name: string;
  start: number;
  at: number;
  /** Opening order, so that of two entities over the same text the outer one comes first. */
  seq: number;
  entity: Record<string, unknown> | undefined;
}

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
const SIMPLE_TAGS: Record<string, string> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
};
/** Attributes each tag may carry; anything else is refused. */
const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ["href"],
  code: ["class"],
  span: ["class"],
  blockquote: ["expandable"],
  "tg-emoji": ["emoji-id"],
};
const LINKABLE_HREF = /^(https?:\/\/[^\s]+|tg:\/\/\S+|mailto:\S+)$/i;

const ENTITY_RE = /&(?:(lt|gt|amp|quot)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));/y;
const TAG_NAME_RE = /[a-zA-Z][a-zA-Z0-9-]*/y;
const ATTR_NAME_RE = /[a-zA-Z_:][-a-zA-Z0-9_:.]*/y;
const SPACE_RE = /\s*/y;

/**
 * Parses Telegram HTML into the text the reader will see and its entities (untrimmed; see
 * `messageText` for what a sent message keeps). Throws EntityParseError for unsupported tags or
 * attributes, bad nesting, unclosed tags and unescaped `&`, `<`, `>`.
 */
export function parseTelegramHtml(html: string): ParsedText {
  return new Parser(html).run();
}

/** True when Telegram would take `html` as written. Escapes nothing and forgives nothing. */
export function isValidTelegramHtml(html: string): boolean {
  try {
    parseTelegramHtml(html);
    return true;
  } catch (error) {
    if (error instanceof EntityParseError) return false;
    throw error;
  }
}

class Parser {
  private pos = 0;
  private out = "";
  private readonly stack: OpenTag[] = [];
  private readonly entities: { seq: number; entity: MessageEntity }[] = [];
  private opened = 0;

  constructor(private readonly src: string) {}

  run(): ParsedText {
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === "<") this.tag();
      else if (ch === "&") this.out += this.entity();
      else if (ch === ">") this.fail('unescaped ">" (write &gt;)', this.pos);
      else this.out += this.src[this.pos++];
    }
    const unclosed = this.stack.at(-1);
    if (unclosed) this.fail(`can't find end tag corresponding to start tag "${unclosed.name}"`, unclosed.at);
    const entities = [...this.entities]
      .sort((a, b) => a.entity.offset - b.entity.offset || b.entity.length - a.entity.length || a.seq - b.seq)
      .map((e) => e.entity);
    return { text: this.out, entities };
  }

  private fail(why: string, at: number): never {
    throw new EntityParseError(why, this.src, at);
  }

  private match(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const found = re.exec(this.src);
    if (!found) return undefined;
    this.pos = re.lastIndex;
    return found[0];
  }

  private entity(): string {
    ENTITY_RE.lastIndex = this.pos;
    const found = ENTITY_RE.exec(this.src);
    if (!found) this.fail('"&" must start a character entity (&lt; &gt; &amp; &quot; or &#N;)', this.pos);
    const [, named, dec, hex] = found;
    let decoded: string | undefined;
    if (named) decoded = NAMED_ENTITIES[named];
    else {
      const code = dec !== undefined ? Number(dec) : Number.parseInt(hex ?? "", 16);
      if (code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)) decoded = String.fromCodePoint(code);
    }
    if (decoded === undefined) this.fail(`invalid character entity "${found[0]}"`, this.pos);
    this.pos = ENTITY_RE.lastIndex;
    return decoded;
  }

  private tag(): void {
    const at = this.pos;
    if (this.src[at + 1] === "/") return this.endTag(at);
    this.pos++;
    const rawName = this.match(TAG_NAME_RE);
    if (!rawName) this.fail('unsupported start tag: a raw "<" must be written as &lt;', at);
    const name = rawName.toLowerCase();
    const attrs = this.attributes(at);
    const allowed = ALLOWED_ATTRIBUTES[name] ?? [];
    const extra = [...attrs.keys()].find((key) => !allowed.includes(key));
    if (extra !== undefined && (name in SIMPLE_TAGS || name in ALLOWED_ATTRIBUTES)) this.fail(`attribute "${extra}" is not allowed on "${name}"`, at);
    this.checkNesting(name, at);
    const entity = this.entityFor(name, attrs, at);
    this.stack.push({ name, start: this.out.length, at, seq: this.opened++, entity });
  }

  /** Code holds no markup, pre holds only code, links and quotes do not nest. */
  private checkNesting(name: string, at: number): void {
    const parent = this.stack.at(-1)?.name;
    if (parent === "code") this.fail(`"${name}" inside "code"`, at);
    if (parent === "pre" && name !== "code") this.fail(`"${name}" inside "pre"`, at);
    if ((name === "a" || name === "blockquote") && this.stack.some((open) => open.name === name)) this.fail(`nested "${name}"`, at);
  }

  private attributes(tagStart: number): Map<string, string> {
    const attrs = new Map<string, string>();
    for (;;) {
      this.match(SPACE_RE);
      const ch = this.src[this.pos];
      if (ch === undefined) this.fail("unclosed start tag", tagStart);
      if (ch === ">") {
        this.pos++;
        return attrs;
      }
      if (ch === "/") this.fail("self-closing tags are not supported", tagStart);
      const rawName = this.match(ATTR_NAME_RE);
      if (!rawName) this.fail("malformed attribute in start tag", this.pos);
      const name = rawName.toLowerCase();
      if (attrs.has(name)) this.fail(`duplicate attribute "${name}"`, tagStart);
      this.match(SPACE_RE);
      let value = "";
      if (this.src[this.pos] === "=") {
        this.pos++;
        this.match(SPACE_RE);
        value = this.attributeValue(tagStart);
      }
      attrs.set(name, value);
    }
  }

  private attributeValue(tagStart: number): string {
    const quote = this.src[this.pos];
    if (quote !== '"' && quote !== "'") this.fail("attribute values must be quoted", this.pos);
    this.pos++;
    let value = "";
    for (;;) {
      const ch = this.src[this.pos];
      if (ch === undefined) this.fail("unclosed start tag", tagStart);
      if (ch === quote) {
        this.pos++;
        // A quote straight after the value (`"x"q""`) is a raw quote that should have been &quot;.
        const next = this.src[this.pos];
        if (next !== undefined && !/[\s>/]/.test(next)) this.fail("unescaped quote inside an attribute value", this.pos);
        return value;
      }
      if (ch === "<" || ch === ">") this.fail(`unescaped "${ch}" inside an attribute value`, this.pos);
      if (ch === "&") value += this.entity();
      else {
        value += ch;
        this.pos++;
      }
    }
  }

  private entityFor(name: string, attrs: Map<string, string>, at: number): Record<string, unknown> | undefined {
    const simple = SIMPLE_TAGS[name];
    if (simple) return { type: simple };
    switch (name) {
      case "span":
        if (attrs.get("class") !== "tg-spoiler") this.fail('unsupported start tag "span" (only class="tg-spoiler")', at);
        return { type: "spoiler" };
      case "a": {
        const href = attrs.get("href");
        if (!href) this.fail('tag "a" must have a non-empty href attribute', at);
        if (!LINKABLE_HREF.test(href)) this.fail(`href ${JSON.stringify(href)} is not a URL Telegram links`, at);
        return { type: "text_link", url: href };
      }
      case "code": {
        const parent = this.stack.at(-1);
        const cls = attrs.get("class");
        const lang = /^language-([\w+#-]+)$/.exec(cls ?? "")?.[1];
        if (cls !== undefined && (parent?.name !== "pre" || !lang)) this.fail('class on "code" is only language-… inside "pre"', at);
        // <pre><code class="language-x"> sets the language of the enclosing pre instead of nesting.
        if (parent?.name === "pre" && parent.entity && parent.start === this.out.length) {
          if (lang) parent.entity.language = lang;
          return undefined;
        }
        return { type: "code" };
      }
      case "pre":
        return { type: "pre" };
      case "blockquote":
        return { type: attrs.has("expandable") ? "expandable_blockquote" : "blockquote" };
      case "tg-emoji": {
        const id = attrs.get("emoji-id");
        if (!id) this.fail('tag "tg-emoji" must have an emoji-id attribute', at);
        return { type: "custom_emoji", custom_emoji_id: id };
      }
      default:
        return this.fail(`unsupported start tag "${name}"`, at);
    }
  }

  private endTag(at: number): void {
    this.pos = at + 2;
    const rawName = this.match(TAG_NAME_RE);
    this.match(SPACE_RE);
    if (!rawName || this.src[this.pos] !== ">") this.fail("malformed end tag (no attributes on a closing tag)", at);
    this.pos++;
    const name = rawName.toLowerCase();
    const open = this.stack.pop();
    if (!open) this.fail(`unexpected end tag "${name}"`, at);
    if (open.name !== name) this.fail(`end tag "${name}" does not match start tag "${open.name}"`, at);
    const length = this.out.length - open.start;
    if (open.entity && length > 0) {
      this.entities.push({ seq: open.seq, entity: { ...open.entity, offset: open.start, length } as unknown as MessageEntity });
    }
  }
}

/** What a sent message keeps of parsed text: Telegram trims it, and entities move with the text. */
export function messageText(parsed: ParsedText): ParsedText {
  const lead = parsed.text.length - parsed.text.trimStart().length;
  const text = parsed.text.trim();
  const moved: MessageEntity[] = [];
  for (const entity of parsed.entities) {
    const start = Math.max(0, entity.offset - lead);
    const end = Math.min(text.length, entity.offset + entity.length - lead);
    if (end > start) moved.push({ ...entity, offset: start, length: end - start });
  }
  return { text, entities: moved };
}

/** The text a reader sees for `html` (untrimmed), or an EntityParseError where Telegram would refuse it. */
export function htmlText(html: string): string {
  return parseTelegramHtml(html).text;
}
