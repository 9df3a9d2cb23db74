// Held alerts ride in the digest when it comes first: a reader whose quiet hours end after their
// morning digest should find the night's alerts at the top of it, not in a second message later.
import type { AlertRepository } from "../db/repositories/alerts.js";
import type { HeldAlertFolding } from "../digest/deliver.js";
import type { Translate } from "../digest/texts.js";
import { composeHeldAlerts } from "./compose.js";

export interface HeldAlertFoldingDeps {
  repo: Pick<AlertRepository, "claimHeld" | "settle" | "release">;
  t: Translate;
  /** Leases are held in this name (unique per process). */
  worker: string;
  /** How long the digest delivery may hold them (DIGEST_LEASE): after it, the dispatcher takes them. */
  leaseMs: number;
}

export function createHeldAlertFolding(deps: HeldAlertFoldingDeps): HeldAlertFolding {
  return {
    async claim(subscriber, locale) {
      const rows = await deps.repo.claimHeld(subscriber.id, deps.worker, deps.leaseMs);
      if (rows.length === 0) return undefined;
      return { ids: rows.map((row) => row.id), text: composeHeldAlerts(rows, locale, deps.t) };
    },
    async delivered(ids, messageId) {
      await deps.repo.settle(ids, deps.worker, { status: "sent", messageId });
    },
    async release(ids) {
      await deps.repo.release(ids, deps.worker);
    },
  };
}
