/** Node's and undici's error codes for a connection that failed, in words an operator can act on. */
const CAUSES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "DNS lookup failed",
  ECONNRESET: "connection reset",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  EPIPE: "connection closed",
  UND_ERR_SOCKET: "connection closed",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
};

/** "host not found (ENOTFOUND)"; an unknown code is shown as it is. */
export function describeErrorCode(code: string): string {
  if (CAUSES[code]) return `${CAUSES[code]} (${code})`;
  if (/CERT|SSL|TLS/.test(code)) return `TLS certificate problem (${code})`;
  return `network error (${code})`;
}

/**
 * fast-xml-parser's validator words, for a person: its "Invalid '[ "rss", "channel", "item" ]'
 * found" (the tags still open when the text ended) becomes "the document ends while <rss>,
 * <channel>, <item> are still open".
 */
export function describeXmlProblem(message: string, line: number): string {
  const open = /^Invalid '\[([\s\S]*)\]' found/.exec(message);
  if (open) {
    const tags = [...(open[1] ?? "").matchAll(/"([^"]{1,40})"/g)].map((m) => `<${m[1]}>`);
    if (tags.length > 0) return `invalid XML: the document ends while ${tags.join(", ")} ${tags.length === 1 ? "is" : "are"} still open`;
  }
  return `invalid XML: ${message.replace(/\s+/g, " ").replace(/\.$/, "")} (line ${line})`;
}
