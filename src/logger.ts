import { pino, type Logger } from "pino";

export type { Logger };

/**
 * JSON lines for machines; pretty output when a person is watching a terminal.
 * Logs go to stderr so that commands like `classify` and `sources export` keep stdout clean.
 */
export function createLogger(level: string, opts: { pretty?: boolean } = {}): Logger {
  const pretty = opts.pretty ?? process.stderr.isTTY === true;
  if (pretty) {
    return pino({
      level,
      transport: { target: "pino-pretty", options: { destination: 2, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" } },
    });
  }
  return pino({ level }, pino.destination({ dest: 2, sync: true }));
}
