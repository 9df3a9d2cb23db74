// Callback data of alert buttons (≤ 64 bytes; anyone can send any data, so decoding accepts only
// what encoding writes). A button in the chat it changes names only a watch: the handler acts on
// the watch only if it belongs to the chat (and forum topic) the button was pressed in. A button
// in a reader's private chat that manages a channel's alerts names the channel too, and is
// honoured only for the channel's managers who are still its administrators.
//
//   a1:m:<watch id>  mute      a1:u:<watch id>  unmute      a1:r:<watch id>  remove
//   a1:p:<0|1>       pause     a1:q:<0|1>       quiet hours on/off           a1:v  show /alerts
//   b1:<chat id>:<any of the above without its a1 prefix>                   the same for a channel
export type AlertButton = (
  | { op: "mute" | "unmute" | "remove"; watchId: number }
  | { op: "pause"; on: boolean }
  | { op: "quiet"; on: boolean }
  | { op: "show" }
) & {
  /** The channel this button manages from a private chat; absent: the chat the button is in. */
  chatId?: number;
};

const PREFIX = "a1";
const CHANNEL_PREFIX = "b1";
const WATCH_OPS = { m: "mute", u: "unmute", r: "remove" } as const;
const MAX_ID = Number.MAX_SAFE_INTEGER;
const MAX_BYTES = 64;

function encodeOp(button: AlertButton): string {
  switch (button.op) {
    case "mute":
    case "unmute":
    case "remove":
      return `${button.op[0]}:${button.watchId.toString(36)}`;
    case "pause":
      return `p:${button.on ? 1 : 0}`;
    case "quiet":
      return `q:${button.on ? 1 : 0}`;
    case "show":
      return "v";
  }
}

export function encodeAlertButton(button: AlertButton): string {
  const head = button.chatId === undefined ? PREFIX : `${CHANNEL_PREFIX}:${button.chatId.toString(36)}`;
  return `${head}:${encodeOp(button)}`;
}

/** A channel's id as `encodeAlertButton` writes it: negative, canonical base36. */
function decodeChatId(text: string | undefined): number | undefined {
  if (text === undefined || !/^-[1-9a-z][0-9a-z]{0,11}$/.test(text)) return undefined;
  const chatId = Number.parseInt(text, 36);
  return Number.isSafeInteger(chatId) && chatId.toString(36) === text ? chatId : undefined;
}

function decodeOp(parts: string[]): AlertButton | undefined {
  const [op, arg, ...rest] = parts;
  if (rest.length > 0) return undefined;
  if (op === "v") return arg === undefined ? { op: "show" } : undefined;
  if ((op === "p" || op === "q") && (arg === "0" || arg === "1")) return { op: op === "p" ? "pause" : "quiet", on: arg === "1" };
  if (op === "m" || op === "u" || op === "r") {
    if (arg === undefined || !/^[1-9a-z][0-9a-z]{0,10}$/.test(arg)) return undefined;
    const watchId = Number.parseInt(arg, 36);
    if (!Number.isSafeInteger(watchId) || watchId > MAX_ID) return undefined;
    return { op: WATCH_OPS[op], watchId };
  }
  return undefined;
}

export function decodeAlertButton(data: string): AlertButton | undefined {
  if (data.length > MAX_BYTES) return undefined;
  const parts = data.split(":");
  if (parts[0] === PREFIX) return decodeOp(parts.slice(1));
  if (parts[0] !== CHANNEL_PREFIX) return undefined;
  const chatId = decodeChatId(parts[1]);
  const button = chatId === undefined ? undefined : decodeOp(parts.slice(2));
  return button && { ...button, chatId };
}
