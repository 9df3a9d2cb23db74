/** A Bot API error answer; `code` doubles as the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
    /**
     * True when the request itself broke the Bot API's rules (bad HTML, oversized text, malformed
     * markup): a bug in the caller, as opposed to an answer about the world (chat not found, blocked).
     */
    readonly violation = false,
    /** A longer explanation for test failures; never part of the wire answer. */
    readonly detail?: string,
  ) {
    super(detail ? `${description} (${detail})` : description);
    this.name = "ApiError";
  }
}

/** A 400 answer about the world the request addresses (chat not found, message to edit not found). */
export const badRequest = (why: string): ApiError => new ApiError(400, `Bad Request: ${why}`);

/** A 400 answer to a request that no Telegram state could have made valid. */
export const invalidRequest = (why: string, detail?: string): ApiError => new ApiError(400, `Bad Request: ${why}`, undefined, true, detail);

export type Params = Record<string, unknown>;

/** Integer parameters may come as numbers (JSON) or numeric strings (forms, query strings). */
export function intParam(params: Params, key: string): number | undefined {
  const value = params[key];
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}
