# Daily digest texts (src/digest). Telegram HTML: write &amp; &lt; &gt; for a literal & < >.
# Variables are escaped by the code before they get here.

# $date is already formatted in the reader's language and time zone, e.g. "Tuesday, 4 March".
digest-header = <b>Your news digest · { $date }</b>
# Shown on top of the second and later messages of a digest that did not fit in one.
digest-header-continued = <b>Your news digest · { $date }</b> (continued)
# Group title for articles that belong to none of the reader's topics (all-news readers only).
digest-topic-other = Other news
# Repeated at the top of a message when a topic group carries on from the previous one.
digest-topic-continued = { $topic } (continued)
# With DIGEST_SEND_EMPTY=true, instead of a digest with nothing in it.
digest-empty =
    <b>Your news digest · { $date }</b>

    Nothing new since your last digest. Until tomorrow!

# After the article's source: how many other outlets reported the same event; $names the first of them (already escaped).
digest-others = +{ $count } { $count ->
    [one] outlet
   *[other] outlets
}: { $names }
# To a channel's managers when the digest could no longer be posted there. $cause: removed | rights | topic | other.
channel-stopped =
    ⚠️ I stopped posting the digest to { $channel }: { $cause ->
        [removed] I was removed from the channel.
        [rights] I no longer have the right to post messages there.
        [topic] its topic was deleted.
       *[other] Telegram refused my posts.
    }
    Fix it and send <code>/connect { $channel }</code> to start again.
