import { describe, expect, it } from "vitest";
import { checkApiCall } from "../helpers/bot-harness.js";
import { htmlText as parseTelegramHtml, isValidTelegramHtml } from "../../src/emulator/index.js";

describe("Telegram HTML checker", () => {
  it("accepts Telegram's tags and returns the visible text", () => {
    expect(
      parseTelegramHtml(
        '<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike><del>d</del>' +
          '<a href="https://x.y/?a=1&amp;b=&quot;2&quot;">link</a><code>c</code><pre><code class="language-ts">x</code></pre>' +
          '<blockquote expandable>q</blockquote><tg-spoiler>t</tg-spoiler><span class="tg-spoiler">p</span>',
      ),
    ).toBe("bsieunskdlinkcxqtp");
    expect(parseTelegramHtml("&lt;&gt;&amp;&quot;&#1046;&#x416;")).toBe('<>&"ЖЖ');
  });

  it.each([
    ["a bare ampersand", "A & B"],
    ["an unknown entity", "&nbsp;"],
    ["a bare <", "1 < 2"],
    ["a bare >", "2 > 1"],
    ["an unsupported tag", "<div>x</div>"],
    ["a line break tag", "a<br>b"],
    ["an unclosed tag", "<b>x"],
    ["a stray closing tag", "x</b>"],
    ["crossed tags", "<b><i>x</b></i>"],
    ["a link without href", "<a>x</a>"],
    ["a javascript link", '<a href="javascript:alert(1)">x</a>'],
    ["a raw quote inside an attribute", '<a href="https://x.y/"q"">x</a>'],
    ["a bare & inside an attribute", '<a href="https://x.y/?a=1&b=2">x</a>'],
    ["an unknown attribute", '<b class="x">y</b>'],
    ["a span without the spoiler class", "<span>x</span>"],
    ["a tag inside code", "<code><b>x</b></code>"],
    ["nested links", '<a href="https://a.b"><a href="https://c.d">x</a></a>'],
  ])("rejects %s", (_, html) => {
    expect(isValidTelegramHtml(html)).toBe(false);
  });
});

describe("the harness's API call checks", () => {
  const send = (payload: Record<string, unknown>) => () => checkApiCall("sendMessage", { chat_id: 1, ...payload });

  it("accepts a plausible message", () => {
    expect(send({ text: "<b>ok</b>", parse_mode: "HTML", reply_markup: { inline_keyboard: [[{ text: "→", callback_data: "x".repeat(64) }]] } })).not.toThrow();
  });

  it("measures length after entity parsing", () => {
    expect(send({ text: `<b>${"&amp;".repeat(4096)}</b>`, parse_mode: "HTML" })).not.toThrow();
    expect(send({ text: "a".repeat(4097) })).toThrow(/4097 characters/);
  });

  it.each([
    ["empty text", { text: "  " }],
    ["broken HTML", { text: "a & b", parse_mode: "HTML" }],
    ["callback data over 64 bytes", { text: "x", reply_markup: { inline_keyboard: [[{ text: "→", callback_data: "ж".repeat(33) }]] } }],
    ["empty callback data", { text: "x", reply_markup: { inline_keyboard: [[{ text: "→", callback_data: "" }]] } }],
  ])("rejects %s", (_, payload) => {
    expect(send(payload)).toThrow(/would be rejected/);
  });

  it("checks command menus", () => {
    expect(() => checkApiCall("setMyCommands", { commands: [{ command: "Latest", description: "x" }] })).toThrow(/bad command name/);
    expect(() => checkApiCall("setMyCommands", { commands: [{ command: "latest", description: "" }] })).toThrow(/bad description/);
  });
});
