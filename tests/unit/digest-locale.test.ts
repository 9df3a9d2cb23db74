import { describe, expect, it } from "vitest";
import { localeOf } from "../../src/digest/deliver.js";
import { DEFAULT_LOCALE, localeForLanguageCode, readerLocale } from "../../src/shared/locale.js";

describe("the language of a reader", () => {
  it("is their choice, else their client's, else the one default", () => {
    expect(readerLocale({ chosen: "en", client: "ru" })).toBe("en");
    expect(readerLocale({ chosen: null, client: "kk" })).toBe("ru");
    expect(readerLocale({ chosen: "de", client: "pt-BR" })).toBe("en");
    expect(readerLocale({ chosen: null, client: null })).toBe(DEFAULT_LOCALE);
    expect(readerLocale({})).toBe(DEFAULT_LOCALE);
  });

  it("maps Telegram language codes: Russian readers by their client, everyone else English", () => {
    for (const code of ["ru", "ru-RU", "uk", "BE", "kk_KZ", "ky"]) expect(localeForLanguageCode(code)).toBe("ru");
    for (const code of ["en", "de", "", undefined]) expect(localeForLanguageCode(code)).toBe("en");
  });

  it("is the same for a digest as for a reply: stored choice, then stored client language", () => {
    expect(localeOf({ language: "en", clientLanguage: "ru" })).toBe("en");
    expect(localeOf({ language: null, clientLanguage: "ru" })).toBe("ru");
    expect(localeOf({ language: null, clientLanguage: null })).toBe(DEFAULT_LOCALE);
    expect(localeOf({ language: "de", clientLanguage: "xx" })).toBe("en");
  });
});
