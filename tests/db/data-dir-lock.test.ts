import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "../../src/db/data-dir-lock.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "vestnik-lock-"));
  dirs.push(dir);
  return dir;
}
const firstLine = (dir: string) => readFileSync(join(dir, "vestnik.lock"), "utf8").split("\n")[0];
const proc = existsSync("/proc/self/stat");
/** A live process, and what a lock it had written would hold. */
async function liveChild() {
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"]);
  await new Promise((resolve) => child.once("spawn", resolve));
  const stat = readFileSync(`/proc/${child.pid}/stat`, "utf8");
  const start = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  return { child, pid: child.pid ?? 0, start, boot };
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("data directory lock", () => {
  it("writes our pid, refuses a second holder and frees the directory on release", () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    expect(firstLine(dir)).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    lock.release();
    expect(existsSync(join(dir, "vestnik.lock"))).toBe(false);
    lockDataDir(dir).release();
  });

  it("takes over a lock left by a dead process", async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ["-e", ""]);
    const deadPid = await new Promise<number>((resolve) => child.on("exit", () => resolve(child.pid ?? 0)));
    writeFileSync(join(dir, "vestnik.lock"), `${deadPid}\n`);
    const lock = lockDataDir(dir);
    expect(firstLine(dir)).toBe(String(process.pid));
    lock.release();
  });

  it("takes over an unreadable lock", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "vestnik.lock"), "garbage");
    expect(() => lockDataDir(dir).release()).not.toThrow();
  });

  it("names the holder's pid in the refusal", async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 10000)"]);
    try {
      writeFileSync(join(dir, "vestnik.lock"), `${child.pid}\n`);
      expect(() => lockDataDir(dir)).toThrow(new RegExp(`pid ${child.pid}`));
    } finally {
      child.kill();
    }
  });

  it("takes over a lock naming our own pid that this process did not take (node is pid 1 in a container)", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "vestnik.lock"), `${process.pid}\n`);
    const lock = lockDataDir(dir);
    expect(firstLine(dir)).toBe(String(process.pid));
    lock.release();
  });

  it.skipIf(!proc)("records the boot and the start time, and refuses a live holder whose record matches", async () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    const own = readFileSync(join(dir, "vestnik.lock"), "utf8");
    expect(own).toMatch(/^boot [0-9a-f-]{36}$/m);
    expect(own).toMatch(/^start \d+$/m);
    lock.release();
    const { child, pid, start, boot } = await liveChild();
    try {
      writeFileSync(join(dir, "vestnik.lock"), `${pid}\nboot ${boot}\nstart ${start}\n`);
      expect(() => lockDataDir(dir)).toThrow(new RegExp(`pid ${pid}`));
    } finally {
      child.kill();
    }
  });

  it.skipIf(!proc)("takes over a live pid that was reused: another start time, or another boot", async () => {
    const dir = tempDir();
    const { child, pid, start, boot } = await liveChild();
    try {
      writeFileSync(join(dir, "vestnik.lock"), `${pid}\nboot ${boot}\nstart ${Number(start) + 1}\n`);
      lockDataDir(dir).release();
      writeFileSync(join(dir, "vestnik.lock"), `${pid}\nboot 00000000-0000-0000-0000-000000000000\nstart ${start}\n`);
      lockDataDir(dir).release();
    } finally {
      child.kill();
    }
  });
});
