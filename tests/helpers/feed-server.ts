import { createHash } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";

/**
 * A local HTTP server for feeds over real sockets, including the hostile kinds: bodies of any
 * size generated while streaming, servers that never answer, redirect loops, entity bombs.
 */

export interface FeedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** What the server answered (0 while it has not, or never will). */
  status: number;
  at: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse, served: Served) => void | Promise<void>;

interface Served {
  /** Counts body bytes written, for asserting that a client stopped reading early. */
  sent(bytes: number): void;
}

export interface FeedServer {
  readonly url: string;
  /** `url` + path. */
  at(path: string): string;
  route(path: string, handler: Handler): void;
  readonly requests: readonly FeedRequest[];
  requestsTo(path: string): FeedRequest[];
  /** Body bytes written for a path, over all requests. */
  bytesSent(path: string): number;
  /** Most requests to one path that were open at the same time. */
  maxConcurrent(path: string): number;
  /** Requests to the path that are still open (the client has not gone away). */
  openRequests(path: string): number;
  waitForRequests(path: string, count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** `host` is 127.0.0.1 unless given (another loopback address plays a second site). */
export async function startFeedServer(opts: { host?: string } = {}): Promise<FeedServer> {
  const host = opts.host ?? "127.0.0.1";
  const routes = new Map<string, Handler>();
  const requests: FeedRequest[] = [];
  const bytes = new Map<string, number>();
  const open = new Map<string, number>();
  const peak = new Map<string, number>();
  const sockets = new Set<Socket>();
  let waiters: (() => void)[] = [];

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://feeds.invalid").pathname;
    const record: FeedRequest = { path, headers: req.headers, status: 0, at: Date.now() };
    requests.push(record);
    open.set(path, (open.get(path) ?? 0) + 1);
    peak.set(path, Math.max(peak.get(path) ?? 0, open.get(path) ?? 0));
    let closed = false;
    const done = () => {
      if (closed) return;
      closed = true;
      open.set(path, (open.get(path) ?? 1) - 1);
    };
    res.on("close", done);
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
    res.writeHead = ((...args: unknown[]) => {
      record.status = Number(args[0]);
      return writeHead(...args);
    });
    const served: Served = { sent: (n) => bytes.set(path, (bytes.get(path) ?? 0) + n) };
    const handler = routes.get(path);
    for (const wake of waiters.splice(0)) wake();
    if (!handler) {
      res.writeHead(404, { "content-type": "text/plain" }).end("no such feed");
      return;
    }
    Promise.resolve(handler(req, res, served)).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
      else res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;

  return {
    url,
    at: (path) => `${url}${path}`,
    route: (path, handler) => void routes.set(path, handler),
    get requests() {
      return requests;
    },
    requestsTo: (path) => requests.filter((r) => r.path === path),
    bytesSent: (path) => bytes.get(path) ?? 0,
    maxConcurrent: (path) => peak.get(path) ?? 0,
    openRequests: (path) => open.get(path) ?? 0,
    async waitForRequests(path, count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.filter((r) => r.path === path).length < count) {
        if (Date.now() > deadline) throw new Error(`feed server: ${path} got fewer than ${count} requests within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 100);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close() {
      waiters = [];
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---- handlers ----

export interface FeedOptions {
  contentType?: string;
  /** Answer If-None-Match with 304 (a strong ETag from the body's hash). Default true. */
  etag?: boolean;
  lastModified?: string;
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
}

/** Serves `body()` (read on every request, so a test can change the feed) with conditional GET. */
export function feed(body: () => string | Uint8Array, opts: FeedOptions = {}): Handler {
  return async (req, res, served) => {
    if (opts.delayMs) await new Promise((resolve) => setTimeout(resolve, opts.delayMs));
    const content = body();
    const buffer = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
    const etag = `"${createHash("sha1").update(buffer).digest("hex").slice(0, 16)}"`;
    const headers: Record<string, string> = {
      "content-type": opts.contentType ?? "application/rss+xml; charset=utf-8",
      ...(opts.etag === false ? {} : { etag }),
      ...(opts.lastModified ? { "last-modified": opts.lastModified } : {}),
      ...opts.headers,
    };
    const matches = opts.etag !== false && req.headers["if-none-match"] === etag;
    const unchanged = opts.etag === false && opts.lastModified !== undefined && req.headers["if-modified-since"] === opts.lastModified;
    if (matches || unchanged) {
      res.writeHead(304, headers).end();
      return;
    }
    served.sent(buffer.length);
    res.writeHead(200, { ...headers, "content-length": String(buffer.length) }).end(buffer);
  };
}

export function status(code: number, headers: Record<string, string> = {}): Handler {
  return (_req, res) => void res.writeHead(code, { "content-type": "text/plain", ...headers }).end(`status ${code}`);
}

export function redirect(to: string, code = 302): Handler {
  return (_req, res) => void res.writeHead(code, { location: to }).end();
}

/** Accepts the request and never answers. */
export function hang(): Handler {
  return () => {};
}

/**
 * `totalBytes` of a feed-looking document generated while streaming, honouring backpressure, so
 * the server never holds more than a chunk; `declareLength` sends an honest Content-Length.
 */
export function huge(totalBytes: number, opts: { declareLength?: boolean } = {}): Handler {
  return (_req, res, served) => {
    res.writeHead(200, {
      "content-type": "application/rss+xml",
      ...(opts.declareLength ? { "content-length": String(totalBytes) } : {}),
    });
    const chunk = Buffer.from(`<item><title>${"x".repeat(1000)}</title></item>\n`.repeat(64));
    let left = totalBytes;
    res.write("<?xml version='1.0'?><rss><channel><title>big</title>\n");
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= piece.length;
        served.sent(piece.length);
        if (!res.write(piece)) return void res.once("drain", pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  };
}

/** A small gzip body that inflates to `inflatedBytes` of feed-looking text. */
export function gzipBomb(inflatedBytes: number): Handler {
  const body = gzipSync(Buffer.concat([Buffer.from("<?xml version='1.0'?><rss><channel><title>"), Buffer.alloc(inflatedBytes, "a")]));
  return (_req, res, served) => {
    served.sent(body.length);
    res.writeHead(200, { "content-type": "application/rss+xml", "content-encoding": "gzip", "content-length": String(body.length) }).end(body);
  };
}

export function html(page: string): Handler {
  return (_req, res) => void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
}

// ---- documents ----

export interface FeedItem {
  title: string;
  link: string;
  description?: string;
  pubDate?: Date;
}

/** An RSS 2.0 document; `encoding` goes into the XML declaration (the text itself stays a JS string). */
export function rss(opts: { title: string; link?: string; items: FeedItem[]; ttlMinutes?: number; encoding?: string }): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const items = opts.items.map(
    (item) =>
      `<item><title>${esc(item.title)}</title><link>${esc(item.link)}</link>` +
      `<description>${esc(item.description ?? item.title)}</description>` +
      `<pubDate>${(item.pubDate ?? new Date("2025-06-10T12:00:00Z")).toUTCString()}</pubDate></item>`,
  );
  return (
    `<?xml version="1.0" encoding="${opts.encoding ?? "UTF-8"}"?>\n<rss version="2.0"><channel>` +
    `<title>${esc(opts.title)}</title><link>${esc(opts.link ?? "https://example.org/")}</link>` +
    (opts.ttlMinutes !== undefined ? `<ttl>${opts.ttlMinutes}</ttl>` : "") +
    `${items.join("\n")}</channel></rss>\n`
  );
}

/** The document's text in a legacy charset. */
export function encode(text: string, charset: string): Uint8Array {
  return iconv.encode(text, charset);
}

/** "Billion laughs": ten levels of entities, each ten times the one below. */
export const ENTITY_BOMB = [
  `<?xml version="1.0"?>`,
  `<!DOCTYPE rss [`,
  `<!ENTITY lol0 "lol">`,
  ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`),
  `]>`,
  `<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><link>https://example.org/a</link></item></channel></rss>`,
].join("\n");

export const EXTERNAL_ENTITY = [
  `<?xml version="1.0"?>`,
  `<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>`,
  `<rss version="2.0"><channel><title>x</title><item><title>&secret;</title><link>https://example.org/b</link></item></channel></rss>`,
].join("\n");
