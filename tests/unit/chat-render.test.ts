import { describe, expect, it } from "vitest";
import { htmlToTerminal, keyboardOf, plainOf, renderKeyboard, renderMessage, stripControls } from "../../src/cli/chat-render.js";

const plain = { ansi: false };
const ansi = { ansi: true };

describe("htmlToTerminal", () => {
  it("decodes entities and drops tags in plain mode", () => {
    expect(htmlToTerminal("<b>«KMG &amp; Partners» &lt;обновлено&gt;</b> &quot;q&quot; &#8212; &#x41;", plain)).toBe(
      '«KMG & Partners» <обновлено> "q" — A',
    );
  });

  it("shows bold, italic, underline and strikethrough as ANSI on a terminal", () => {
    expect(htmlToTerminal("<b>bold</b> <i>it</i> <u>u</u> <s>s</s>", ansi)).toBe(
      "\x1b[1mbold\x1b[22m \x1b[3mit\x1b[23m \x1b[4mu\x1b[24m \x1b[9ms\x1b[29m",
    );
    expect(htmlToTerminal("<strong>a</strong><em>b</em>", ansi)).toBe("\x1b[1ma\x1b[22m\x1b[3mb\x1b[23m");
  });

  it("keeps nested bold on until the outer tag closes", () => {
    expect(htmlToTerminal("<b>a <b>b</b> c</b>", ansi)).toBe("\x1b[1ma b c\x1b[22m");
  });

  it("renders links as text <url>, and a bare URL once", () => {
    expect(htmlToTerminal('<a href="https://ex.example/a?x=1&amp;y=2">Title &amp; more</a>', plain)).toBe(
      "Title & more <https://ex.example/a?x=1&y=2>",
    );
    expect(htmlToTerminal('<a href="https://ex.example/">https://ex.example/</a>', plain)).toBe("https://ex.example/");
    expect(htmlToTerminal('<a href="https://ex.example/"><b>Bold link</b></a>', ansi)).toBe(
      "\x1b[1mBold link\x1b[22m <https://ex.example/>",
    );
  });

  it("prefixes quoted lines and leaves unknown tags out", () => {
    expect(htmlToTerminal("Intro\n<blockquote>one\ntwo</blockquote>", plain)).toBe("Intro\n│ one\n│ two");
    expect(htmlToTerminal("<tg-spoiler>hidden</tg-spoiler> <code>x</code> <span class=\"tg-spoiler\">y</span>", plain)).toBe(
      "hidden x y",
    );
  });

  it("never lets control characters or unclosed styles reach the terminal", () => {
    // Markup Telegram refuses is shown as written: no style is switched on that could stay on.
    const out = htmlToTerminal("<b>title \x1b[31mred&#27;[2J", ansi);
    expect(out).not.toMatch(/\x1b\[(31m|2J)/);
    expect(out).toBe("<b>title [31mred&#27;[2J");
    expect(htmlToTerminal("<b>x &#27;[2J</b>", ansi)).toBe("\x1b[1mx [2J\x1b[22m");
    expect(stripControls("a\tb\nc\x07\x9b")).toBe("a\tb\nc");
  });

  it("keeps stray < and & that are not markup", () => {
    expect(htmlToTerminal("a < b & c", plain)).toBe("a < b & c");
  });
});

describe("keyboards", () => {
  const markup = {
    inline_keyboard: [
      [{ text: "← Newer", callback_data: "l:1" }, { text: "Older →", callback_data: "l:2" }],
      [{ text: "Site", url: "https://ex.example/" }],
    ],
  };

  it("numbers buttons across rows, one row per line", () => {
    const rows = keyboardOf(markup);
    expect(rows).toEqual([
      [
        { label: "← Newer", callbackData: "l:1" },
        { label: "Older →", callbackData: "l:2" },
      ],
      [{ label: "Site", url: "https://ex.example/" }],
    ]);
    expect(renderKeyboard(rows, plain)).toBe("  [1] ← Newer   [2] Older →\n  [3] Site <https://ex.example/>");
    expect(plainOf(renderKeyboard(rows, ansi))).toBe(renderKeyboard(rows, plain));
  });

  it("has no buttons for other markups or none", () => {
    expect(keyboardOf(undefined)).toEqual([]);
    expect(keyboardOf({ keyboard: [[{ text: "x" }]] })).toEqual([]);
    expect(keyboardOf({ inline_keyboard: [[]] })).toEqual([]);
  });
});

describe("renderMessage", () => {
  it("renders an HTML message with its keyboard, and an edit as updated", () => {
    const message = {
      text: "<b>Latest</b>\n\n<a href=\"https://ex.example/1\">One</a>",
      parseMode: "HTML",
      keyboard: [[{ label: "Older →", callbackData: "x" }]],
    };
    expect(renderMessage(message, plain)).toBe("Latest\n\nOne <https://ex.example/1>\n  [1] Older →\n");
    expect(renderMessage({ ...message, updated: true }, plain).startsWith("(updated)\nLatest")).toBe(true);
  });

  it("shows text without a parse mode as it is", () => {
    expect(renderMessage({ text: "<b>not bold</b> &amp;", keyboard: [] }, plain)).toBe("<b>not bold</b> &amp;\n");
  });
});
