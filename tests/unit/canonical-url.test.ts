import { describe, expect, it } from "vitest";
import { canonicalUrl } from "../../src/news/canonical-url.js";

describe("canonicalUrl", () => {
  it("drops tracking parameters and the fragment, keeps meaningful ones in order", () => {
    expect(
      canonicalUrl("https://News.Example.KG/politics/123?id=7&utm_source=rss&utm_medium=feed&page=2&fbclid=x#comments"),
    ).toBe("https://news.example.kg/politics/123?id=7&page=2");
  });

  it("removes an empty query and the default port, lower-cases only the host", () => {
    expect(canonicalUrl("HTTP://Example.COM:80/Path/Case?utm_campaign=a")).toBe("http://example.com/Path/Case");
  });

  it("resolves relative links against a base", () => {
    expect(canonicalUrl("/news/1", "https://site.example/feed.xml")).toBe("https://site.example/news/1");
  });

  it("refuses what is not a web link", () => {
    expect(canonicalUrl("javascript:alert(1)")).toBeUndefined();
    expect(canonicalUrl("mailto:editor@example.org")).toBeUndefined();
    expect(canonicalUrl("urn:uuid:1234")).toBeUndefined();
    expect(canonicalUrl("   ")).toBeUndefined();
    expect(canonicalUrl(undefined)).toBeUndefined();
    expect(canonicalUrl(`https://example.org/${"a".repeat(3000)}`)).toBeUndefined();
  });

  it("strips credentials", () => {
    expect(canonicalUrl("https://user:pw@example.org/a")).toBe("https://example.org/a");
  });

  it("keeps Cyrillic paths as percent-encoded, stable forms", () => {
    const once = canonicalUrl("https://пример.рф/новости?utm_term=x");
    expect(once).toBe("https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8");
    expect(canonicalUrl(once)).toBe(once);
  });
});
