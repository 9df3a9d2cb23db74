# Administrator commands: feed sources and statistics. Only users in ADMIN_IDS see or use them.

## Commands: listed by /help for administrators only, never in the public menu

command-sources = Feed sources and their health
command-addsource = Add a feed source
command-addsource-args = <url>
command-removesource = Remove a source and its articles
command-removesource-args = <id>
command-stats = Articles, sources, subscribers and today's digests

help-admin =
    <b>For administrators</b>

    { $commands }

## The gate

admin-only = Sorry, this command is only for the bot's administrators.
admin-private-only = Administrator commands only work in a private chat with me.

## /sources

admin-sources-empty = There are no feed sources yet. Add one like this: <code>/addsource https://example.org/rss</code>
admin-sources-header = <b>Feed sources: { $count }</b>
admin-sources-more = …and { $count ->
        [one] one more source
       *[other] { $count } more sources
    }. The full list: <code>vestnik sources list</code>
admin-source-title = <b>#{ $id }</b> { $title }
admin-source-meta = every { $interval } · { $articles ->
    [one] { $articles } article
   *[other] { $articles } articles
  }
admin-source-ok = ✅ fetched fine at { $time }
admin-source-new = ⏳ not fetched yet
admin-source-failing = ⚠️ { $failures ->
    [one] failed last time
   *[other] failed { $failures } times in a row
  }: { $error }
admin-source-next = next check at { $time }

## /addsource

admin-addsource-usage = Send the feed's address, for example: <code>/addsource https://example.org/rss</code>. A site's page works too if it announces its feed.
admin-addsource-added = Added <b>#{ $id }</b> { $title }: { $articles ->
    [0] no new articles yet
    [one] { $articles } article stored
   *[other] { $articles } articles stored
  }. I'll check it every { $interval }.
admin-addsource-discovered = The page { $page } pointed me to its feed: { $url }
admin-addsource-exists = That feed is already a source: <b>#{ $id }</b> { $title }.
admin-addsource-invalid-url = That doesn't look like a web address: { $detail }
admin-addsource-unreachable = I couldn't fetch { $url }: { $detail }. Nothing was added.
admin-addsource-not-feed = { $url } is not a news feed: { $detail }. Nothing was added.

## /removesource

admin-removesource-usage = Send the source's number from /sources, for example: <code>/removesource 3</code>
admin-removesource-missing = There is no source #{ $id }. See the list: /sources
admin-removesource-done = Removed <b>#{ $id }</b> { $title } along with { $articles ->
    [0] no articles
    [one] its only article
   *[other] its { $articles } articles
  }.

## /stats

admin-stats =
    <b>Statistics</b>

    Articles: { $articles }
    Sources: { $sources }, of them polled feeds: { $feeds } (failing: { $failing })
    Digest subscribers: { $subscribers }
    Digests sent today: { $digests }

    <i>“Today” starts at midnight, { $timeZone } time.</i>
