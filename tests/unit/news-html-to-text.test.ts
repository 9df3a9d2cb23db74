import { describe, expect, it } from "vitest";
import { cleanText, htmlToText, plainText } from "../../src/news/html-to-text.js";

describe("htmlToText", () => {
  it("turns blocks into lines and paragraphs and collapses whitespace", () => {
    const html = "<h2>Итоги</h2><p>Первый   абзац\n  текста.</p><p>Второй<br>строка два</p><ul><li>один</li><li>два</li></ul>";
    expect(htmlToText(html)).toBe("Итоги\n\nПервый абзац текста.\n\nВторой\nстрока два\n\nодин\nдва");
  });

  it("drops scripts, styles, media and their content", () => {
    const html =
      '<p>Текст</p><script>alert("x")</script><style>p{}</style><noscript>включите JS</noscript>' +
      '<iframe src="x">кадр</iframe><svg><text>svg</text></svg><img src="a.jpg" alt="фото"><template>t</template>';
    const text = htmlToText(html);
    expect(text).toBe("Текст");
  });

  it("keeps a figure caption but not the image", () => {
    expect(htmlToText('<figure><img src="a.jpg"><figcaption>Подпись</figcaption></figure><p>Текст</p>')).toBe(
      "Подпись\n\nТекст",
    );
  });

  it("removes FeedBurner feedflare blocks", () => {
    const html = '<p>Story text.</p><div class="feedflare"><a href="x"><img src="y"></a> Share</div><img src="t" width="1">';
    expect(htmlToText(html)).toBe("Story text.");
  });

  it("decodes entities exactly once", () => {
    expect(htmlToText("Tom &amp; Jerry &amp;quot;")).toBe("Tom & Jerry &quot;");
  });

  it("never allows more than one blank line", () => {
    expect(htmlToText("<p>a</p><p></p><p></p><br><br><br><p>b</p>")).toBe("a\n\nb");
  });
});

describe("plainText", () => {
  it("leaves plain text alone apart from tidying", () => {
    expect(plainText("  Just text\n\n\n\nnext  ")).toBe("Just text\n\nnext");
  });

  it("resolves double-escaped entities from Russian feeds", () => {
    const text = plainText("&amp;laquo;Цитата&amp;raquo;&amp;nbsp;&amp;#40;ТАСС&amp;#41; &amp;quot;ок&amp;quot; &amp;#x41;");
    expect(text).toBe("«Цитата» (ТАСС) \"ок\" A");
  });

  it("does not turn an escaped tag into markup on the second pass", () => {
    const text = plainText("Код &amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt; в тексте");
    expect(text).toBe("Код <script>alert(1)</script> в тексте");
  });

  it("strips real markup and HTML in titles", () => {
    expect(plainText("<div>Заголовок</div>")).toBe("Заголовок");
    expect(plainText('<img src="x" onerror="alert(1)">Текст<script>evil()</script>')).toBe("Текст");
  });
});

describe("cleanText", () => {
  it("removes control and zero-width characters and turns NBSP into a space", () => {
    expect(cleanText("a\u0000b\u0007c\u200bd\u00a0e\u0085f\tg\nh\u00ad")).toBe("abcd ef g\nh");
    expect(cleanText("👩\u200d💻")).toBe("👩\u200d💻");
  });
});
