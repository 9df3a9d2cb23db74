import type { AtomFeed, JsonFeed, RdfFeed, RssFeed } from "feedsmith";
import type { ItemExtensions } from "./feed-extensions.js";
import { buildItem, normalizeLang, oneLine, type RawItem } from "./item-text.js";
import { plainText } from "./html-to-text.js";
import type { ParsedDocument, ParsedItem } from "./types.js";

type RssItem = RssFeed.Item<string>;
type RdfItem = RdfFeed.Item<string>;

/** Maps feedsmith's RSS 2.0 or RSS 1.0 result, enriched with the second-pass extensions. */
export function fromRss(
  kind: "rss" | "rdf",
  feed: RssFeed.Feed<string> | RdfFeed.Feed<string>,
  extensions: ItemExtensions[],
): ParsedDocument {
  const language = "language" in feed ? feed.language : undefined;
  const lang = normalizeLang(language ?? feed.dc?.languages?.[0] ?? feed.xml?.lang);
  const items: (RssItem | RdfItem)[] = feed.items ?? [];
  const match = extensionMatcher(items, extensions);
  return {
    kind,
    ...documentHead(feed.title, feed.link, lang),
    items: items.map((item, index) => buildItem(rssRawItem(item, match(item, index)), lang)),
  };
}

function rssRawItem(item: RssItem | RdfItem, ext: ItemExtensions | undefined): RawItem {
  const rss: Partial<RssItem> = item;
  const guid = rss.guid?.value;
  const guidIsLink = rss.guid?.isPermaLink !== false && /^https?:\/\//i.test(guid ?? "");
  return {
    title: item.title ?? item.dc?.titles?.[0],
    url: item.link ?? (guidIsLink ? guid : undefined),
    guid,
    description: item.description ?? item.dc?.descriptions?.[0],
    fullTexts: [...(item.content?.encoded ? [item.content.encoded] : []), ...(ext?.fullTexts ?? [])],
    turbo: ext?.turbo,
    authors: [
      ...(rss.authors ?? []).map((person) => person.name ?? person.email ?? ""),
      ...(item.dc?.creators ?? []),
    ].slice(0, 1),
    lang: item.dc?.languages?.[0] ?? item.xml?.lang,
    dates: [rss.pubDate, ...(item.dc?.dates ?? [])],
    categories: [
      ...(rss.categories ?? []).map((category) => category.name),
      ...(item.dc?.subjects ?? []),
    ],
  };
}

/**
 * Pairs feedsmith items with second-pass items: by position when both passes saw the same
 * number of items, else by guid or link (feedsmith drops items it finds empty).
 */
function extensionMatcher(
  items: readonly (RssItem | RdfItem)[],
  extensions: ItemExtensions[],
): (item: RssItem | RdfItem, index: number) => ItemExtensions | undefined {
  if (extensions.length === 0) return () => undefined;
  if (items.length === extensions.length) return (_item, index) => extensions[index];
  const byKey = new Map<string, ItemExtensions>();
  for (const ext of extensions) {
    if (ext.guid) byKey.set(`g:${ext.guid}`, ext);
    if (ext.link) byKey.set(`l:${ext.link}`, ext);
  }
  return (item) => {
    const guid = (item as Partial<RssItem>).guid?.value;
    return (guid ? byKey.get(`g:${guid}`) : undefined) ?? (item.link ? byKey.get(`l:${item.link}`) : undefined);
  };
}

export function fromAtom(feed: AtomFeed.Feed<string>): ParsedDocument {
  const lang = normalizeLang(feed.xml?.lang ?? feed.dc?.languages?.[0]);
  const feedAuthors = (feed.authors ?? []).map((person) => person.name ?? "");
  const items = (feed.entries ?? []).map((entry): ParsedItem => {
    const content = entry.content?.src ? undefined : entry.content?.value;
    const contentIsText = entry.content?.type === "text";
    const summaryIsText = entry.summary?.type === undefined || entry.summary.type === "text";
    const authors = (entry.authors ?? []).map((person) => person.name ?? "");
    return buildItem(
      {
        title: atomText(entry.title),
        url: alternateLink(entry.links),
        guid: entry.id,
        description: summaryIsText ? escapeText(entry.summary?.value) : entry.summary?.value,
        fullTexts: content && !contentIsText ? [content] : [],
        plainFullTexts: content && contentIsText ? [content] : [],
        authors: (authors.length > 0 ? authors : feedAuthors).slice(0, 1),
        lang: entry.xml?.lang ?? entry.dc?.languages?.[0],
        dates: [entry.published, entry.updated, ...(entry.dc?.dates ?? [])],
        categories: (entry.categories ?? []).map((category) => category.label ?? category.term),
      },
      lang,
    );
  });
  return { kind: "atom", ...documentHead(atomText(feed.title), alternateLink(feed.links), lang), items };
}

function atomText(text: AtomFeed.Text | undefined): string | undefined {
  if (!text) return undefined;
  return text.type === "html" || text.type === "xhtml" ? text.value : escapeText(text.value);
}

/** Atom `type="text"` must not be read as HTML: `a <b> c` is literal. */
function escapeText(text: string | undefined): string | undefined {
  return text?.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}

function alternateLink(links: AtomFeed.Link<string>[] | undefined): string | undefined {
  if (!links || links.length === 0) return undefined;
  const alternate = links.find((link) => (link.rel ?? "alternate") === "alternate" && link.href);
  return (alternate ?? links[0])?.href;
}

export function fromJson(feed: JsonFeed.Feed<string>): ParsedDocument {
  const lang = normalizeLang(feed.language);
  const feedAuthors = (feed.authors ?? []).map((author) => author.name ?? "");
  const items = (feed.items ?? []).map((item): ParsedItem => {
    const authors = (item.authors ?? []).map((author) => author.name ?? "");
    return buildItem(
      {
        title: item.title,
        url: item.url ?? item.external_url,
        guid: item.id,
        description: item.summary,
        fullTexts: item.content_html ? [item.content_html] : [],
        plainFullTexts: item.content_text ? [item.content_text] : [],
        authors: (authors.length > 0 ? authors : feedAuthors).slice(0, 1),
        lang: item.language,
        dates: [item.date_published, item.date_modified],
        categories: item.tags ?? [],
      },
      lang,
    );
  });
  return { kind: "json", ...documentHead(feed.title, feed.home_page_url, lang), items };
}

function documentHead(
  title: string | undefined,
  siteUrl: string | undefined,
  lang: string | undefined,
): Omit<ParsedDocument, "kind" | "items"> {
  const head: Omit<ParsedDocument, "kind" | "items"> = {};
  const plainTitle = title ? oneLine(plainText(title)) : "";
  if (plainTitle) head.title = plainTitle;
  if (siteUrl?.trim()) head.siteUrl = siteUrl.trim();
  if (lang) head.lang = lang;
  return head;
}
