import { describe, expect, it } from "vitest";
import { discoverFeedLinks, looksLikeHtml } from "../../src/news/feed-discovery.js";

const PAGE = "https://news.example.org/section/index.html";

describe("discoverFeedLinks", () => {
  it("finds RSS, Atom and JSON Feed links in page order, resolved against the page", () => {
    const html = `<!doctype html><html><head>
      <link rel="stylesheet" href="/style.css">
      <link rel="alternate" type="application/rss+xml" title="Все новости" href="/rss/all.xml">
      <LINK REL="Alternate" TYPE="application/atom+xml" HREF="atom.xml">
      <link rel="alternate" type="application/feed+json" href="https://cdn.example.org/feed.json">
      <link rel="alternate" type="application/rss+xml" href="/rss/all.xml">
      <link rel="alternate" hreflang="en" href="/en/">
    </head><body></body></html>`;
    expect(discoverFeedLinks(html, PAGE)).toEqual([
      "https://news.example.org/rss/all.xml",
      "https://news.example.org/section/atom.xml",
      "https://cdn.example.org/feed.json",
    ]);
  });

  it("honours <base>, decodes entities in href and skips non-http links", () => {
    const html = `<html><head><base href="https://mirror.example.net/root/">
      <link rel="alternate" type="application/rss+xml" href="feed?a=1&amp;b=2">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      <link rel="alternate" type="application/rss+xml" href="ftp://example.org/feed">
      </head></html>`;
    expect(discoverFeedLinks(html, PAGE)).toEqual(["https://mirror.example.net/root/feed?a=1&b=2"]);
  });

  it("takes application/json only when its title says it is a feed", () => {
    const html = `<head><link rel="alternate" type="application/json" href="/wp-json/">
      <link rel="alternate" type="application/json" title="JSON Feed" href="/feed.json"></head>`;
    expect(discoverFeedLinks(html, PAGE)).toEqual(["https://news.example.org/feed.json"]);
  });

  it("finds nothing on a page that announces no feed", () => {
    expect(discoverFeedLinks("<html><head><title>x</title></head><body><p>hi</p></body></html>", PAGE)).toEqual([]);
  });

  it("accepts a link a CMS put early in <body>, but reads no further than the first 512 KB", () => {
    const link = `<link rel="alternate" type="application/rss+xml" href="/late.xml">`;
    expect(discoverFeedLinks(`<html><body><p>text</p>${link}</body></html>`, PAGE)).toEqual(["https://news.example.org/late.xml"]);
    expect(discoverFeedLinks(`<html><body>${"<p>filler</p>".repeat(50_000)}${link}</body></html>`, PAGE)).toEqual([]);
  });
});

describe("looksLikeHtml", () => {
  it("tells pages from feeds", () => {
    expect(looksLikeHtml("<!DOCTYPE html><html>")).toBe(true);
    expect(looksLikeHtml("\uFEFF  <!-- generator --><html lang=ru>")).toBe(true);
    expect(looksLikeHtml("<rss></rss>", "text/html; charset=utf-8")).toBe(true);
    expect(looksLikeHtml(`<?xml version="1.0"?><rss version="2.0"></rss>`, "application/rss+xml")).toBe(false);
  });
});
