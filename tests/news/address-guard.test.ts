import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfig } from "../../src/config.js";
import { createRepositories } from "../../src/db/repositories/index.js";
import { isPublicAddress, UNREACHABLE_TEXT, type AddressRules } from "../../src/news/address-guard.js";
import { fetchDocument } from "../../src/news/fetch-document.js";
import { createIngestor } from "../../src/news/ingest.js";
import { createSourceService, SourceError } from "../../src/news/sources.js";
import { feed, html, redirect, rss, startFeedServer, type FeedServer } from "../helpers/feed-server.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";
import { addFeed, NO_TOPICS, pollerFor, SETTINGS } from "./poll-helpers.js";

/**
 * The inside server listens on 127.0.0.1. An "outside" site listens on 127.0.0.2 and these rules
 * count that one address as public, so redirects and announced links from a public site to the
 * inside can be tried without any real network.
 */
const OUTSIDE = "127.0.0.2";
const rules: AddressRules = { allows: (address) => address === OUTSIDE || isPublicAddress(address) };
const LIMITS = { timeoutMs: 3_000, maxBytes: 256 * 1024, addressRules: rules };
const FEED = rss({ title: "Inside", items: [{ title: "secret", link: "https://example.org/inside/1" }] });

let inside: FeedServer;
let outside: FeedServer;
let database: TestDatabase;

beforeAll(async () => {
  inside = await startFeedServer();
  outside = await startFeedServer({ host: OUTSIDE });
  inside.route("/feed.xml", feed(() => FEED));
  outside.route("/feed.xml", feed(() => rss({ title: "Outside", items: [{ title: "public", link: "https://example.org/out/1" }] })));
  database = await createTestDatabase();
});

afterAll(async () => {
  await inside.close();
  await outside.close();
  await database.close();
});

const port = () => new URL(inside.url).port;

async function refusal(promise: Promise<unknown>): Promise<Error & { reason?: string; detail?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a refusal");
}

describe("which addresses count as public", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.1.2.3", "RFC 1918"],
    ["172.16.0.1", "RFC 1918"],
    ["172.31.255.255", "RFC 1918"],
    ["192.168.1.1", "RFC 1918"],
    ["169.254.169.254", "link-local, cloud metadata"],
    ["100.64.0.1", "CGNAT"],
    ["100.127.255.254", "CGNAT"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["::", "unspecified v6"],
    ["::1", "loopback v6"],
    ["fe80::1", "link-local v6"],
    ["febf:ffff::1", "link-local v6, top of the range"],
    ["fc00::1", "ULA"],
    ["fd12:3456::1", "ULA"],
    ["ff02::1", "multicast v6"],
    ["::ffff:127.0.0.1", "IPv4-mapped loopback"],
    ["::ffff:7f00:1", "IPv4-mapped loopback, hex"],
    ["::ffff:10.0.0.1", "IPv4-mapped private"],
    ["::ffff:169.254.169.254", "IPv4-mapped metadata"],
    ["64:ff9b::a9fe:a9fe", "NAT64 of the metadata address"],
  ])("%s (%s) is refused", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "169.255.0.1", "2a00:1450:4010:c05::65", "::ffff:93.184.216.34"])(
    "%s is public",
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  it("reads what the URL parser makes of odd IPv4 spellings as loopback", () => {
    for (const odd of ["2130706433", "0x7f.1", "0177.0.0.1", "0x7f000001", "127.1"]) {
      expect(new URL(`http://${odd}:8080/feed.xml`).hostname).toBe("127.0.0.1");
    }
    expect(new URL("http://[::ffff:127.0.0.1]/").hostname).toBe("[::ffff:7f00:1]");
  });
});

describe("fetching refuses inside addresses on every hop", () => {
  it.each([
    ["127.0.0.1", () => `http://127.0.0.1:${port()}/feed.xml`],
    ["a decimal address", () => `http://2130706433:${port()}/feed.xml`],
    ["a hex address", () => `http://0x7f.1:${port()}/feed.xml`],
    ["an octal address", () => `http://0177.0.0.1:${port()}/feed.xml`],
    ["0.0.0.0", () => `http://0.0.0.0:${port()}/feed.xml`],
    ["localhost", () => `http://localhost:${port()}/feed.xml`],
    ["IPv6 loopback", () => `http://[::1]:${port()}/feed.xml`],
    ["IPv4-mapped loopback", () => `http://[::ffff:127.0.0.1]:${port()}/feed.xml`],
    ["the metadata address", () => "http://169.254.169.254/latest/meta-data/"],
  ])("%s: the neutral text, and no request reaches the server", async (_name, url) => {
    const before = inside.requests.length;
    const error = await refusal(fetchDocument(url(), LIMITS));
    expect(error.message).toBe(UNREACHABLE_TEXT);
    expect(inside.requests.length).toBe(before);
  });

  it("fetches the same inside URL when private feeds are allowed", async () => {
    const fetched = await fetchDocument(`http://2130706433:${port()}/feed.xml`, { ...LIMITS, allowPrivate: true });
    expect(Buffer.from(fetched.bytes).toString()).toContain("secret");
  });

  it("refuses a public site's redirect to 127.0.0.1", async () => {
    outside.route("/moved.xml", redirect(inside.at("/feed.xml")));
    const before = inside.requests.length;
    const error = await refusal(fetchDocument(outside.at("/moved.xml"), LIMITS));
    expect(error.message).toBe(UNREACHABLE_TEXT);
    expect(outside.requestsTo("/moved.xml")).toHaveLength(1);
    expect(inside.requests.length).toBe(before);
  });

  it("connects to the address it checked and still sends the host's name", async () => {
    const resolveOnce = async (host: string) => {
      if (host !== "news.example") throw new Error(`unexpected lookup of ${host}`);
      return [{ address: OUTSIDE, family: 4 as const }];
    };
    const outsidePort = new URL(outside.url).port;
    const fetched = await fetchDocument(`http://news.example:${outsidePort}/feed.xml`, { ...LIMITS, addressRules: { ...rules, resolve: resolveOnce } });
    expect(Buffer.from(fetched.bytes).toString()).toContain("public");
    expect(outside.requestsTo("/feed.xml").at(-1)?.headers.host).toBe(`news.example:${outsidePort}`);
  });

  it("refuses a name with any inside address among its answers", async () => {
    const mixed = async () => [
      { address: OUTSIDE, family: 4 as const },
      { address: "10.0.0.5", family: 4 as const },
    ];
    const error = await refusal(fetchDocument("http://mixed.example/feed.xml", { ...LIMITS, addressRules: { ...rules, resolve: mixed } }));
    expect(error.message).toBe(UNREACHABLE_TEXT);
  });

  it("says the same for a closed port on a public address and for an unknown host", async () => {
    const closed = await refusal(fetchDocument(`http://${OUTSIDE}:1/feed.xml`, LIMITS));
    expect(closed.message).toBe(UNREACHABLE_TEXT);
    const unknown = await refusal(fetchDocument("http://no-such-host.invalid/feed.xml", LIMITS));
    expect(unknown.message).toBe(UNREACHABLE_TEXT);
  });
});

describe("sources and polling", () => {
  const guarded = { ...SETTINGS, allowPrivateFeeds: false, addressRules: rules };

  it("adding refuses an inside feed and a page whose feed link points to localhost", async () => {
    const repos = createRepositories(database.db);
    const service = createSourceService({ repos, ingestor: createIngestor({ repos, tagger: NO_TOPICS }), settings: guarded });
    outside.route(
      "/home.html",
      html(`<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="http://localhost:${port()}/feed.xml"></head></html>`),
    );
    const before = inside.requestsTo("/feed.xml").length;
    for (const url of [inside.at("/feed.xml"), outside.at("/home.html")]) {
      const error = await refusal(service.add(url));
      expect(error).toBeInstanceOf(SourceError);
      expect((error as SourceError).code).toBe("unreachable");
      expect(error.message).toContain(UNREACHABLE_TEXT);
    }
    expect(inside.requestsTo("/feed.xml")).toHaveLength(before);
    expect(await service.list()).toHaveLength(0);
  });

  it("every poll checks again: a stored inside source fails without a request", async () => {
    const { repos, poller } = pollerFor(database.db, { settings: guarded });
    const source = await addFeed(repos, inside.at("/feed.xml"));
    const before = inside.requestsTo("/feed.xml").length;
    const outcomes = await poller.pollDue();
    const mine = outcomes.find((o) => o.sourceId === source.id);
    expect(mine).toMatchObject({ result: "failed", error: UNREACHABLE_TEXT });
    expect(inside.requestsTo("/feed.xml")).toHaveLength(before);
  });
});

describe("ALLOW_PRIVATE_FEEDS", () => {
  it("is off unless set to true, and reaches the poll settings", () => {
    expect(createConfig({}).ALLOW_PRIVATE_FEEDS).toBe(false);
    expect(createConfig({ ALLOW_PRIVATE_FEEDS: "true" }).ALLOW_PRIVATE_FEEDS).toBe(true);
    expect(() => createConfig({ ALLOW_PRIVATE_FEEDS: "maybe" })).toThrow(/ALLOW_PRIVATE_FEEDS/);
  });
});
