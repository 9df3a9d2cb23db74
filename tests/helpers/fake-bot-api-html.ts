import type { MessageEntity } from "grammy/types";

/** Thrown for markup the real Bot API refuses; the message completes "can't parse entities: …". */
export class EntityParseError extends Error {}

export interface ParsedText {
  /** The visible text, trimmed the way Telegram trims message text. */
  text: string;
  entities: MessageEntity[];
}

interface OpenTag {
  name: string;
  start: number;
  at: number;
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

const ENTITY_RE = /&(?:(lt|gt|amp|quot)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));/y;
const TAG_NAME_RE = /[a-zA-Z][a-zA-Z0-9-]*/y;
const ATTR_NAME_RE = /[a-zA-Z_:][-a-zA-Z0-9_:.]*/y;
const UNQUOTED_VALUE_RE = /[^\s>"'`=<]+/y;
const SPACE_RE = /\s*/y;

/** Plain text of Telegram-flavoured HTML, or an EntityParseError where Telegram would answer 400. */
export function parseTelegramHtml(html: string): ParsedText {
  return new Parser(html).run();
}

class Parser {
  private pos = 0;
  private out = "";
  private readonly stack: OpenTag[] = [];
  private readonly entities: MessageEntity[] = [];

  constructor(private readonly src: string) {}

  run(): ParsedText {
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === "<") this.tag();
      else if (ch === "&") this.out += this.entity();
      else this.out += this.src[this.pos++];
    }
    const unclosed = this.stack.at(-1);
    if (unclosed) this.fail(`can't find end tag corresponding to start tag "${unclosed.name}"`, unclosed.at);
    return trimmed(this.out, this.entities);
  }

  private fail(why: string, at?: number): never {
    const suffix = at === undefined ? "" : ` at byte offset ${Buffer.byteLength(this.src.slice(0, at))}`;
    throw new EntityParseError(`${why}${suffix}`);
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
    const entity = this.entityFor(name, attrs, at);
    this.stack.push({ name, start: this.out.length, at, entity });
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
      const name = this.match(ATTR_NAME_RE);
      if (!name) this.fail("malformed attribute in start tag", this.pos);
      this.match(SPACE_RE);
      let value = "";
      if (this.src[this.pos] === "=") {
        this.pos++;
        this.match(SPACE_RE);
        value = this.attributeValue(tagStart);
      }
      attrs.set(name.toLowerCase(), value);
    }
  }

  private attributeValue(tagStart: number): string {
    const quote = this.src[this.pos];
    if (quote !== '"' && quote !== "'") {
      const bare = this.match(UNQUOTED_VALUE_RE);
      if (bare === undefined) this.fail("missing attribute value", this.pos);
      return bare;
    }
    this.pos++;
    let value = "";
    for (;;) {
      const ch = this.src[this.pos];
      if (ch === undefined) this.fail("unclosed start tag", tagStart);
      if (ch === quote) {
        this.pos++;
        return value;
      }
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
        return { type: "text_link", url: href };
      }
      case "code": {
        // <pre><code class="language-x"> sets the language of the enclosing pre instead of nesting.
        const parent = this.stack.at(-1);
        const lang = /^language-(.+)$/.exec(attrs.get("class") ?? "")?.[1];
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
    if (!rawName || this.src[this.pos] !== ">") this.fail("malformed end tag", at);
    this.pos++;
    const name = rawName.toLowerCase();
    const open = this.stack.pop();
    if (!open) this.fail(`unexpected end tag "${name}"`, at);
    if (open.name !== name) this.fail(`end tag "${name}" does not match start tag "${open.name}"`, at);
    const length = this.out.length - open.start;
    if (open.entity && length > 0) {
      this.entities.push({ ...open.entity, offset: open.start, length } as unknown as MessageEntity);
    }
  }
}

function trimmed(out: string, entities: MessageEntity[]): ParsedText {
  const lead = out.length - out.trimStart().length;
  const text = out.trim();
  const moved: MessageEntity[] = [];
  for (const entity of entities) {
    const start = Math.max(0, entity.offset - lead);
    const end = Math.min(text.length, entity.offset + entity.length - lead);
    if (end > start) moved.push({ ...entity, offset: start, length: end - start });
  }
  moved.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities: moved };
}
