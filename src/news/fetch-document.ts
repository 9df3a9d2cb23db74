import { describeErrorCode } from "./network-words.js";
import { DocumentError } from "./types.js";

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  userAgent?: string;
  /** Extra request headers (conditional GET). */
  headers?: Record<string, string>;
  /** Cancels the exchange early (shutdown); the deadline still applies on its own. */
  signal?: AbortSignal;
}

export interface FetchedDocument {
  status: number;
  url: string;
  bytes: Uint8Array;
  contentType?: string;
  headers: Headers;
}

/** A non-2xx answer: keeps the status, and the server's Retry-After so backoff can respect it. */
export class HttpStatusError extends DocumentError {
  constructor(
    readonly status: number,
    statusText: string,
    readonly retryAfterMs?: number,
  ) {
    super(`HTTP ${status}${statusText ? ` ${statusText}` : ""}`);
    this.name = "HttpStatusError";
  }
}

/** Retry-After as delta-seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined;
  const ms = /^\d+$/.test(value.trim()) ? Number(value.trim()) * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
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
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  const signal = limits.signal ? AbortSignal.any([deadline, limits.signal]) : deadline;
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
        throw new HttpStatusError(response.status, response.statusText, retryAfterMs(response.headers.get("retry-after")));
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
    if (limits.signal?.aborted && !deadline.aborted) throw new DocumentError("cancelled");
    if (deadline.aborted) throw new DocumentError(`no complete answer within ${Math.round(limits.timeoutMs / 1000)} s`);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new DocumentError(cause?.code ? describeErrorCode(cause.code) : `network error: ${cause?.message ?? (error as Error).message}`);
  }
}
