import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, badRequest } from "./fake-bot-api-validate.js";

export type Params = Record<string, unknown>;

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads the request parameters from the query string and a JSON or urlencoded body, like the real
 * Bot API (which accepts all of them). Body fields win over query fields.
 */
export async function readParams(req: IncomingMessage, url: URL): Promise<Params> {
  const params: Params = {};
  for (const [key, value] of url.searchParams) params[key] = coerceFormValue(value);
  const body = await readBody(req);
  if (body.length === 0) return params;
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "multipart/form-data") throw badRequest("multipart uploads are not supported by the fake Bot API");
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
      return JSON.parse(trimmed);
    } catch {
      return value;
    }
  }
  return value;
}

/** Integer parameters may come as numbers (JSON) or numeric strings (forms, query strings). */
export function intParam(params: Params, key: string): number | undefined {
  const value = params[key];
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export function errorBody(error: ApiError): Record<string, unknown> {
  return {
    ok: false,
    error_code: error.code,
    description: error.description,
    ...(error.parameters ? { parameters: error.parameters } : {}),
  };
}
