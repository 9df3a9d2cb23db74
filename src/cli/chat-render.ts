/**
 * Turns what the bot sends to Telegram (HTML parse mode, inline keyboards) into terminal text for
 * `vestnik chat`. Pure functions: the session decides where the text goes.
 */
import type { MessageEntity } from "grammy/types";
import { EntityParseError, parseTelegramHtml, type ParsedText } from "../emulator/index.js";

export interface TerminalStyle {
  /** ANSI bold/italic/underline when writing to a terminal; plain text for pipes and files. */
  ansi: boolean;
}

export interface TerminalButton {
  label: string;
  callbackData?: string;
  url?: string;
}

type StyleKey = "bold" | "italic" | "underline" | "strikethrough";
const STYLES: Record<StyleKey, { on: string; off: string }> = {
  bold: { on: "\x1b[1m", off: "\x1b[22m" },
  italic: { on: "\x1b[3m", off: "\x1b[23m" },
  underline: { on: "\x1b[4m", off: "\x1b[24m" },
  strikethrough: { on: "\x1b[9m", off: "\x1b[29m" },
};
const isStyle = (type: string): type is StyleKey => type in STYLES;

/**
 * Drops terminal control characters (an ESC in an article title would otherwise drive the
 * user's terminal) but keeps newlines and tabs.
 */
export function stripControls(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
}

interface EntityNode {
  entity: MessageEntity;
  children: EntityNode[];
}

/** Entities from one HTML parse nest properly; sorted by start (outer first) they form a tree. */
function entityTree(entities: readonly MessageEntity[]): EntityNode[] {
  const roots: EntityNode[] = [];
  const open: EntityNode[] = [];
  const sorted = [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
  for (const entity of sorted) {
    while (open.length > 0) {
      const top = open.at(-1) as EntityNode;
      if (entity.offset < top.entity.offset + top.entity.length) break;
      open.pop();
    }
    const node = { entity, children: [] };
    (open.at(-1)?.children ?? roots).push(node);
    open.push(node);
  }
  return roots;
}

/**
 * Visible text and its entities (what Telegram shows) as terminal text: bold/italic/underline/
 * strikethrough as ANSI (or nothing when plain), links as `text <url>`, quotes prefixed with "│ ".
 */
export function entitiesToTerminal(text: string, entities: readonly MessageEntity[], style: TerminalStyle): string {
  const depth: Record<StyleKey, number> = { bold: 0, italic: 0, underline: 0, strikethrough: 0 };
  function render(from: number, to: number, nodes: EntityNode[]): string {
    let out = "";
    let at = from;
    for (const node of nodes) {
      const { offset, length, type } = node.entity;
      out += stripControls(text.slice(at, offset));
      const styleKey = isStyle(type) && style.ansi ? type : undefined;
      // Nested <b><b>…</b></b> must not switch bold off at the inner close.
      const opens = styleKey !== undefined && depth[styleKey]++ === 0;
      let inner = render(offset, offset + length, node.children);
      if (styleKey !== undefined && --depth[styleKey] === 0) inner += STYLES[styleKey].off;
      if (opens && styleKey !== undefined) inner = STYLES[styleKey].on + inner;
      if (node.entity.type === "text_link") {
        const url = stripControls(node.entity.url);
        if (plainOf(inner).trim() !== url) inner += ` <${url}>`;
      }
      if (type === "blockquote" || type === "expandable_blockquote") inner = quote(inner);
      out += inner;
      at = offset + length;
    }
    return out + stripControls(text.slice(at, to));
  }
  return render(0, text.length, entityTree(entities));
}

/**
 * Telegram HTML as the terminal shows it (see entitiesToTerminal), read with the emulator's
 * validator. Markup Telegram would refuse never reaches a chat (the emulator answers 400), so it is
 * shown as written, controls stripped, rather than guessed at.
 */
export function htmlToTerminal(html: string, style: TerminalStyle): string {
  let parsed: ParsedText;
  try {
    parsed = parseTelegramHtml(html);
  } catch (error) {
    if (error instanceof EntityParseError) return stripControls(html);
    throw error;
  }
  return entitiesToTerminal(parsed.text, parsed.entities, style);
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
