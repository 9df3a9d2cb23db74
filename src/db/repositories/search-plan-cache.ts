import { sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { articles } from "../schema.js";
import { chooseSearchPlan, type SearchPlan } from "./articles.js";
import { indexCondition } from "./search-query.js";

/**
 * How long a query's plan choice is trusted. A word's frequency changes over days, not minutes; the
 * EXPLAIN that measures it is a planning pass of its own (tens of ms for prefix words on a busy
 * server), paid again on every page of a search and every keystroke of an inline query that repeats.
 */
const PLAN_TTL_MS = 10 * 60_000;
const MAX_QUERIES = 2_000;

export interface SearchPlanCache {
  choose(db: Db, query: string, fewMatches?: number): Promise<SearchPlan>;
  /** Overrides the choice for a query: a walk that found its word only far back in time. */
  set(query: string, fewMatches: number | undefined, plan: SearchPlan): void;
}

/** Remembers the plan chosen for each query text (per repository set, so per database). */
export function createSearchPlanCache(now: () => number = Date.now): SearchPlanCache {
  const plans = new Map<string, { plan: SearchPlan; until: number }>();
  const keyOf = (query: string, fewMatches: number | undefined) => `${fewMatches ?? ""}\u0000${query.trim().toLowerCase()}`;
  const remember = (key: string, plan: SearchPlan) => {
    plans.delete(key);
    // Oldest entries first in a Map's order: drop one when full.
    if (plans.size >= MAX_QUERIES) plans.delete(plans.keys().next().value!);
    plans.set(key, { plan, until: now() + PLAN_TTL_MS });
  };
  return {
    async choose(db, query, fewMatches) {
      const key = keyOf(query, fewMatches);
      const hit = plans.get(key);
      if (hit && hit.until > now()) return hit.plan;
      // Measured on what the index answers: see indexCondition.
      const plan = await chooseSearchPlan(db, indexCondition(query, sql`${articles.tsv}`), fewMatches);
      remember(key, plan);
      return plan;
    },
    set(query, fewMatches, plan) {
      remember(keyOf(query, fewMatches), plan);
    },
  };
}
