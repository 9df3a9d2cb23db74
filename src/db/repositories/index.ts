import type { Db } from "../client.js";
import { createAlertRepository } from "./alerts.js";
import { createArticleTopicRepository } from "./article-topics.js";
import { createArticleRepository } from "./articles.js";
import { createChatManagerRepository } from "./chat-managers.js";
import { createDeliveryRepository } from "./deliveries.js";
import { createDigestArticleRepository } from "./digest-articles.js";
import { createOperationsRepository } from "./operations.js";
import { createSendBudgetRepository } from "./send-budgets.js";
import { createSearchQueryRepository } from "./search-queries.js";
import { createSourceRepository } from "./sources.js";
import { createStatsRepository } from "./stats.js";
import { createStoryRepository } from "./stories.js";
import { createStoryBacklogRepository } from "./story-backlog.js";
import { createStoryListRepository } from "./story-lists.js";
import { createSubscriberRepository } from "./subscribers.js";
import { createUpdateRepository } from "./updates.js";

function createBoundRepositories(db: Db) {
  return {
    articles: createArticleRepository(db),
    articleTopics: createArticleTopicRepository(db),
    sources: createSourceRepository(db),
    stats: createStatsRepository(db),
    searchQueries: createSearchQueryRepository(db),
    subscribers: createSubscriberRepository(db),
    deliveries: createDeliveryRepository(db),
    digestArticles: createDigestArticleRepository(db),
    operations: createOperationsRepository(db),
    updates: createUpdateRepository(db),
    sendBudgets: createSendBudgetRepository(db),
    stories: createStoryRepository(db),
    storyBacklog: createStoryBacklogRepository(db),
    storyLists: createStoryListRepository(db),
    chatManagers: createChatManagerRepository(db),
    alerts: createAlertRepository(db),
  };
}

/** Repositories bound to one open transaction. */
export type TransactionRepositories = ReturnType<typeof createBoundRepositories>;

export function createRepositories(db: Db) {
  return {
    ...createBoundRepositories(db),
    /**
     * Runs `work` in one transaction with repositories bound to it: everything they write commits
     * or rolls back together. Use only the given repositories inside (PGlite has one connection:
     * a statement on the outer ones would wait for the transaction forever).
     */
    transaction<T>(work: (tx: TransactionRepositories) => Promise<T>): Promise<T> {
      return db.transaction((tx) => work(createBoundRepositories(tx as unknown as Db)));
    },
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
export type { Subscriber, SubscriberDefaults, SubscriptionKey, SubscriptionRef } from "./subscribers.js";
export { describeKey, keyOf, TOPIC_GONE } from "./subscribers.js";
export type { TopicAssignment } from "./article-topics.js";
export type { ArticleCursor, ArticleListItem, NewArticle } from "./articles.js";
export type { StoryListItem, StoryPage } from "./story-lists.js";
