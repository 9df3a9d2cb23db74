import { GrammyError } from "grammy";

/**
 * Routine answers of the Bot API that are not failures of Vestnik: the user was too slow, or a
 * message is too old to change. Features and the error boundary tell them apart with these.
 */

/** A button press answered after Telegram's ~15 s window (or twice): nothing left to answer. */
export function isExpiredCallback(error: unknown): boolean {
  return error instanceof GrammyError && /query is too old|query ID is invalid/i.test(error.description);
}

/** Telegram refuses edits of messages that are gone or too old; the content then goes out as a new message. */
export function cannotEdit(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    /message to edit not found|message can't be edited|MESSAGE_ID_INVALID/i.test(error.description)
  );
}

/** A double tap delivers the same button twice; the second edit changes nothing, which is fine. */
export function notModified(error: unknown): boolean {
  return error instanceof GrammyError && error.description.includes("message is not modified");
}
