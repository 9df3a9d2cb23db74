/** How `vestnik run` receives updates: long polling or a webhook. */
export interface ServingMode {
  name: string;
  /** Settles if the mode stops by itself (long polling gave up); never for a webhook. */
  crashed: Promise<void>;
  /** Stops taking updates and finishes those in flight. */
  stop(): Promise<void>;
}

/** The update types the bot handles; polling and the webhook ask Telegram for these only. */
export const ALLOWED_UPDATES = ["message", "callback_query", "inline_query", "my_chat_member"] as const;
