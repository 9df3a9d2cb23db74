import type { Db } from "../client.js";
import { createArticleTopicRepository } from "./article-topics.js";
import { createArticleRepository } from "./articles.js";
import { createSearchQueryRepository } from "./search-queries.js";
import { createSourceRepository } from "./sources.js";
import { createSubscriberRepository } from "./subscribers.js";

export function createRepositories(db: Db) {
  return {
    articles: createArticleRepository(db),
    articleTopics: createArticleTopicRepository(db),
    sources: createSourceRepository(db),
    searchQueries: createSearchQueryRepository(db),
    subscribers: createSubscriberRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
export type { Subscriber, SubscriberDefaults } from "./subscribers.js";
export type { TopicAssignment } from "./article-topics.js";
export type { ArticleCursor, ArticleListItem, NewArticle } from "./articles.js";
