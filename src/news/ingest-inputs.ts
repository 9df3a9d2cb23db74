import { open, readdir, stat } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { fetchDocument } from "./fetch-document.js";
import type { DocumentOrigin } from "./ingest.js";
import { DocumentError } from "./types.js";

/** Extensions picked up when a directory is walked; a named file is always tried. */
const DOCUMENT_EXTENSIONS = new Set([".xml", ".rss", ".atom", ".rdf", ".json", ".txt", ".feed"]);

export interface LoadedInput {
  bytes: Uint8Array;
  contentType?: string;
  origin: Omit<DocumentOrigin, "titleOverride">;
}

export function isUrl(input: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(input);
}

/** The extensions a walked directory's files must have, for messages. */
export const WALKED_EXTENSIONS = [...DOCUMENT_EXTENSIONS].join(" ");

/**
 * Expands directories (recursively, hidden entries skipped, sorted) into the files inside them.
 * `onEmpty` hears of a named directory that holds no file to read.
 */
export async function expandInputs(inputs: string[], onEmpty?: (dir: string) => void): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    if (isUrl(input)) {
      out.push(input);
      continue;
    }
    let info;
    try {
      info = await stat(input);
    } catch {
      out.push(input); // reported as unreadable when loaded
      continue;
    }
    if (info.isDirectory()) {
      const files = await walk(input);
      if (files.length === 0) onEmpty?.(input);
      out.push(...files);
    } else out.push(input);
  }
  return out;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else if (DOCUMENT_EXTENSIONS.has(extname(entry.name).toLowerCase()) && (entry.isFile() || (await linksToFile(path)))) {
      files.push(path);
    }
  }
  return files;
}

/** A symbolic link to a regular file is read like one; links to directories are not followed (no loops). */
async function linksToFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function readFileCapped(path: string, maxBytes: number): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DocumentError(code === "ENOENT" ? "no such file or directory" : `cannot read (${code ?? "error"})`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new DocumentError("not a regular file");
    if (info.size > maxBytes) throw new DocumentError(`file of ${info.size} bytes exceeds the ${maxBytes}-byte limit`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** Reads one file or URL within the limits; DocumentError explains any refusal. */
export async function loadInput(
  input: string,
  limits: { maxBytes: number; timeoutMs: number; allowPrivate: boolean },
): Promise<LoadedInput> {
  if (isUrl(input)) {
    const fetched = await fetchDocument(input, limits);
    return {
      bytes: fetched.bytes,
      contentType: fetched.contentType,
      origin: { key: fetched.url, fallbackTitle: new URL(fetched.url).hostname, url: fetched.url, kind: "file" },
    };
  }
  const bytes = await readFileCapped(input, limits.maxBytes);
  const path = resolve(input);
  // Plain-text articles carry no site of their own: one source per folder keeps them together.
  return {
    bytes,
    origin: { key: `file://${path}`, fallbackTitle: basename(dirname(path)), kind: "file" },
  };
}
