import { parseArgs } from "node:util";
import type { AppRoot } from "../app/root.js";
import { deliverAll, findDue, type PassSummary } from "../digest/pass.js";
import { UsageError } from "./errors.js";

export function formatSummary(s: PassSummary): string {
  const parts = [`${s.sent} sent`, `${s.empty} nothing new`, `${s.failed} failed`, `${s.deactivated} deactivated`];
  if (s.elsewhere > 0) parts.push(`${s.elsewhere} delivered by another process`);
  return `digest: ${parts.join(", ")}`;
}

/**
 * `vestnik digest --now`: today's digest for every active reader who has none for their current
 * local date, whatever their digest time. Rows a crashed run left claimed are taken over once
 * their lease runs out, so a rerun after kill -9 finishes the job before it exits.
 */
export async function digestCommand(args: string[], root: AppRoot): Promise<number> {
  const { values } = parseArgs({ args, options: { now: { type: "boolean" } }, allowPositionals: false });
  if (!values.now) throw new UsageError("say --now: `vestnik digest --now` sends today's digest to everyone who has not had it");
  const token = root.botToken();
  const logger = root.logger();
  const topics = await root.topics();
  const store = await root.openStore();
  try {
    const engine = await root.digestEngine(store, topics, token, logger);
    const now = new Date();
    const due = await findDue(store.repos, now, { ignoreTime: true });
    const progress = createProgressLine(due.length, engine.pacer.rate);
    const summary = await deliverAll(due, now, {
      deliverer: engine.deliverer,
      builder: engine.builder,
      repos: store.repos,
      concurrency: engine.concurrency,
      onProgress: progress.update,
      onError: (item, error) => logger.error({ err: error, chatId: item.subscriber.chatId }, "digest: delivery error"),
    });
    progress.done();
    process.stdout.write(`${formatSummary(summary)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** "digest: 120/10000" on a terminal's stderr, at most a few times a second; silent in pipes. */
function createProgressLine(total: number, rate: number, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  const enabled = stream.isTTY === true && total > 0;
  let last = 0;
  return {
    update(done: number) {
      if (!enabled || (done < total && Date.now() - last < 200)) return;
      last = Date.now();
      // Expected finish from the pace so far (or the configured rate before anything was sent).
      const elapsed = (Date.now() - started) / 1000;
      const pace = done > 0 && elapsed > 1 ? done / elapsed : rate;
      const left = Math.ceil((total - done) / pace);
      stream.write(`\r\x1b[2Kdigest: ${done}/${total} (${Math.floor((done / total) * 100)}%), ${total - done} queued, done in ~${left}s`);
    },
    done() {
      if (enabled) stream.write("\r\x1b[2K");
    },
  };
}
