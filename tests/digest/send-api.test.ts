import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { GrammyError, HttpError } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSendApi } from "../../src/digest/send-api.js";

/** A Bot API stand-in: what each chat id answers, and every request it got. */
const got: { url: string; body: Record<string, unknown> }[] = [];
const answers: Record<string, (res: ServerResponse) => void> = {
  "1": (res) => json(res, 200, { ok: true, result: { message_id: 77, chat: { id: 1 }, text: "x" } }),
  "2": (res) => json(res, 429, { ok: false, error_code: 429, description: "Too Many Requests: retry after 3", parameters: { retry_after: 3 } }),
  "3": (res) => json(res, 403, { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }),
  "4": (res) => {
    res.writeHead(502, { "content-type": "text/html" });
    res.end("<html>Bad Gateway</html>");
  },
  "5": () => undefined, // never answers
};

function json(res: ServerResponse, status: number, body: object) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

const server = createServer((req: IncomingMessage, res) => {
  let text = "";
  req.on("data", (d: Buffer) => (text += d.toString()));
  req.on("end", () => {
    const body = JSON.parse(text) as Record<string, unknown>;
    got.push({ url: req.url ?? "", body });
    answers[String(body["chat_id"])]?.(res);
  });
});
let root = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("createSendApi", () => {
  it("posts the message with the house defaults to the token's sendMessage and returns Telegram's message", async () => {
    const api = createSendApi("123:abc", { apiRoot: root });
    const message = await api.sendMessage(1, "<b>Digest</b>", { message_thread_id: 9, allow_paid_broadcast: true });
    expect(message.message_id).toBe(77);
    expect(got.at(-1)).toEqual({
      url: "/bot123:abc/sendMessage",
      body: {
        chat_id: 1,
        text: "<b>Digest</b>",
        message_thread_id: 9,
        allow_paid_broadcast: true,
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
      },
    });
    // What the caller set itself is kept.
    await api.sendMessage(1, "plain", { parse_mode: "MarkdownV2" });
    expect(got.at(-1)?.body["parse_mode"]).toBe("MarkdownV2");
  });

  it("turns Telegram's refusals into GrammyError with the code, description and retry_after", async () => {
    const api = createSendApi("123:abc", { apiRoot: root });
    const limited = await api.sendMessage(2, "x").catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(GrammyError);
    expect((limited as GrammyError).error_code).toBe(429);
    expect((limited as GrammyError).parameters.retry_after).toBe(3);
    const blocked = await api.sendMessage(3, "x").catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(GrammyError);
    expect((blocked as GrammyError).description).toMatch(/bot was blocked/);
  });

  it("turns an answer that is not the Bot API's, a lost connection and silence into HttpError", async () => {
    const api = createSendApi("123:abc", { apiRoot: root, timeoutSeconds: 0.3 });
    await expect(api.sendMessage(4, "x")).rejects.toBeInstanceOf(HttpError);
    await expect(api.sendMessage(5, "x")).rejects.toBeInstanceOf(HttpError);
    const gone = createSendApi("123:abc", { apiRoot: "http://127.0.0.1:1" });
    await expect(gone.sendMessage(1, "x")).rejects.toBeInstanceOf(HttpError);
  });

  it("refuses an API root with a trailing slash", () => {
    expect(() => createSendApi("123:abc", { apiRoot: `${root}/` })).toThrow(/must not end/);
  });
});
