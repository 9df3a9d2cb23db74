/** One emulated Telegram with two fronts; see emulator.ts. */
export { createEmulator, commandEntity, type Emulator, type EmulatorOptions, type RecordedCall, type CallOutcome, type PushMessageOptions, type FailureSpec } from "./emulator.js";
export { ApiError, type Params } from "./errors.js";
export { EntityParseError, htmlText, isValidTelegramHtml, messageText, parseTelegramHtml, type ParsedText } from "./html.js";
export { inProcessApi, type InProcessOptions } from "./in-process.js";
export { startHttpFront, type HttpFront } from "./http-front.js";
export { chatKey, syntheticChat } from "./world.js";
export type { NewUpdate, PollConflict } from "./updates.js";
export { validateCall, MAX_CALLBACK_DATA_BYTES } from "./validate.js";
