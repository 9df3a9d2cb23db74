import type { AppRoot } from "../app/root.js";
import { noOptions } from "./help.js";

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
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
  const running = await root.startVestnik({ logger, say: (line) => process.stderr.write(`vestnik run: ${line}\n`) });
  const reason = await Promise.race([waitForSignal(), running.crashed.then(() => "crashed" as const)]);
  await running.stop(reason);
  return reason === "crashed" ? 1 : 0;
}
