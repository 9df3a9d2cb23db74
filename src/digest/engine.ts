import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Repositories } from "../db/repositories/index.js";
import type { Logger } from "../logger.js";
import type { Topic } from "../topics/types.js";
import { createDigestBuilder, type DigestBuilder } from "./build.js";
import { createDeliverer, type Deliverer, type HeldAlertFolding } from "./deliver.js";
import { createPacer, type Pacer } from "./pacer.js";
import { notifyChannelManagers } from "./channel-notice.js";
import { createDigestSender, type DigestSenderDeps } from "./send.js";
import { createSendApi } from "./send-api.js";

export interface DigestEngineDeps {
  repos: Repositories;
  topics: Topic[];
  /** DIGEST_SIZE, DIGEST_SEND_EMPTY, DIGEST_LEASE (ms). */
  size: number;
  sendEmpty: boolean;
  leaseMs: number;
  logger?: Logger;
  /** The process's pacer (SEND_RATE); pass the same one to everything that sends proactively. */
  pacer: Pacer;
  /** Either a ready API client or how to make one. Never one with auto-retry: 429s belong to the pacer. */
  api: DigestSenderDeps["api"] | { token: string; apiRoot: string };
  sender?: Omit<DigestSenderDeps, "api" | "pacer">;
  /** Held alerts folded into a digest that comes before their quiet hours end. Default: none. */
  heldAlerts?: HeldAlertFolding;
}

export interface DigestEngine {
  builder: DigestBuilder;
  deliverer: Deliverer;
  pacer: Pacer;
  worker: string;
  /** Deliveries kept in flight: enough to keep the pacer busy, few enough that leases stay fresh. */
  concurrency: number;
}

export function createWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/** Wires composition, sending and the ledger protocol for one process. */
export function createDigestEngine(opts: DigestEngineDeps): DigestEngine {
  const api =
    "token" in opts.api
      ? createSendApi(opts.api.token, { apiRoot: opts.api.apiRoot })
      : opts.api;
  const builder = createDigestBuilder({ repos: opts.repos, topics: opts.topics, size: opts.size });
  const sender = createDigestSender({ api, pacer: opts.pacer, ...opts.sender });
  const worker = createWorkerId();
  const deliverer = createDeliverer({
    repos: opts.repos,
    builder,
    sender,
    worker,
    leaseMs: opts.leaseMs,
    sendEmpty: opts.sendEmpty,
    logger: opts.logger,
    heldAlerts: opts.heldAlerts,
    // A channel that stopped taking posts: its managers hear why, through the same pacer.
    onDeactivated: async (subscriber, reason) => {
      if (subscriber.chatKind !== "channel") return;
      await notifyChannelManagers(
        { repos: opts.repos, send: (chatId, text) => sender.send(chatId, text) },
        subscriber,
        reason,
      );
    },
  });
  const rate = opts.pacer.rate;
  const concurrency = Math.min(128, Math.max(4, Number.isFinite(rate) ? Math.ceil(rate) : 128));
  return { builder, deliverer, pacer: opts.pacer, worker, concurrency };
}

export { createPacer };
