import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by another Vestnik process (pid ${pid}). ` +
        "Stop that process, or point this one at Postgres with DATABASE_URL.",
    );
    this.name = "DataDirLockedError";
  }
}

/** Who holds a lock: the pid, plus (on Linux) the boot and the process's start time, which a reused pid does not share. */
interface Holder {
  pid: number;
  boot?: string;
  start?: string;
}

/** Lock files this process holds, so its own pid in a lock file is told apart from a previous life's. */
const heldHere = new Set<string>();

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function bootId(): string | undefined {
  return readProc("/proc/sys/kernel/random/boot_id")?.trim() || undefined;
}

/** Field 22 of /proc/<pid>/stat: start time in clock ticks since boot. The name before it may hold spaces and parens. */
function startTime(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else, so it is alive.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function describeSelf(): string {
  const lines = [String(process.pid)];
  const boot = bootId();
  const start = startTime(process.pid);
  if (boot) lines.push(`boot ${boot}`);
  if (start) lines.push(`start ${start}`);
  return `${lines.join("\n")}\n`;
}

function parseHolder(text: string): Holder | undefined {
  const [first = "", ...rest] = text.trim().split("\n");
  if (!/^\d+$/.test(first.trim())) return undefined;
  const holder: Holder = { pid: Number(first.trim()) };
  for (const line of rest) {
    const [key, value] = line.trim().split(/\s+/, 2);
    if (key === "boot" && value) holder.boot = value;
    if (key === "start" && value) holder.start = value;
  }
  return holder.pid > 0 ? holder : undefined;
}

/**
 * Whether the recorded holder still runs. Our own pid is ours only if this process took the lock:
 * otherwise it is a previous life's (in a container node is pid 1 after every restart). A pid
 * alive now but started at another time, or recorded before a reboot, is a reused pid.
 */
function holderAlive(holder: Holder, path: string): boolean {
  if (holder.pid === process.pid) return heldHere.has(path);
  if (!isAlive(holder.pid)) return false;
  const boot = bootId();
  if (holder.boot && boot && holder.boot !== boot) return false;
  const start = startTime(holder.pid);
  if (holder.start && start && holder.start !== start) return false;
  return true;
}

/**
 * PGlite has no lock of its own: two processes on one data directory corrupt it.
 * Holds `vestnik.lock` (our pid, boot id and start time) until `release`; a lock left by a
 * process that no longer runs is taken over.
 */
export function lockDataDir(dataDir: string): { release(): void } {
  mkdirSync(dataDir, { recursive: true });
  const path = resolve(join(dataDir, "vestnik.lock"));
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, describeSelf());
      closeSync(fd);
      heldHere.add(path);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          heldHere.delete(path);
          rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let holder: Holder | undefined;
    try {
      holder = parseHolder(readFileSync(path, "utf8"));
    } catch {
      continue; // removed between our open and read: try again
    }
    if (holder && holderAlive(holder, path)) throw new DataDirLockedError(dataDir, holder.pid);
    // Stale (a holder that no longer runs, or unreadable content): take it over.
    rmSync(path, { force: true });
  }
  throw new Error(`could not lock ${path}`);
}
