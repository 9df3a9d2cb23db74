import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/main.js";
import { runCli } from "../helpers/run-cli.js";

const OPTIONS: Record<string, string[]> = {
  run: [],
  ingest: ["--source"],
  sources: ["--every", "--format", "add", "list", "remove", "import", "export"],
  classify: [],
  topics: ["retag"],
  digest: ["--now"],
  chat: ["--lang", "--sample"],
  migrate: [],
  start: [],
};

let out = "";
let err = "";
const saved = { ...process.env };

/** main() in this process, its stdout and stderr captured: quick enough to walk every command. */
async function vestnik(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  out = "";
  err = "";
  const code = await main(args);
  return { code, stdout: out, stderr: err };
}

beforeEach(() => {
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((err += String(chunk)), true));
  // Nothing may be opened: every case below must end before the database or the network.
  process.env.DATA_DIR = "/nonexistent/vestnik-help";
  delete process.env.DATABASE_URL;
  delete process.env.BOT_TOKEN;
});

afterEach(() => {
  vi.restoreAllMocks();
  process.env = { ...saved };
});

describe("vestnik help", () => {
  it("lists every command with its synopsis", async () => {
    const result = await vestnik("help");
    expect(result.code).toBe(0);
    for (const name of Object.keys(OPTIONS)) expect(result.stdout).toMatch(new RegExp(`^  ${name}\\s+\\S`, "m"));
    expect(result.stdout).toMatch(/vestnik ingest \[--source <title>\]/);
    expect(result.stdout).toMatch(/vestnik chat \[--lang <code>\] \[--sample\]/);
  });

  it.each(Object.entries(OPTIONS))("`%s --help` prints the usage and every option, exit 0", async (name, options) => {
    for (const args of [[name, "--help"], [name, "-h"], ["help", name]]) {
      const result = await vestnik(...args);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: vestnik ${name}`));
      expect(result.stdout).toMatch(/--help/);
      for (const option of options) expect(result.stdout).toContain(option);
    }
  });

  it.each(Object.keys(OPTIONS))("`%s --bogus` names the option and shows the usage, exit 2", async (name) => {
    const result = await vestnik(...(name === "sources" ? [name, "list", "--bogus"] : [name, "--bogus"]));
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines[0]).toBe(`vestnik ${name}: unknown option --bogus`);
    expect(lines[1]).toMatch(new RegExp(`^Usage: vestnik ${name}`));
    expect(result.stderr).not.toMatch(/ at |positional argument/);
  });

  it("names a missing option value", async () => {
    const result = await vestnik("chat", "--lang");
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe("vestnik chat: option --lang needs a value");
  });
});

describe("vestnik --help as a process", () => {
  it("answers even when the configuration is broken", async () => {
    vi.restoreAllMocks();
    const result = await runCli(["ingest", "--help"], { LOG_LEVEL: "loud" });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: vestnik ingest \[--source <title>\]/);
    expect(result.stdout).toMatch(/--source <title>\s+store the articles under this source title/);
  });
});
