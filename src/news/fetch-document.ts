import { DocumentError } from "./types.js";

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  userAgent?: string;
  /** Extra request headers (conditional GET). */
  headers?: Record<string, string>;
}

export interface FetchedDocument {
  status: number;
  url: string;
  bytes: Uint8Array;
  contentType?: string;
  headers: Headers;
}

export const USER_AGENT = "Vestnik/0.1 (+https://github.com/vestnik-bot/vestnik; news feed reader)";

function checkScheme(url: URL): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new DocumentError(`only http(s) URLs can be fetched, not ${url.protocol.replace(":", "")}`);
  }
}

/** Reads a body but stops as soon as it passes `maxBytes`: memory stays bounded whatever is sent. */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new DocumentError(`body larger than the ${maxBytes}-byte limit (Content-Length ${declared})`);
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new DocumentError(`body larger than the ${maxBytes}-byte limit`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * GET with a deadline covering connect, headers and body, a redirect limit and a size cap.
 * Non-2xx answers other than 304 become DocumentError("HTTP 404 Not Found").
 */
export async function fetchDocument(input: string, limits: FetchLimits): Promise<FetchedDocument> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new DocumentError(`not a valid URL: ${input}`);
  }
  checkScheme(url);
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const maxRedirects = limits.maxRedirects ?? 5;
  try {
    for (let hop = 0; ; hop++) {
      const response = await fetch(url, {
        redirect: "manual",
        signal,
        headers: {
          "user-agent": limits.userAgent ?? USER_AGENT,
          accept: "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
          ...limits.headers,
        },
      });
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
        await response.body?.cancel().catch(() => {});
        if (hop >= maxRedirects) throw new DocumentError(`more than ${maxRedirects} redirects`);
        url = new URL(location, url);
        checkScheme(url);
        continue;
      }
      if (response.status === 304) {
        await response.body?.cancel().catch(() => {});
        return { status: 304, url: url.toString(), bytes: new Uint8Array(), headers: response.headers };
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
        throw new DocumentError(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
      }
      const bytes = await readCapped(response, limits.maxBytes);
      return {
        status: response.status,
        url: url.toString(),
        bytes,
        contentType: response.headers.get("content-type") ?? undefined,
        headers: response.headers,
      };
    }
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    if (signal.aborted) throw new DocumentError(`no complete answer within ${Math.round(limits.timeoutMs / 1000)} s`);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new DocumentError(`network error: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
}
