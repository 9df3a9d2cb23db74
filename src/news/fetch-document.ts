import { resolvePublicHost, UNREACHABLE_TEXT, type AddressRules } from "./address-guard.js";
import { httpGet, type HttpAnswer } from "./http-get.js";
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
  /** ALLOW_PRIVATE_FEEDS: also fetch from loopback, private and link-local addresses (intranet feeds, tests). */
  allowPrivate?: boolean;
  addressRules?: AddressRules;
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
async function readCapped(response: HttpAnswer, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.body.destroy();
    throw new DocumentError(`body larger than the ${maxBytes}-byte limit (Content-Length ${declared})`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      response.body.destroy();
      throw new DocumentError(`body larger than the ${maxBytes}-byte limit`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * GET with a deadline covering connect, headers and body, a redirect limit and a size cap.
 * Non-2xx answers other than 304 become DocumentError("HTTP 404 Not Found"). Every hop's host is
 * resolved and checked (see address-guard) before connecting, unless `allowPrivate`.
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
      const addresses = await resolvePublicHost(url.hostname, { ...limits.addressRules, allowPrivate: limits.allowPrivate ?? false });
      const response = await httpGet(url, {
        addresses,
        signal,
        headers: {
          "user-agent": limits.userAgent ?? USER_AGENT,
          accept: "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
          ...limits.headers,
        },
      });
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
        response.body.destroy();
        if (hop >= maxRedirects) throw new DocumentError(`more than ${maxRedirects} redirects`);
        url = new URL(location, url);
        checkScheme(url);
        continue;
      }
      if (response.status === 304) {
        response.body.destroy();
        return { status: 304, url: url.toString(), bytes: new Uint8Array(), headers: response.headers };
      }
      if (response.status < 200 || response.status > 299) {
        response.body.destroy();
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
    // Connection refused, reset, no such host: the same text as a refused address, so errors cannot
    // map a network. An operator who allowed private feeds trusts the network and gets the cause.
    const code = (error as { cause?: { code?: unknown }; code?: unknown }).cause?.code ?? (error as { code?: unknown }).code;
    if (limits.allowPrivate && typeof code === "string") throw new DocumentError(describeErrorCode(code));
    throw new DocumentError(UNREACHABLE_TEXT);
  }
}
