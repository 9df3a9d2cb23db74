## Daily digest subscription: /subscribe, /unsubscribe, /digest and the replies about them.
## Telegram HTML: write &amp; &lt; &gt; for a literal & < >. Variables are escaped by the code.

command-subscribe = Daily digest: all news or chosen topics
command-subscribe-args = [topics]
command-unsubscribe = Stop the daily digest
command-digest = Preview your digest now

subscribe-all-news = <b>all news</b>
# $count: how many topics $what names; 0 when $what is "all news". $chat: private or group (a group or a forum topic).
subscribe-done =
    ✅ { $chat ->
        [group] This chat is
       *[private] You're
    } subscribed to { $count ->
        [0] { $what }
        [1] the topic { $what }
       *[other] the topics { $what }
    }.
subscribe-resumed =
    ✅ { $chat ->
        [group] The digest resumes in this chat with
       *[private] Welcome back! Your digest resumes with
    } { $count ->
        [1] your topic
       *[other] your topics
    }: { $what }.
    For all news instead, send <code>/subscribe all</code>.
# $time "08:00", $timeZone "Asia/Bishkek"
subscribe-when = Your digest comes every day at <b>{ $time }</b>, { $timeZone } time.
subscribe-next =
    { $next ->
        [soon] The next one is on its way within a few minutes.
        [today] Next: today at { $time }.
       *[tomorrow] Next: tomorrow at { $time }.
    }
subscribe-next-not-here = This terminal chat sends no digests on schedule: <code>vestnik run</code> delivers them in Telegram. Send /digest to see yours now.
subscribe-settings-hint = Time, time zone, topics and language: /settings
subscribe-blocked-hint = Digests are paused because I couldn't reach this chat. Send /subscribe to resume them.
subscribe-off-hint = Digests are off for now: /subscribe turns them on.

# $unknown: the names as typed, each already quoted, joined with commas.
subscribe-unknown =
    { $count ->
        [one] I don't know the topic { $unknown },
       *[other] I don't know these topics: { $unknown },
    } so nothing has changed.

    Topics you can choose:
    { $topics }

    For example: <code>/subscribe { $example }</code>, or just <code>/subscribe</code> for all news.
subscribe-unknown-name = “{ $name }”
subscribe-topic-line = • { $name } — <code>{ $slug }</code>
subscribe-topics-more = …and { $count ->
        [one] one more topic
       *[other] { $count } more topics
    }: /topics

unsubscribe-done = 🔕 Digests stopped. Your topics and digest time are kept: send /subscribe whenever you want them back.
unsubscribe-not-subscribed = You aren't subscribed, so there's nothing to stop. /subscribe starts a daily digest.

## /digest: a preview that does not count as the day's digest

digest-preview-empty-since = Nothing new since your last digest yet. Please check back later.
digest-preview-empty-day = Nothing new in the last 24 hours yet. Please check back later.
digest-preview-topics = Your topics: { $what }.
digest-preview-subscribe-hint = This was a preview. Send /subscribe to get a digest like this every day at { $time }.
