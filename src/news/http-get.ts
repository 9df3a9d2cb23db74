import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupAddress, LookupOptions } from "node:dns";
import { pipeline, type Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { ResolvedAddress } from "./address-guard.js";

/**
 * One GET over node:http(s) to addresses resolved and checked beforehand. The socket connects to
 * those addresses only (a lookup that answers from the list, so no second DNS answer can differ),
 * while the Host header and the TLS server name stay the URL's host name.
 */

export interface HttpAnswer {
  status: number;
  statusText: string;
  headers: Headers;
  /** The decoded body (gzip, deflate and br undone). */
  body: Readable;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function pinnedLookup(addresses: ResolvedAddress[]) {
  return (_hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    if (options.all) {
      callback(null, addresses.map((a) => ({ address: a.address, family: a.family })));
      return;
    }
    const pick = addresses.find((a) => !options.family || a.family === options.family) ?? addresses[0];
    if (!pick) callback(Object.assign(new Error("no address"), { code: "ENOTFOUND" }), "", 0);
    else callback(null, pick.address, pick.family);
  };
}

function toHeaders(response: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      try {
        headers.append(name, one);
      } catch {
        // A value Headers refuses (stray control bytes) is one nobody here reads.
      }
    }
  }
  return headers;
}

function decoded(response: IncomingMessage): Readable {
  const encoding = (response.headers["content-encoding"] ?? "").trim().toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? createGunzip()
      : encoding === "deflate"
        ? createInflate()
        : encoding === "br"
          ? createBrotliDecompress()
          : undefined;
  if (!decoder) return response;
  return pipeline(response, decoder, () => {});
}

export function httpGet(
  url: URL,
  opts: { addresses: ResolvedAddress[]; headers: Record<string, string>; signal: AbortSignal },
): Promise<HttpAnswer> {
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: "GET",
      headers: { ...opts.headers, host: url.host, "accept-encoding": "gzip, deflate, br" },
      // A fresh connection per request: a pooled socket could belong to an address checked for another name.
      agent: false,
      signal: opts.signal,
      lookup: pinnedLookup(opts.addresses),
    });
    req.once("response", (response) => {
      resolve({
        status: response.statusCode ?? 0,
        statusText: response.statusMessage ?? "",
        headers: toHeaders(response),
        body: decoded(response),
      });
    });
    req.once("error", reject);
    req.end();
  });
}
