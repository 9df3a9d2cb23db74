/**
 * The HTTP front: a local Bot API server over an emulator, for end-to-end tests that run the bot
 * (or the CLI) against real HTTP through TELEGRAM_API_ROOT.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError, badRequest, type Params } from "./errors.js";
import type { CallOutcome, Emulator } from "./emulator.js";

export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpFront {
  /** The API root, e.g. http://127.0.0.1:PORT (requests go to /bot<token>/<method>). */
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `emulator` on 127.0.0.1 at a free port; only requests with `token` are answered. */
export async function startHttpFront(emulator: Emulator, token: string): Promise<HttpFront> {
  function answer(res: ServerResponse, method: string, payload: Params, outcome: CallOutcome, recorded: boolean): void {
    // A poll whose client already left got no answer, so it is not a call worth asserting on.
    if (method && !recorded && !(method === "getUpdates" && res.destroyed)) emulator.record(method, payload, outcome);
    sendJson(res, outcome.kind === "ok" ? 200 : outcome.error.code, outcome.kind === "ok" ? { ok: true, result: outcome.result } : errorBody(outcome.error));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const route = /^\/bot([^/]*)\/([A-Za-z]+)\/?$/.exec(url.pathname);
    if (!route) {
      req.resume();
      return answer(res, "", {}, { kind: "error", error: new ApiError(404, "Not Found") }, false);
    }
    const requested = route[2] ?? "";
    const method = emulator.methodName(requested) ?? requested;
    let payload: Params = {};
    try {
      if (route[1] !== token || emulator.methodName(requested) === undefined) {
        req.resume();
        throw route[1] !== token ? new ApiError(401, "Unauthorized") : new ApiError(404, "Not Found");
      }
      payload = await readParams(req, url);
      if (method === "getUpdates") {
        const fault = emulator.takeFault(method);
        if (fault) throw fault;
        return await longPoll(res, payload);
      }
      answer(res, method, payload, emulator.call(method, payload), true);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      answer(res, method, payload, { kind: "error", error }, false);
    }
  }

  async function longPoll(res: ServerResponse, payload: Params): Promise<void> {
    if (emulator.world.webhook) {
      throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    const gone = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) gone.abort();
    });
    const result = await emulator.updates.poll(payload, gone.signal);
    // A poll the client abandoned is not answered, and not recorded either.
    if (result !== undefined) answer(res, "getUpdates", payload, { kind: "ok", result }, false);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      sendJson(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: emulator crashed: ${String(error)}` });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    close() {
      closed ??= new Promise<void>((resolve) => {
        emulator.updates.close();
        server.close(() => resolve());
        // Idle keep-alive sockets (grammY's agent keeps them) would hold close() open otherwise.
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 200).unref();
      });
      return closed;
    },
  };
}

/**
 * Reads the request parameters from the query string and a JSON or urlencoded body, like the real
 * Bot API (which accepts all of them). Body fields win over query fields.
 */
async function readParams(req: IncomingMessage, url: URL): Promise<Params> {
  const params: Params = {};
  for (const [key, value] of url.searchParams) params[key] = coerceFormValue(value);
  const body = await readBody(req);
  if (body.length === 0) return params;
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "multipart/form-data") throw badRequest("multipart uploads are not supported by the emulator");
  if (type === "application/x-www-form-urlencoded") {
    for (const [key, value] of new URLSearchParams(body.toString("utf8"))) params[key] = coerceFormValue(value);
    return params;
  }
  if (type !== "application/json" && type !== "") throw badRequest(`unsupported Content-Type "${type}"`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw badRequest("can't parse JSON object");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw badRequest("JSON body must be an object");
  return { ...params, ...(parsed as Params) };
}

/** Drains the whole body even when it is too large, so the client is never cut off mid-upload. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > MAX_BODY_BYTES) reject(new ApiError(413, "Request Entity Too Large"));
      else resolve(Buffer.concat(chunks));
    });
    req.on("error", reject);
  });
}

/** Form fields arrive as strings; Telegram decodes JSON-serialized objects, arrays and booleans in them. */
function coerceFormValue(value: string): unknown {
  const trimmed = value.trim();
  if (/^[[{]/.test(trimmed) || trimmed === "true" || trimmed === "false") {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** The Bot API's error body: the wire never carries the emulator's own detail. */
export function errorBody(error: ApiError): Record<string, unknown> {
  return {
    ok: false,
    error_code: error.code,
    description: error.description,
    ...(error.parameters ? { parameters: error.parameters } : {}),
  };
}
