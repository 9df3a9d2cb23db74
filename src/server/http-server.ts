import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Readiness } from "../db/repositories/operations.js";
import type { Logger } from "../logger.js";

export interface HttpRoutes {
  /** POST requests whose path ends with `path` go to `handle` (a proxy may mount us under a prefix). */
  webhook?: { path: string; handle(req: IncomingMessage, res: ServerResponse): Promise<void> };
  readiness(): Promise<Readiness>;
  metrics(): Promise<string>;
  /** Bearer token for /metrics; without one only loopback clients that no proxy forwarded may read it. */
  metricsToken?: string;
}

export interface HttpServer {
  readonly port: number;
  /** Stops accepting connections and waits (bounded) for the open ones to finish. */
  close(): Promise<void>;
}

/** Equal-time comparison of secrets of any length: both are hashed to the same size first. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(text.endsWith("\n") ? text : `${text}\n`);
}

function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}

/** Headers a reverse proxy adds: behind one on the same host every client looks like loopback. */
const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-real-ip"];

function isForwarded(req: IncomingMessage): boolean {
  return FORWARDING_HEADERS.some((name) => req.headers[name] !== undefined);
}

function metricsAllowed(req: IncomingMessage, token: string | undefined): boolean {
  if (token === undefined) return isLoopback(req.socket.remoteAddress) && !isForwarded(req);
  const header = req.headers.authorization;
  const given = header?.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() : undefined;
  return sameSecret(given, token);
}

async function route(routes: HttpRoutes, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? "/", "http://vestnik.invalid").pathname;
  const method = req.method ?? "GET";
  if (routes.webhook && path.endsWith(routes.webhook.path)) {
    if (method !== "POST") return sendText(res, 405, "method not allowed", { allow: "POST" });
    return routes.webhook.handle(req, res);
  }
  req.resume();
  if (!["/healthz", "/readyz", "/metrics"].includes(path)) return sendText(res, 404, "not found");
  if (method !== "GET" && method !== "HEAD") return sendText(res, 405, "method not allowed", { allow: "GET" });
  switch (path) {
    case "/healthz":
      return sendText(res, 200, "ok");
    case "/readyz": {
      const readiness = await routes.readiness();
      return readiness.ready ? sendText(res, 200, "ready") : sendText(res, 503, `not ready: ${readiness.reason}`);
    }
    case "/metrics":
      if (!metricsAllowed(req, routes.metricsToken)) {
        return routes.metricsToken === undefined
          ? sendText(res, 403, "forbidden: set METRICS_TOKEN to read metrics from another host or through a proxy")
          : sendText(res, 401, "unauthorized", { "www-authenticate": "Bearer" });
      }
      return sendText(res, 200, await routes.metrics(), { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
    default:
      return sendText(res, 404, "not found");
  }
}

/** Node's error for a request body cut short by the client: "aborted", ECONNRESET, on a destroyed request. */
function clientWentAway(req: IncomingMessage, error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return req.destroyed && (code === "ECONNRESET" || (error instanceof Error && error.message === "aborted"));
}

/** One plain node:http server for the webhook, health checks and metrics. */
export async function startHttpServer(opts: { host: string; port: number; routes: HttpRoutes; logger: Logger }): Promise<HttpServer> {
  const { logger } = opts;
  const server = createServer((req, res) => {
    route(opts.routes, req, res).catch((error: unknown) => {
      if (clientWentAway(req, error)) {
        // A client that hangs up mid-body (a proxy's timeout, a dropped connection) is routine:
        // there is nobody to answer, and Telegram sends an update again until it gets its 200.
        logger.debug({ url: req.url }, "http: client went away before the request was read");
        return;
      }
      logger.error({ err: error, url: req.url }, "http: request failed");
      sendText(res, 500, "internal error");
    });
  });
  // Telegram and load balancers keep connections open; slow clients must not hold a socket forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  logger.info({ host: opts.host, port }, "http server listening");

  let closing: Promise<void> | undefined;
  return {
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Keep-alive connections mid-request get a moment to finish, then go.
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      });
      return closing;
    },
  };
}
