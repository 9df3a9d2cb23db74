import type { AppRoot } from "../app/root.js";
import { noOptions } from "./help.js";

/**
 * The first SIGINT or SIGTERM aborts `stop`; a second one finds no listener and ends the process
 * the default way, which is what an operator pressing Ctrl-C twice expects.
 */
function listenForStop(stop: AbortController): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      stop.abort(new Error(`stopped by ${signal}`));
      resolve(signal);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}

/**
 * `vestnik run`: the bot, the feed poller, the digest scheduler and alerts until SIGINT or SIGTERM
 * (assembled by the composition root, src/app/run.ts). Exit status 1 when the serving mode crashed.
 */
export async function runCommand(args: string[], root: AppRoot): Promise<number> {
  noOptions(args);
  const logger = root.logger();
  const say = (line: string) => process.stderr.write(`vestnik run: ${line}\n`);
  // Listening before start-up: a supervisor may stop the process while it still starts (migrations,
  // the job queue), and long polling begins before the last parts are up.
  const stop = new AbortController();
  const stopped = listenForStop(stop);
  let running;
  try {
    running = await root.startVestnik({ logger, say, signal: stop.signal });
  } catch (error) {
    if (!stop.signal.aborted) throw error;
    say(`${(stop.signal.reason as Error).message} during start-up; nothing was left running.`);
    return 0;
  }
  const reason = await Promise.race([stopped, running.crashed.then(() => "crashed" as const)]);
  await running.stop(reason);
  return reason === "crashed" ? 1 : 0;
}
