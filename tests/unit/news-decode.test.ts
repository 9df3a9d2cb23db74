import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeBytes, looksLikeMojibake, repairMojibake } from "../../src/news/decode.js";

const bytes = (text: string, charset: string): Uint8Array => new Uint8Array(iconv.encode(text, charset));

/** Simulates the damage: UTF-8 bytes read as windows-1252 (C1 gaps kept as U+0080–U+009F). */
function mojibake(text: string): string {
  return [...Buffer.from(text, "utf8")]
    .map((byte) => {
      const decoded = iconv.decode(Buffer.from([byte]), "windows-1252");
      return decoded === "\ufffd" || decoded === "" ? String.fromCharCode(byte) : decoded;
    })
    .join("");
}

describe("decodeBytes", () => {
  it("reads windows-1251 from the XML declaration", () => {
    const xml = '<?xml version="1.0" encoding="windows-1251"?><rss><title>Новости дня</title></rss>';
    expect(decodeBytes(bytes(xml, "windows-1251"))).toContain("Новости дня");
  });

  it("reads koi8-r from the XML declaration", () => {
    const xml = "<?xml version='1.0' encoding='KOI8-R'?><t>Съешь же ещё этих булок</t>";
    expect(decodeBytes(bytes(xml, "koi8-r"))).toContain("Съешь же ещё этих булок");
  });

  it("lets the HTTP charset decide when the document declares nothing", () => {
    const raw = bytes("<rss><title>Погода</title></rss>", "windows-1251");
    expect(decodeBytes(raw, { contentType: 'application/rss+xml; charset="windows-1251"' })).toContain(
      "Погода",
    );
  });

  it("prefers the HTTP charset over the declaration", () => {
    const raw = bytes('<?xml version="1.0" encoding="windows-1251"?><t>Ёлка</t>', "koi8-r");
    expect(decodeBytes(raw, { contentType: "text/xml; charset=koi8-r" })).toContain("Ёлка");
  });

  it("trusts the declaration when a blanket utf-8 header is contradicted by the bytes", () => {
    const raw = bytes('<?xml version="1.0" encoding="windows-1251"?><t>Сводка</t>', "windows-1251");
    expect(decodeBytes(raw, { contentType: "text/xml; charset=utf-8" })).toContain("Сводка");
  });

  it("strips a UTF-8 BOM and lets it override a wrong declaration", () => {
    const body = Buffer.from('<?xml version="1.0" encoding="windows-1251"?><t>Минск</t>', "utf8");
    const text = decodeBytes(new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body])));
    expect(text.startsWith("<?xml")).toBe(true);
    expect(text).toContain("Минск");
  });

  it("decodes UTF-16 LE and BE by BOM", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode("<t>Привет</t>", "utf-16le")]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode("<t>Привет</t>", "utf-16be")]);
    expect(decodeBytes(new Uint8Array(le))).toBe("<t>Привет</t>");
    expect(decodeBytes(new Uint8Array(be))).toBe("<t>Привет</t>");
  });

  it("falls back to UTF-8 for an unknown charset instead of throwing", () => {
    const raw = new Uint8Array(Buffer.from('<?xml version="1.0" encoding="x-no-such"?><t>Да</t>'));
    expect(decodeBytes(raw)).toContain("<t>Да</t>");
  });

  it("guesses windows-1251 for undeclared bytes that are not UTF-8", () => {
    expect(decodeBytes(bytes("Курс рубля", "windows-1251"))).toBe("Курс рубля");
  });

  it("repairs a mojibake document while decoding", () => {
    const damaged = `<rss><title>${mojibake("В Москве объявлен «оранжевый» уровень опасности")}</title></rss>`;
    expect(decodeBytes(new Uint8Array(Buffer.from(damaged, "utf8")))).toBe(
      "<rss><title>В Москве объявлен «оранжевый» уровень опасности</title></rss>",
    );
  });
});

describe("repairMojibake", () => {
  it("repairs the classic damage, including bytes windows-1252 leaves undefined", () => {
    expect(repairMojibake("Ð’ ÐœÐ¾Ñ\u0081ÐºÐ²Ðµ")).toBe("В Москве");
  });

  it("keeps ASCII and repairs every run in mixed text", () => {
    const text = `${mojibake("Курс")} USD: 92.5 ${mojibake("рубля, Центробанк")}`;
    expect(repairMojibake(text)).toBe("Курс USD: 92.5 рубля, Центробанк");
  });

  it("leaves correct text alone", () => {
    for (const text of ["В Москве мороз", "Café Ñandú — São Paulo", "plain ascii", "Ð alone"]) {
      expect(looksLikeMojibake(text)).toBe(false);
      expect(repairMojibake(text)).toBe(text);
    }
  });
});
