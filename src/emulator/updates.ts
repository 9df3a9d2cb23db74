import type { Update } from "grammy/types";
import { ApiError, intParam, type Params } from "./errors.js";

export type NewUpdate = Omit<Update, "update_id">;

/** Which request loses when two getUpdates overlap. Telegram ends the older one. */
export type PollConflict = "older" | "newer";

// Telegram's default when allowed_updates is empty or was never set.
const OPT_IN_TYPES = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

interface PendingPoll {
  limit: number;
  finish: (result: Update[] | undefined | ApiError) => void;
}

const conflict = () =>
  new ApiError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");

export const updateType = (update: NewUpdate): string => Object.keys(update).find((key) => key !== "update_id") ?? "";

/** The update queue behind getUpdates: offsets confirm, long polls wait, overlapping polls conflict. */
export class UpdateQueue {
  private queue: Update[] = [];
  private nextId = 100_000;
  private pending: PendingPoll | undefined;
  private allowed: Set<string> | undefined;
  private closed = false;

  constructor(private readonly conflictMode: PollConflict) {}

  get size(): number {
    return this.queue.length;
  }

  get polling(): boolean {
    return this.pending !== undefined;
  }

  push(update: NewUpdate): Update {
    const full = { update_id: this.nextId++, ...update };
    this.queue.push(full);
    // Deferred so updates pushed in one synchronous burst reach a waiting poll together.
    setImmediate(() => this.wake());
    return full;
  }

  dropPending(): void {
    this.queue = [];
  }

  /**
   * Resolves with the updates to answer, or undefined when the client went away first.
   * Rejects with an ApiError (409) when this poll loses a conflict.
   */
  poll(params: Params, signal: AbortSignal): Promise<Update[] | undefined> {
    if (this.pending) {
      if (this.conflictMode === "newer") return Promise.reject(conflict());
      this.pending.finish(conflict());
    }
    this.confirm(intParam(params, "offset"));
    const allowed = params.allowed_updates;
    if (Array.isArray(allowed)) this.allowed = allowed.length > 0 ? new Set(allowed.map(String)) : undefined;
    const limit = Math.min(100, Math.max(1, intParam(params, "limit") ?? 100));
    const timeout = Math.max(0, intParam(params, "timeout") ?? 0);
    const ready = this.ready(limit);
    if (ready.length > 0 || timeout === 0 || this.closed) return Promise.resolve(ready);

    return new Promise((resolve, reject) => {
      const finish = (result: Update[] | undefined | ApiError) => {
        if (this.pending !== poll) return;
        this.pending = undefined;
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        if (result instanceof ApiError) reject(result);
        else resolve(result);
      };
      const poll: PendingPoll = { limit, finish };
      const onAbort = () => finish(undefined);
      const timer = setTimeout(() => finish([]), timeout * 1000);
      signal.addEventListener("abort", onAbort);
      this.pending = poll;
    });
  }

  /** Answers a waiting poll with an empty batch and answers later polls at once. */
  close(): void {
    this.closed = true;
    this.pending?.finish([]);
  }

  private confirm(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    if (offset > 0) this.queue = this.queue.filter((u) => u.update_id >= offset);
    // A negative offset keeps only the last -offset updates and forgets the rest.
    else this.queue = this.queue.slice(offset);
  }

  private ready(limit: number): Update[] {
    const allowed = this.allowed;
    const wanted = (u: Update) => {
      const type = updateType(u);
      return allowed ? allowed.has(type) : !OPT_IN_TYPES.has(type);
    };
    return this.queue.filter(wanted).slice(0, limit);
  }

  private wake(): void {
    const pending = this.pending;
    if (!pending) return;
    const ready = this.ready(pending.limit);
    if (ready.length > 0) pending.finish(ready);
  }
}
