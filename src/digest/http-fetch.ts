import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

export interface LeanResponse {
  status: number;
  json(): Promise<unknown>;
}

export interface LeanInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** No answer (no bytes either way) for this long: the request fails. Default: none. */
  timeoutMs?: number;
}

export type LeanFetch = ReturnType<typeof createLeanFetch>;

/**
 * The little of `fetch` that grammY's API client uses for JSON calls (POST a string, read JSON
 * back), straight on node:http with kept-alive connections. Digests are sent by the thousand, and
 * node-fetch's per-request machinery (streams, header objects) was the largest cost per message
 * in the benchmark. Not for uploads: digests never carry files.
 */
export function createLeanFetch(maxSockets = 128) {
  const agents = {
    "http:": new HttpAgent({ keepAlive: true, maxSockets }),
    "https:": new HttpsAgent({ keepAlive: true, maxSockets }),
  };
  // grammY builds the same few URLs (root/bot<token>/<method>) for every call.
  const urls = new Map<string, URL>();
  const parse = (input: string) => {
    let url = urls.get(input);
    if (!url) {
      url = new URL(input);
      if (urls.size < 100) urls.set(input, url);
    }
    return url;
  };
  return (input: string | URL, init: LeanInit = {}): Promise<LeanResponse> =>
    new Promise((resolve, reject) => {
      const url = typeof input === "string" ? parse(input) : input;
      const https = url.protocol === "https:";
      if (!https && url.protocol !== "http:") return reject(new TypeError(`unsupported protocol ${url.protocol}`));
      if (init.body !== undefined && typeof init.body !== "string") return reject(new TypeError("only string bodies are supported"));
      const req = (https ? httpsRequest : httpRequest)(
        url,
        {
          method: init.method ?? "GET",
          // A known length lets headers and body leave in one write instead of chunked pieces.
          headers: init.body === undefined ? init.headers : { ...init.headers, "content-length": String(Buffer.byteLength(init.body)) },
          agent: agents[https ? "https:" : "http:"],
          signal: init.signal,
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("error", reject);
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            resolve({
              status: res.statusCode ?? 0,
              json: async () => JSON.parse(text) as unknown,
            });
          });
        },
      );
      req.on("error", reject);
      // The socket's own idle timer (any traffic resets it), not an AbortController and a timer racing
      // the request: a stuck server is all this guards against, and node clears it when the socket is reused.
      if (init.timeoutMs !== undefined) {
        req.setTimeout(init.timeoutMs, () => req.destroy(new Error(`no answer in ${init.timeoutMs} ms`)));
      }
      req.end(init.body);
    });
}
