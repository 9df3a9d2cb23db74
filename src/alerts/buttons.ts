// Callback data of alert buttons (≤ 64 bytes; anyone can send any data, so decoding accepts only
// what encoding writes). The data names a watch, never a chat: the handler acts on the watch only
// if it belongs to the chat the button was pressed in.
//
//   a1:m:<watch id>  mute      a1:u:<watch id>  unmute      a1:r:<watch id>  remove
//   a1:p:<0|1>       pause     a1:q:<0|1>       quiet hours on/off           a1:v  show /alerts
export type AlertButton =
  | { op: "mute" | "unmute" | "remove"; watchId: number }
  | { op: "pause"; on: boolean }
  | { op: "quiet"; on: boolean }
  | { op: "show" };

const PREFIX = "a1";
const WATCH_OPS = { m: "mute", u: "unmute", r: "remove" } as const;
const MAX_ID = Number.MAX_SAFE_INTEGER;

export function encodeAlertButton(button: AlertButton): string {
  switch (button.op) {
    case "mute":
    case "unmute":
    case "remove":
      return `${PREFIX}:${button.op[0]}:${button.watchId.toString(36)}`;
    case "pause":
      return `${PREFIX}:p:${button.on ? 1 : 0}`;
    case "quiet":
      return `${PREFIX}:q:${button.on ? 1 : 0}`;
    case "show":
      return `${PREFIX}:v`;
  }
}

export function decodeAlertButton(data: string): AlertButton | undefined {
  const parts = data.split(":");
  if (parts[0] !== PREFIX) return undefined;
  const [, op, arg, ...rest] = parts;
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
