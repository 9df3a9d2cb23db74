import pino from "pino";
import { describe, expect, it } from "vitest";
import { createAlertMatcher } from "../../src/alerts/matcher.js";
import { createRepositories } from "../../src/db/repositories/index.js";
import { createTestDatabase } from "../helpers/test-db.js";

describe("alert matcher shutdown", () => {
  it("stops checking the watch revision once stopped, so closing the database logs nothing", async () => {
    const database = await createTestDatabase();
    const repos = createRepositories(database.db);
    const logged: string[] = [];
    const logger = pino({ level: "debug" }, { write: (line: string) => void logged.push(line) });
    let revisionChecks = 0;
    const repo = {
      ...repos.alerts,
      revision: async () => {
        revisionChecks++;
        return repos.alerts.revision();
      },
    };
    const matcher = createAlertMatcher({ repo, revisionCheckMs: 20, logger });
    await matcher.index();
    // The background check runs while the matcher is live…
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(revisionChecks).toBeGreaterThan(2);
    matcher.stop();
    await database.close();
    const after = revisionChecks;
    // …and not after it was stopped: a check now would fail on the closed database and log it.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(revisionChecks).toBe(after);
    expect(logged.filter((line) => line.includes('"level":50'))).toEqual([]);
  });
});
