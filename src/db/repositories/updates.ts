import { and, asc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { processedUpdates } from "../schema.js";

export interface PendingUpdate {
  updateId: number;
  payload: unknown;
}

const leaseEnd = (leaseMs: number) => sql`now() + ${leaseMs} * interval '1 millisecond'`;

/**
 * Webhook updates claimed with a lease and completed after they were handled. Times come from the
 * database's clock, which every instance shares.
 */
export function createUpdateRepository(db: Db) {
  return {
    /**
     * Claims an update and keeps its body: true when it is new, or when an earlier claim ran out
     * before the update was done (the process holding it died); false for a done or held one.
     */
    async claim(updateId: number, payload: unknown, leaseMs: number): Promise<boolean> {
      const rows = await db
        .insert(processedUpdates)
        .values({ updateId, payload, leaseUntil: leaseEnd(leaseMs) })
        .onConflictDoUpdate({
          target: processedUpdates.updateId,
          set: { leaseUntil: leaseEnd(leaseMs), payload },
          setWhere: sql`${processedUpdates.doneAt} is null and coalesce(${processedUpdates.leaseUntil}, '-infinity') < now()`,
        })
        .returning({ updateId: processedUpdates.updateId });
      return rows.length > 0;
    },

    /** Marks a handled update done; its body is no longer needed. */
    async complete(updateId: number): Promise<void> {
      await db
        .update(processedUpdates)
        .set({ doneAt: sql`now()`, payload: null, leaseUntil: null })
        .where(eq(processedUpdates.updateId, updateId));
    },

    /** Keeps the claims of updates still waiting or running in this process. */
    async extend(updateIds: number[], leaseMs: number): Promise<void> {
      if (updateIds.length === 0) return;
      await db
        .update(processedUpdates)
        .set({ leaseUntil: leaseEnd(leaseMs) })
        .where(and(inArray(processedUpdates.updateId, updateIds), isNull(processedUpdates.doneAt)));
    },

    /** Claims up to `limit` updates whose holder's lease ran out before they were done, oldest first. */
    async takeExpired(limit: number, leaseMs: number): Promise<PendingUpdate[]> {
      if (limit <= 0) return [];
      const expired = db
        .select({ id: processedUpdates.updateId })
        .from(processedUpdates)
        .where(and(isNull(processedUpdates.doneAt), lt(processedUpdates.leaseUntil, sql`now()`)))
        .orderBy(asc(processedUpdates.updateId))
        .limit(limit)
        .for("update", { skipLocked: true });
      const rows = await db
        .update(processedUpdates)
        .set({ leaseUntil: leaseEnd(leaseMs) })
        .where(inArray(processedUpdates.updateId, expired))
        .returning({ updateId: processedUpdates.updateId, payload: processedUpdates.payload });
      return rows.sort((a, b) => a.updateId - b.updateId);
    },
  };
}

export type UpdateRepository = ReturnType<typeof createUpdateRepository>;
