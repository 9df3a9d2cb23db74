import { onButton } from "../button-route.js";
import { Composer, InlineKeyboard } from "grammy";
import { cleanQuery, type ArticleCursor, type NewsQueries } from "../../news/queries.js";
import type { TopicService } from "../../topics/service.js";
import type { Topic } from "../../topics/types.js";
import { encodeCallback } from "../callback-data.js";
import type { Context } from "../context.js";
import { showArticlePage } from "../paging.js";
import { encodeTopicAction, TOPIC_BUTTONS } from "../topic-callback.js";
import { SEARCH_PAGE_SIZE } from "./search.js";
import { escapeHtml, truncate } from "../../shared/telegram-html.js";

export const TOPIC_PAGE_SIZE = 10;
const BUTTONS_PER_ROW = 2;

export interface TopicsDeps {
  topics: Pick<TopicService, "topics" | "resolve" | "bySlug" | "latest">;
  news: Pick<NewsQueries, "search" | "rememberQuery">;
}

function topicName(ctx: Context, topic: Topic): string {
  return topic.names[ctx.locale];
}

function topicKeyboard(ctx: Context, topics: readonly Topic[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  topics.forEach((topic, i) => {
    if (i > 0 && i % BUTTONS_PER_ROW === 0) keyboard.row();
    keyboard.text(topicName(ctx, topic), encodeTopicAction({ kind: "open", slug: topic.slug }));
  });
  return keyboard;
}

/** `/topics`, `/topic <name>` and the topic buttons. */
export function createTopicsFeature({ topics, news }: TopicsDeps): Composer<Context> {
  const composer = new Composer<Context>();

  const showTopics = (ctx: Context) =>
    ctx.reply(ctx.t("topics-choose"), { reply_markup: topicKeyboard(ctx, topics.topics) });

  /** Shows the topic's page; false when there was nothing to show. */
  const showTopic = async (ctx: Context, topic: Topic, mode: "reply" | "edit", before?: ArticleCursor) => {
    const name = escapeHtml(topicName(ctx, topic));
    const page = await topics.latest(topic.slug, TOPIC_PAGE_SIZE, before);
    if (page.items.length === 0) {
      if (mode === "reply") await ctx.reply(ctx.t("topic-empty", { topic: name }));
      return false;
    }
    const header = ctx.t(before ? "topic-header-older" : "topic-header", { topic: name });
    const olderData = (cursor: ArticleCursor) => encodeTopicAction({ kind: "older", slug: topic.slug, cursor });
    await showArticlePage(ctx, { page, header, olderData }, mode);
    return true;
  };

  composer.command("topics", (ctx) => showTopics(ctx));

  composer.command("topic", async (ctx) => {
    const phrase = cleanQuery(ctx.match);
    if (!phrase) return showTopics(ctx);
    const topic = topics.resolve(phrase);
    if (topic) {
      await showTopic(ctx, topic, "reply");
      return;
    }

    // Not a topic name: readers typing "/topic Бишкек" still deserve news about it.
    const shown = escapeHtml(truncate(phrase, 100));
    const page = await news.search(phrase, SEARCH_PAGE_SIZE);
    if (page.items.length === 0) {
      return ctx.reply(ctx.t("topic-unknown-empty", { query: shown }), {
        reply_markup: topicKeyboard(ctx, topics.topics),
      });
    }
    const olderData = async (cursor: ArticleCursor) =>
      encodeCallback({ kind: "search", queryId: await news.rememberQuery(ctx.chat.id, phrase), cursor });
    await showArticlePage(ctx, { page, header: ctx.t("topic-unknown-search", { query: shown }), olderData }, "reply");
  });

  onButton(composer, TOPIC_BUTTONS, async (ctx, action) => {
    const topic = topics.bySlug(action.slug);
    // A topic removed from TOPICS_FILE since the button was sent.
    if (!topic) return ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
    if (action.kind === "open") {
      await ctx.answerCallbackQuery();
      await showTopic(ctx, topic, "reply");
      return;
    }
    const shown = await showTopic(ctx, topic, "edit", action.cursor);
    await ctx.answerCallbackQuery(shown ? undefined : { text: ctx.t("button-outdated") });
  });

  return composer;
}
