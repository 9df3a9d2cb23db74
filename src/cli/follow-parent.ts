/**
 * `npm start` and `npx vestnik …` run the bin through `sh -c`. A supervisor's SIGTERM reaches
 * npm, npm passes it to that shell, and the shell dies without passing it on: the bot would live
 * on as an orphan holding the data directory. Started that way (npm sets npm_lifecycle_event),
 * the parent going away counts as SIGTERM, so the usual graceful shutdown runs.
 * Started directly (`node bin/vestnik.js run`, Docker, systemd), signals arrive as they are.
 */
export function followParent(env: NodeJS.ProcessEnv = process.env, intervalMs = 500): void {
  if (!env.npm_lifecycle_event) return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    process.kill(process.pid, "SIGTERM");
  }, intervalMs);
  timer.unref();
}
