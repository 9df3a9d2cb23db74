import type { Db } from "../client.js";
import { createAlertRepository } from "./alerts.js";
import { createArticleTopicRepository } from "./article-topics.js";
import { createArticleRepository } from "./articles.js";
import { createDeliveryRepository } from "./deliveries.js";
import { createDigestArticleRepository } from "./digest-articles.js";
import { createOperationsRepository } from "./operations.js";
import { createSearchQueryRepository } from "./search-queries.js";
import { createSourceRepository } from "./sources.js";
import { createStatsRepository } from "./stats.js";
import { createSubscriberRepository } from "./subscribers.js";

export function createRepositories(db: Db) {
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
    alerts: createAlertRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
export type { Subscriber, SubscriberDefaults } from "./subscribers.js";
export type { TopicAssignment } from "./article-topics.js";
export type { ArticleCursor, ArticleListItem, NewArticle } from "./articles.js";
