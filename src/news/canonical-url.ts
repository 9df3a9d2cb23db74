/** Query parameters that only track the reader; they make one article look like many. */
const TRACKING_PARAMS = new Set([
  "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "ysclid", "igshid",
  "mc_cid", "mc_eid", "_openstat", "_hsenc", "_hsmi", "mkt_tok", "ref_src", "ref_url", "spm",
  "cmpid", "ncid", "sr_share", "at_medium", "at_campaign", "rss_source",
]);

const MAX_URL_LENGTH = 2000;

function isTracking(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith("utm_") || lower.startsWith("__") || TRACKING_PARAMS.has(lower);
}

/**
 * The form of an article link used as its identity: http(s) only, host lower-cased (URL does that),
 * default port, fragment and tracking parameters dropped. Relative links resolve against `base`.
 * Undefined for anything that is not a usable web link.
 */
export function canonicalUrl(raw: string | undefined, base?: string): string | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  let url: URL;
  try {
    url = base ? new URL(text, base) : new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  if (!url.hostname) return undefined;
  url.hash = "";
  url.username = "";
  url.password = "";
  for (const name of [...url.searchParams.keys()]) {
    if (isTracking(name)) url.searchParams.delete(name);
  }
  if (url.searchParams.size === 0) url.search = "";
  const result = url.toString();
  return result.length <= MAX_URL_LENGTH ? result : undefined;
}

export function isWebUrl(value: string): boolean {
  return value.startsWith("https://") || value.startsWith("http://");
}
