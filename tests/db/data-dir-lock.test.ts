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
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("data directory lock", () => {
  it("writes our pid, refuses a second holder and frees the directory on release", () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    expect(readFileSync(join(dir, "vestnik.lock"), "utf8").trim()).toBe(String(process.pid));
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
    expect(readFileSync(join(dir, "vestnik.lock"), "utf8").trim()).toBe(String(process.pid));
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
});
