import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpServer, type HttpServer } from "../../src/server/http-server.js";
import { createLogger } from "../../src/logger.js";

/**
 * The README's production setup: a reverse proxy on the same host passes requests to PORT. Every
 * request then comes from 127.0.0.1, so "loopback only" alone would give /metrics to anyone.
 */

const TOKEN = "metrics-token-0123456789";
const servers: HttpServer[] = [];
let proxy: Server;
let open: HttpServer;
let guarded: HttpServer;

/** A minimal same-host proxy, adding X-Forwarded-For the way nginx's usual configuration does. */
function startProxy(): Promise<Server> {
  const server = createServer((req, res) => {
    const target = Number(req.headers["x-target-port"]);
    const upstream = request(
      { host: "127.0.0.1", port: target, path: req.url, method: req.method, headers: { ...req.headers, "x-forwarded-for": "203.0.113.7" } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function start(metricsToken?: string): Promise<HttpServer> {
  const server = await startHttpServer({
    host: "127.0.0.1",
    port: 0,
    logger: createLogger("silent", { pretty: false }),
    routes: { readiness: async () => ({ ready: true }), metrics: async () => "vestnik_up 1\n", metricsToken },
  });
  servers.push(server);
  return server;
}

beforeAll(async () => {
  open = await start();
  guarded = await start(TOKEN);
  proxy = await startProxy();
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await new Promise((resolve) => proxy.close(resolve));
});

const viaProxy = (server: HttpServer, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}/metrics`, { headers: { "x-target-port": String(server.port), ...headers } });

describe("/metrics without METRICS_TOKEN", () => {
  it("answers a client on this machine", async () => {
    const res = await fetch(`http://127.0.0.1:${open.port}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("vestnik_up 1");
  });

  it("refuses the same request passed on by a reverse proxy on this machine", async () => {
    const res = await viaProxy(open);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain("vestnik_up");
  });

  it.each([
    ["forwarded", "for=203.0.113.7"],
    ["x-forwarded-for", "203.0.113.7"],
    ["x-real-ip", "203.0.113.7"],
    ["x-forwarded-host", "bot.example.com"],
  ])("refuses a request carrying %s", async (name, value) => {
    const res = await fetch(`http://127.0.0.1:${open.port}/metrics`, { headers: { [name]: value } });
    expect(res.status).toBe(403);
  });

  it("still answers /healthz through the proxy", async () => {
    const res = await fetch(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}/healthz`, { headers: { "x-target-port": String(open.port) } });
    expect(res.status).toBe(200);
  });
});

describe("/metrics with METRICS_TOKEN", () => {
  it("answers through the proxy with the bearer token, and not without", async () => {
    expect((await viaProxy(guarded)).status).toBe(401);
    const res = await viaProxy(guarded, { authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("vestnik_up 1");
  });
});
