/**
 * Turns what the bot sends to Telegram (HTML parse mode, inline keyboards) into terminal text for
 * `vestnik chat`. Pure functions: the session decides where the text goes.
 */

export interface TerminalStyle {
  /** ANSI bold/italic/underline when writing to a terminal; plain text for pipes and files. */
  ansi: boolean;
}

export interface TerminalButton {
  label: string;
  callbackData?: string;
  url?: string;
}

type StyleKey = "b" | "i" | "u" | "s";
const STYLES: Record<StyleKey, { on: string; off: string }> = {
  b: { on: "\x1b[1m", off: "\x1b[22m" },
  i: { on: "\x1b[3m", off: "\x1b[23m" },
  u: { on: "\x1b[4m", off: "\x1b[24m" },
  s: { on: "\x1b[9m", off: "\x1b[29m" },
};
const STYLE_OF: Record<string, StyleKey | undefined> = {
  b: "b", strong: "b", i: "i", em: "i", u: "u", ins: "u", s: "s", strike: "s", del: "s",
};
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
const TOKEN = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|&(?:([a-zA-Z]+)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));|[^<&]+|[<&]/g;
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

/**
 * Drops terminal control characters (an ESC in an article title would otherwise drive the
 * user's terminal) but keeps newlines and tabs.
 */
export function stripControls(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
}

function decodeEntity(name: string | undefined, dec: string | undefined, hex: string | undefined, raw: string): string {
  if (name !== undefined) return NAMED[name] ?? raw;
  const code = dec !== undefined ? Number(dec) : Number.parseInt(hex ?? "", 16);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
}

interface OpenTag {
  name: string;
  /** Where the element's text starts in the output, for links and quotes. */
  start: number;
  href?: string;
}

/**
 * Telegram HTML to terminal text: entities decoded, bold/italic/underline/strikethrough as ANSI
 * (or nothing when plain), links as `text <url>`, quotes prefixed with "│ ". Unknown tags vanish.
 */
export function htmlToTerminal(html: string, style: TerminalStyle): string {
  let out = "";
  const open: OpenTag[] = [];
  const depth: Record<StyleKey, number> = { b: 0, i: 0, u: 0, s: 0 };
  for (const match of html.matchAll(TOKEN)) {
    const [raw, closing, tagName, attributes, named, dec, hex] = match;
    if (tagName === undefined) {
      const text = raw.startsWith("&") && raw.length > 1 ? decodeEntity(named, dec, hex, raw) : raw;
      out += stripControls(text);
      continue;
    }
    const name = tagName.toLowerCase();
    const styleKey = STYLE_OF[name];
    if (!closing) {
      const tag: OpenTag = { name, start: out.length };
      if (name === "a") {
        const href = HREF.exec(attributes ?? "");
        tag.href = stripControls(htmlDecode(href?.[1] ?? href?.[2] ?? href?.[3] ?? ""));
      }
      open.push(tag);
      // Nested <b><b>…</b></b> must not switch bold off at the inner close.
      if (styleKey && style.ansi && depth[styleKey]++ === 0) out += STYLES[styleKey].on;
      continue;
    }
    const index = open.map((t) => t.name).lastIndexOf(name);
    const tag = index >= 0 ? open.splice(index, 1)[0] : undefined;
    if (!tag) continue;
    if (styleKey && style.ansi && --depth[styleKey] === 0) out += STYLES[styleKey].off;
    if (name === "a" && tag.href) {
      const text = plainOf(out.slice(tag.start)).trim();
      if (text !== tag.href) out += ` <${tag.href}>`;
    }
    if (name === "blockquote") out = out.slice(0, tag.start) + quote(out.slice(tag.start));
  }
  // Styles left open by broken markup must not leak into the rest of the terminal.
  if (style.ansi && Object.values(depth).some((n) => n > 0)) out += "\x1b[0m";
  return out;
}

function htmlDecode(text: string): string {
  return text.replace(/&(?:([a-zA-Z]+)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));/g, (raw: string, name?: string, dec?: string, hex?: string) => decodeEntity(name, dec, hex, raw));
}

/** Text without ANSI codes, for comparisons. */
export function plainOf(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, "");
}

function quote(text: string): string {
  return text
    .replace(/^\n+|\n+$/g, "")
    .split("\n")
    .map((line) => `│ ${line}`)
    .join("\n");
}

/** The buttons of an `inline_keyboard` reply markup, row by row; anything else has none. */
export function keyboardOf(markup: unknown): TerminalButton[][] {
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  if (!Array.isArray(rows)) return [];
  return rows
    .filter((row): row is unknown[] => Array.isArray(row))
    .map((row) =>
      row.map((button) => {
        const b = (button ?? {}) as { text?: unknown; callback_data?: unknown; url?: unknown };
        return {
          label: stripControls(typeof b.text === "string" ? b.text : ""),
          ...(typeof b.callback_data === "string" ? { callbackData: b.callback_data } : {}),
          ...(typeof b.url === "string" ? { url: stripControls(b.url) } : {}),
        };
      }),
    )
    .filter((row) => row.length > 0);
}

/** Numbered buttons, one keyboard row per line: `[1] ← Newer   [2] Older →`; numbering runs across rows. */
export function renderKeyboard(rows: TerminalButton[][], style: TerminalStyle): string {
  let n = 0;
  return rows
    .map((row) =>
      row
        .map((button) => {
          n += 1;
          const number = style.ansi ? `\x1b[1m[${n}]\x1b[22m` : `[${n}]`;
          return `${number} ${button.label}${button.url ? ` <${button.url}>` : ""}`;
        })
        .join("   "),
    )
    .map((line) => `  ${line}`)
    .join("\n");
}

export interface TerminalMessage {
  text: string;
  parseMode?: string;
  keyboard: TerminalButton[][];
  /** Shown again after an edit. */
  updated?: boolean;
}

/** One bot message as a block of terminal lines, ending with a newline. */
export function renderMessage(message: TerminalMessage, style: TerminalStyle): string {
  const body = message.parseMode?.toUpperCase() === "HTML" ? htmlToTerminal(message.text, style) : stripControls(message.text);
  const marker = style.ansi ? "\x1b[2m(updated)\x1b[22m\n" : "(updated)\n";
  const keyboard = message.keyboard.length > 0 ? `\n${renderKeyboard(message.keyboard, style)}` : "";
  return `${message.updated ? marker : ""}${body}${keyboard}\n`;
}
