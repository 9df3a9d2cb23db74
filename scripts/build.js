#!/usr/bin/env node
// Transpiles src/**/*.ts to lib/**/*.js, file by file (no bundling, no type check: `npm run check`
// does that). lib/ sits beside src/ at the same depth, so every `new URL("../../locales/…",
// import.meta.url)` resolves to the same place from either. bin/vestnik.js runs lib/ when it is
// newer than every source file and falls back to the sources (through tsx) otherwise, so a build
// that is missing or stale never changes behaviour, only start-up time.
//
// Usage: node scripts/build.js [--out DIR] [--soft]
//   --out DIR  build there instead of lib/ (tests)
//   --soft     a failure is reported in one line and exits 0 (`prepare`: an install must not fail
//              because of one bad source file; the sources then run through tsx)
import { transform } from "esbuild";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SRC = join(ROOT, "src");
const { values } = parseArgs({ options: { out: { type: "string" }, soft: { type: "boolean" } } });
const LIB = values.out ? resolve(values.out) : join(ROOT, "lib");
/** Written last: bin/vestnik.js trusts lib/ only when this file exists and is newer than src/. */
const STAMP = ".built";

async function sourceFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
    .map((e) => join(e.parentPath ?? e.path, e.name));
}

async function build() {
  await rm(LIB, { recursive: true, force: true });
  const files = await sourceFiles(SRC);
  await Promise.all(
    files.map(async (file) => {
      const { code } = await transform(await readFile(file, "utf8"), {
        loader: "ts",
        format: "esm",
        target: "node20",
        platform: "node",
        sourcefile: relative(ROOT, file),
      });
      const out = join(LIB, relative(SRC, file)).replace(/\.ts$/, ".js");
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, code);
    }),
  );
  await writeFile(join(LIB, STAMP), `${new Date().toISOString()}\n`);
  return files.length;
}

const started = Date.now();
try {
  const count = await build();
  process.stdout.write(`build: ${count} files to ${relative(ROOT, LIB) || "."}/ in ${Date.now() - started} ms\n`);
} catch (error) {
  // Without its stamp the output is never run: the sources are.
  // esbuild's first line is "Transform failed with 1 error:"; the next names the file and line.
  const lines = (error instanceof Error ? error.message : String(error)).split("\n");
  const reason = lines.find((line) => line.includes("ERROR")) ?? lines[0];
  process.stderr.write(`build: failed (${reason}); vestnik will run from the sources\n`);
  process.exitCode = values.soft ? 0 : 1;
}
