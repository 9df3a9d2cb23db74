import { connect } from "node:net";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { startHttpServer } from "../../src/server/http-server.js";

interface LogLine {
  level: number;
  msg: string;
}

describe("http server", () => {
  it("logs a client that hangs up mid-body at debug, not as a failure, and keeps serving", async () => {
    const logs: LogLine[] = [];
    const logger = pino({ level: "trace" }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
    let reads = 0;
    const server = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      logger,
      routes: {
        // Reads the body the way the webhook does, so a dropped body surfaces as the same error.
        webhook: {
          path: "/hook",
          handle: async (req, res) => {
            reads++;
            for await (const _ of req) void _;
            res.end("ok");
          },
        },
        readiness: async () => ({ ready: true }),
        metrics: async () => "",
      },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const socket = connect(server.port, "127.0.0.1", () => {
          socket.write("POST /hook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"update_id\":1,");
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 100);
        });
        socket.on("error", reject);
      });
      for (let i = 0; i < 100 && !logs.some((l) => l.msg.includes("client went away")); i++) await new Promise((r) => setTimeout(r, 20));
      expect(reads).toBe(1);
      expect(logs.filter((l) => l.msg.includes("client went away")).map((l) => l.level)).toEqual([20]);
      expect(logs.filter((l) => l.level >= 40)).toEqual([]);
      // The next request is served as usual.
      const next = await fetch(`http://127.0.0.1:${server.port}/hook`, { method: "POST", body: "{}" });
      expect(await next.text()).toBe("ok");
    } finally {
      await server.close();
    }
  });
});
