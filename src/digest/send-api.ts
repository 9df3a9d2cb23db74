import { GrammyError, HttpError, type Api } from "grammy";
import { withSendDefaults } from "../shared/send-defaults.js";
import { createLeanFetch, type LeanFetch } from "./http-fetch.js";

/** What digests and alerts call on the Bot API: sendMessage, nothing else. */
export type SendApi = Pick<Api, "sendMessage">;

export interface SendApiOptions {
  /** TELEGRAM_API_ROOT. Default: Telegram's. */
  apiRoot?: string;
  /** A request with no answer for this long fails as a network error (and is retried). Default 30 s. */
  timeoutSeconds?: number;
  /** Default: a lean fetch of its own (kept-alive connections). */
  fetch?: LeanFetch;
}

/**
 * sendMessage for sends outside updates (digests, alerts), straight on the lean fetch: the same
 * request grammY's API client makes (JSON body, the house HTML/no-preview defaults) and the same
 * errors (GrammyError for Telegram's refusals, HttpError for the network), without its per-call
 * machinery (an AbortController, a timer and a race per message, the transformer chain), which
 * was a tenth of a digest's cost. No auto-retry: the sender paces and retries itself.
 */
export function createSendApi(token: string, opts: SendApiOptions = {}): SendApi {
  const root = opts.apiRoot ?? "https://api.telegram.org";
  if (root.endsWith("/")) throw new Error(`the API root must not end with '/': ${root}`);
  const url = `${root}/bot${token}/sendMessage`;
  const fetch = opts.fetch ?? createLeanFetch();
  const timeoutMs = (opts.timeoutSeconds ?? 30) * 1000;
  const headers = { "content-type": "application/json", connection: "keep-alive" };

  const sendMessage = async (chat_id: number | string, text: string, other?: object) => {
    const payload = withSendDefaults("sendMessage", { ...other, chat_id, text });
    let data: { ok: boolean; result?: unknown; error_code?: number; description?: string; parameters?: object };
    try {
      const res = await fetch(url, { method: "POST", headers, body: JSON.stringify(payload), timeoutMs });
      data = (await res.json()) as typeof data;
    } catch (error) {
      throw new HttpError("Network request for 'sendMessage' failed!", error);
    }
    if (data.ok) return data.result;
    throw new GrammyError(
      "Call to 'sendMessage' failed!",
      { ok: false, error_code: data.error_code ?? 0, description: data.description ?? "", parameters: data.parameters ?? {} },
      "sendMessage",
      payload,
    );
  };
  return { sendMessage } as unknown as SendApi;
}
