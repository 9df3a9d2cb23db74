import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createGroupCommit } from "../../src/digest/group-commit.js";
import { createLeanFetch } from "../../src/digest/http-fetch.js";

describe("createGroupCommit", () => {
  it("writes items that arrive during a write together, and answers each caller", async () => {
    const batches: number[][] = [];
    const commit = createGroupCommit(async (items: number[]) => {
      batches.push(items);
      await new Promise((r) => setTimeout(r, 10));
      return items.map((n) => n * 10);
    });
    const first = [1, 2, 3].map(commit);
    await new Promise((r) => setTimeout(r, 2)); // the first write is under way
    const second = [4, 5].map(commit);
    expect(await Promise.all([...first, ...second])).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1, 2, 3], [4, 5]]);
  });

  it("fails only the item that fails, not the rest of its batch", async () => {
    const commit = createGroupCommit(async (items: number[]) => {
      if (items.includes(13)) throw new Error("unlucky");
      return items;
    });
    const results = await Promise.allSettled([12, 13, 14].map(commit));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });

  it("keeps batches within the maximum size", async () => {
    const sizes: number[] = [];
    const commit = createGroupCommit(async (items: number[]) => {
      sizes.push(items.length);
      return items;
    }, 4);
    await Promise.all(Array.from({ length: 10 }, (_, i) => commit(i)));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10);
  });
});

describe("createLeanFetch", () => {
  it("posts a JSON body and reads JSON back, and rejects on network errors", async () => {
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        res.writeHead(req.url === "/fail" ? 502 : 200, { "content-type": "application/json" });
        res.end(JSON.stringify({ method: req.method, type: req.headers["content-type"], got: JSON.parse(body || "null") }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const fetch = createLeanFetch();
    try {
      const res = await fetch(`http://127.0.0.1:${port}/x`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "«KMG & Partners»" }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ method: "POST", type: "application/json", got: { text: "«KMG & Partners»" } });
      expect((await fetch(`http://127.0.0.1:${port}/fail`, { method: "POST", body: "{}" })).status).toBe(502);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
    await expect(fetch(`http://127.0.0.1:${port}/gone`, { method: "POST", body: "{}" })).rejects.toThrow();
  });
});
