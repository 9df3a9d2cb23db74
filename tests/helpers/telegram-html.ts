/**
 * Test-side names for the project's one Telegram HTML validator (src/emulator/html.ts), kept so
 * tests that read visible text stay short: `parseTelegramHtml(html)` is the text a reader sees.
 */
export { EntityParseError as TelegramHtmlError, htmlText as parseTelegramHtml, isValidTelegramHtml } from "../../src/emulator/index.js";
