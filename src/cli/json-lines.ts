import { createInterface } from "node:readline";

/**
 * JSON Lines in, JSON Lines out, in input order: every input line, blank ones included, gets exactly
 * one output line. A line `read` rejects (a string: the reason) gets an error line built by
 * `errorLine` — with the line's own id when it has one, so callers can match it — and a message on
 * stderr, so output line N answers input line N. Returns the exit status (1 if any line was bad).
 */
export async function mapJsonLines<T>(opts: {
  command: string;
  read: (value: unknown) => T | string;
  write: (input: T) => unknown;
  errorLine: (reason: string, id: unknown) => unknown;
}): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let buffer = "";
  let lineNo = 0;
  let bad = 0;
  const flush = async () => {
    if (buffer && !process.stdout.write(buffer)) await new Promise((resolve) => process.stdout.once("drain", resolve));
    buffer = "";
  };
  for await (const line of lines) {
    lineNo++;
    let input: T | string;
    let id: unknown = null;
    if (line.trim() === "") input = "empty line";
    else {
      try {
        const value = JSON.parse(line) as unknown;
        if (typeof value === "object" && value !== null && "id" in value) id = (value).id;
        input = opts.read(value);
      } catch {
        input = "not valid JSON";
      }
    }
    if (typeof input === "string") {
      bad++;
      process.stderr.write(`vestnik ${opts.command}: line ${lineNo}: ${input}\n`);
      buffer += `${JSON.stringify(opts.errorLine(input, id))}\n`;
    } else {
      buffer += `${JSON.stringify(opts.write(input))}\n`;
    }
    if (buffer.length > 64 * 1024) await flush();
  }
  await flush();
  return bad > 0 ? 1 : 0;
}
