import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TOPIC_PAGE_SIZE } from "../../src/bot/features/topics.js";
import { renderSources } from "../../src/cli/sources.js";
import type { SourceWithCount } from "../../src/news/sources.js";
import { BUILTIN_TOPICS } from "../../src/topics/taxonomy.js";

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** The README's table row of a bot command. */
function commandRow(command: string): string {
  const row = README.split("\n").find((line) => line.startsWith(`| \`${command} `) || line.startsWith(`| \`${command}\``));
  if (!row) throw new Error(`README has no row for ${command}`);
  return row;
}

const NOW = new Date("2026-03-01T12:00:00Z");

function source(overrides: Partial<SourceWithCount>): SourceWithCount {
  return {
    id: 1,
    url: "https://example.org/feed.xml",
    title: "Example",
    siteUrl: null,
    kind: "feed",
    createdAt: NOW,
    enabled: true,
    pollIntervalMs: null,
    etag: null,
    lastModified: null,
    nextPollAt: null,
    lastPolledAt: null,
    lastOkAt: null,
    lastStatus: null,
    lastError: null,
    failures: 0,
    lockedUntil: null,
    region: null,
    articleCount: 0,
    ...overrides,
  };
}

describe("README agrees with the code", () => {
  it("gives /topic's real page size", () => {
    expect(commandRow("/topic")).toContain(`${TOPIC_PAGE_SIZE} per page`);
  });

  it("lists the built-in topics in their real order", () => {
    const paragraph = /The built-in taxonomy has (\d+) topics[^:]*:([^—]+)—/.exec(README);
    expect(paragraph).not.toBeNull();
    expect(Number(paragraph?.[1])).toBe(BUILTIN_TOPICS.length);
    const slugs = [...(paragraph?.[2] ?? "").matchAll(/`([a-z-]+)`/g)].map((m) => m[1]);
    expect(slugs).toEqual(BUILTIN_TOPICS.map((t) => t.slug));
  });

  it("shows the last HTTP status in the terminal table of `sources list`, as it says", () => {
    expect(README).toMatch(/`sources list`\*\*:[^.]*last HTTP status/);
    const rows = [
      source({ id: 1, lastStatus: 304, lastOkAt: new Date(NOW.getTime() - 60_000) }),
      source({ id: 2, url: "https://example.org/gone.xml", lastStatus: 404, failures: 2, lastError: "HTTP 404 Not Found" }),
      source({ id: 3, url: "https://example.org/new.xml" }),
    ];
    const [header, ...lines] = renderSources(rows, "table", 900_000, NOW).trimEnd().split("\n");
    expect(header).toMatch(/NEXT POLL\s+LAST STATUS\s+LAST ERROR\s+URL$/);
    const statusAt = header?.indexOf("LAST STATUS") ?? -1;
    expect(lines.map((line) => line.slice(statusAt).split(/\s+/)[0])).toEqual(["304", "404", "-"]);
  });
});
