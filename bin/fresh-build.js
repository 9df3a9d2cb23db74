// Whether the compiled lib/ may run instead of the sources: bin/vestnik.js asks before every command.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The newest change under a directory: a file edited or added, or one removed (its directory's mtime). */
function newestChange(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    newest = Math.max(newest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * True when the build's stamp (written last by scripts/build.js) is newer than every change under
 * the sources; false when either is missing. Walking src/ costs about 5 ms.
 */
export function builtIsFresh(srcDir, stampFile) {
  try {
    return statSync(stampFile).mtimeMs > newestChange(srcDir);
  } catch {
    return false;
  }
}
