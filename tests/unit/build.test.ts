import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { builtIsFresh } from "../../bin/fresh-build.js";
import type * as Duration from "../../src/duration.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const scratch: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "vestnik-build-"));
  scratch.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Sets a path's modification time to `seconds` after an arbitrary epoch. */
function at(path: string, seconds: number): void {
  const t = new Date(Date.UTC(2026, 0, 1) + seconds * 1000);
  utimesSync(path, t, t);
}

describe("which code bin/vestnik.js runs", () => {
  function tree() {
    const root = tempDir();
    const src = join(root, "src");
    mkdirSync(join(src, "news"), { recursive: true });
    writeFileSync(join(src, "main.ts"), "");
    writeFileSync(join(src, "news", "feed.ts"), "");
    writeFileSync(join(src, "news", "gone.ts"), "");
    for (const path of [join(src, "main.ts"), join(src, "news", "feed.ts"), join(src, "news", "gone.ts"), join(src, "news"), src]) at(path, 10);
    return { src, stamp: join(root, "lib", ".built"), root };
  }
  function build(stamp: string, seconds: number) {
    mkdirSync(join(stamp, ".."), { recursive: true });
    writeFileSync(stamp, "");
    at(stamp, seconds);
  }

  it("the sources when nothing was built", () => {
    const { src, stamp } = tree();
    expect(builtIsFresh(src, stamp)).toBe(false);
  });

  it("the build when it is newer than every source", () => {
    const { src, stamp } = tree();
    build(stamp, 20);
    expect(builtIsFresh(src, stamp)).toBe(true);
  });

  it("the sources again once a file is edited, added or removed after the build", () => {
    const edited = tree();
    build(edited.stamp, 20);
    at(join(edited.src, "news", "feed.ts"), 30);
    expect(builtIsFresh(edited.src, edited.stamp)).toBe(false);

    const added = tree();
    build(added.stamp, 20);
    writeFileSync(join(added.src, "news", "new.ts"), "");
    expect(builtIsFresh(added.src, added.stamp)).toBe(false);

    const removed = tree();
    build(removed.stamp, 20);
    rmSync(join(removed.src, "news", "gone.ts"));
    expect(builtIsFresh(removed.src, removed.stamp)).toBe(false);
  });
});

describe("scripts/build.js", () => {
  it("compiles every source file to a runnable module beside the stamp", async () => {
    const out = join(tempDir(), "lib");
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, "scripts", "build.js"), "--out", out]);
    const sources = readdirSync(join(ROOT, "src"), { recursive: true }).filter((f) => /(?<!\.d)\.ts$/.test(String(f)));
    const built = readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith(".js"));
    expect(built.map((f) => String(f).replace(/\.js$/, "")).sort()).toEqual(sources.map((f) => String(f).replace(/\.ts$/, "")).sort());
    expect(stdout).toMatch(new RegExp(`^build: ${sources.length} files to .* in \\d+ ms\\n$`));
    expect(existsSync(join(out, ".built"))).toBe(true);
    const duration = (await import(pathToFileURL(join(out, "duration.js")).href)) as typeof Duration;
    expect(duration.parseDuration("90m")).toBe(90 * 60_000);
  });
});

describe("bin/vestnik.js without a build", () => {
  it("runs the sources through tsx", async () => {
    // A checkout installed with --ignore-scripts: everything but lib/.
    const root = tempDir();
    mkdirSync(join(root, "bin"));
    for (const file of ["vestnik.js", "fresh-build.js"]) copyFileSync(join(ROOT, "bin", file), join(root, "bin", file));
    for (const dir of ["src", "node_modules", "locales", "drizzle", "samples"]) symlinkSync(join(ROOT, dir), join(root, dir));
    expect(existsSync(join(root, "lib"))).toBe(false);
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, "bin", "vestnik.js"), "help", "stories"]);
    expect(stdout).toMatch(/^Usage: vestnik stories/m);
  });
});
