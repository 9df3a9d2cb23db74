import { describe, expect, it } from "vitest";
import { localeOf } from "../../src/digest/deliver.js";

describe("the language of a digest", () => {
  it("is the reader's choice, else their client's, else the fallback", () => {
    expect(localeOf({ language: "en", clientLanguage: "ru" }, "ru")).toBe("en");
    expect(localeOf({ language: null, clientLanguage: "en" }, "ru")).toBe("en");
    expect(localeOf({ language: null, clientLanguage: null }, "ru")).toBe("ru");
    expect(localeOf({ language: "de", clientLanguage: "xx" }, "en")).toBe("en");
  });
});
