import { buttonRoute, decodeFirst, defineButton, flag, int, type ButtonCodec } from "../shared/buttons.js";

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
const watchId = int("watchId", 1, Number.MAX_SAFE_INTEGER);
// Channel ids are negative (-100…): a positive one could only be forged.
const chatId = int("chatId", -Number.MAX_SAFE_INTEGER, -1);

type Ops = {
  mute: { watchId: number };
  unmute: { watchId: number };
  remove: { watchId: number };
  pause: { on: boolean };
  quiet: { on: boolean };
  show: object;
};
type Op = keyof Ops;
const OPS: Op[] = ["mute", "unmute", "remove", "pause", "quiet", "show"];

const IN_CHAT: { [K in Op]: ButtonCodec<Ops[K]> } = {
  mute: defineButton(PREFIX, "m", watchId),
  unmute: defineButton(PREFIX, "u", watchId),
  remove: defineButton(PREFIX, "r", watchId),
  pause: defineButton(PREFIX, "p", flag("on")),
  quiet: defineButton(PREFIX, "q", flag("on")),
  show: defineButton(PREFIX, "v"),
};
const FOR_CHANNEL: { [K in Op]: ButtonCodec<Ops[K] & { chatId: number }> } = {
  mute: defineButton(CHANNEL_PREFIX, chatId, "m", watchId),
  unmute: defineButton(CHANNEL_PREFIX, chatId, "u", watchId),
  remove: defineButton(CHANNEL_PREFIX, chatId, "r", watchId),
  pause: defineButton(CHANNEL_PREFIX, chatId, "p", flag("on")),
  quiet: defineButton(CHANNEL_PREFIX, chatId, "q", flag("on")),
  show: defineButton(CHANNEL_PREFIX, chatId, "v"),
};

function valuesOf(button: AlertButton): Record<string, unknown> {
  switch (button.op) {
    case "mute":
    case "unmute":
    case "remove":
      return { watchId: button.watchId };
    case "pause":
    case "quiet":
      return { on: button.on };
    case "show":
      return {};
  }
}

export function encodeAlertButton(button: AlertButton): string {
  const values = valuesOf(button);
  if (button.chatId === undefined) return (IN_CHAT[button.op] as ButtonCodec<Record<string, unknown>>).encode(values);
  return (FOR_CHANNEL[button.op] as ButtonCodec<Record<string, unknown>>).encode({ ...values, chatId: button.chatId });
}

export function decodeAlertButton(data: string): AlertButton | undefined {
  return decodeFirst<AlertButton>(data, [
    ...OPS.map((op) => (d: string) => {
      const values = (IN_CHAT[op] as ButtonCodec<Record<string, unknown>>).decode(d);
      return values && ({ op, ...values } as AlertButton);
    }),
    ...OPS.map((op) => (d: string) => {
      const values = (FOR_CHANNEL[op] as ButtonCodec<Record<string, unknown>>).decode(d);
      return values && ({ op, ...values } as AlertButton);
    }),
  ]);
}

/** Every alert button, in a chat or for a channel, for the alerts feature. */
export const ALERT_BUTTONS = buttonRoute([...Object.values(IN_CHAT), ...Object.values(FOR_CHANNEL)], decodeAlertButton);
