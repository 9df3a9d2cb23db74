import { decodeFirst, defineButton, flag, int } from "../shared/buttons.js";

// Callback data of alert buttons. The data names a watch, never a chat: the handler acts on the
// watch only if it belongs to the chat the button was pressed in.
//
//   a1:m:<watch id>  mute      a1:u:<watch id>  unmute      a1:r:<watch id>  remove
//   a1:p:<0|1>       pause     a1:q:<0|1>       quiet hours on/off           a1:v  show /alerts
export type AlertButton =
  | { op: "mute" | "unmute" | "remove"; watchId: number }
  | { op: "pause"; on: boolean }
  | { op: "quiet"; on: boolean }
  | { op: "show" };

const PREFIX = "a1";
const watchId = int("watchId", 1, Number.MAX_SAFE_INTEGER);
const BUTTONS = {
  mute: defineButton(PREFIX, "m", watchId),
  unmute: defineButton(PREFIX, "u", watchId),
  remove: defineButton(PREFIX, "r", watchId),
  pause: defineButton(PREFIX, "p", flag("on")),
  quiet: defineButton(PREFIX, "q", flag("on")),
  show: defineButton(PREFIX, "v"),
};

export function encodeAlertButton(button: AlertButton): string {
  switch (button.op) {
    case "mute":
    case "unmute":
    case "remove":
      return BUTTONS[button.op].encode({ watchId: button.watchId });
    case "pause":
    case "quiet":
      return BUTTONS[button.op].encode({ on: button.on });
    case "show":
      return BUTTONS.show.encode({});
  }
}

export function decodeAlertButton(data: string): AlertButton | undefined {
  return decodeFirst<AlertButton>(data, [
    ...(["mute", "unmute", "remove"] as const).map((op) => (d: string) => {
      const values = BUTTONS[op].decode(d);
      return values && { op, ...values };
    }),
    ...(["pause", "quiet"] as const).map((op) => (d: string) => {
      const values = BUTTONS[op].decode(d);
      return values && { op, ...values };
    }),
    (d) => (BUTTONS.show.decode(d) ? { op: "show" } : undefined),
  ]);
}
