## Instant alerts: /alert, /alerts, /quiet and the alert messages (src/alerts).
## Telegram HTML: write &amp; &lt; &gt; for a literal & < >. Variables are escaped by the code.
## alert-toast-* answer a button press: plain text, no HTML, at most 200 characters.

command-alert = Alert me at once about new stories
command-alert-args = <words or topic>
command-alerts = Your alerts: list, remove, pause
command-quiet = Quiet hours for alerts
command-quiet-args = HH:MM-HH:MM | off

alert-usage =
    Tell me what to watch, for example:
    /alert Tokayev
    /alert Kyrgyzstan gas
    /alert "martial law" -Korea
    /alert topic energy
    Words match all their forms; "quotes" make a phrase, -word excludes. You get one message per new story.
    For a channel you manage, in our private chat: /alert @yourchannel Tokayev.
alert-empty-query = There is nothing to watch in that: use words that are not all excluded or too common.
alert-added = 🔔 Watching: <b>{ $watch }</b>. You'll get one message for each new story that matches.
alert-added-topic = 🔔 Watching the topic <b>{ $watch }</b>. You'll get one message for each new story in it.
alert-duplicate = You are already watching <b>{ $watch }</b>.
alert-unknown-topic = I don't know the topic <b>{ $name }</b>. /topics lists them all.
alert-limit = A chat can have at most { $limit } alerts. Remove one in /alerts first.
alert-last-match = The latest story that matches:
alert-no-match-yet = Nothing in the news matches it yet.
alert-admins-only = Only the group's administrators can change its alerts.

alerts-title = <b>Your alerts</b>
alerts-title-group = <b>This group's alerts</b>
alerts-for = Alerts for: <b>{ $chat }</b>
alerts-none-channel = { $chat } has no alerts yet. Start one with /alert { $chat } &lt;words or topic&gt;.
alert-added-channel = 🔔 { $channel } watches: <b>{ $watch }</b>. The channel gets one post for each new story that matches.
alert-added-topic-channel = 🔔 { $channel } watches the topic <b>{ $watch }</b>. The channel gets one post for each new story in it.
alert-channel-unknown = You don't manage { $channel } with me. /channels connects a channel; to watch a word, write it without the @.
alerts-none = You have no alerts yet. Start one with /alert &lt;words or topic&gt;.
alerts-none-group = The group has no alerts yet. Its administrators start one with /alert &lt;words or topic&gt;.
alerts-count = { $count ->
    [one] { $count } watch of { $limit }
   *[other] { $count } watches of { $limit }
}
alerts-line = { $n }. { $watch }
alerts-line-topic = { $n }. topic: { $watch }
alerts-muted-mark = (muted)
alerts-state-on = 🔔 Alerts are <b>on</b>.
alerts-state-paused = ⏸ Alerts are <b>paused</b>: nothing is sent until you resume.
alerts-quiet = 🌙 Quiet hours: <b>{ $start }–{ $end }</b> ({ $timeZone }); alerts then wait and come as one message. Change with /quiet.
alerts-quiet-off = 🌙 Quiet hours: <b>off</b>. Set them with /quiet 23:00-08:00.
alerts-cap = At most { $cap } alert messages an hour; beyond that, the rest come together an hour later.

alerts-button-remove = ✖ { $watch }
alerts-button-unmute = 🔔 Unmute { $watch }
alerts-button-pause = ⏸ Pause alerts
alerts-button-resume = ▶ Resume alerts
alerts-button-quiet-off = 🌙 Quiet hours off
alerts-button-quiet-on = 🌙 Quiet hours 23:00–08:00

alert-toast-muted = Muted: { $watch }
alert-toast-unmuted = Unmuted: { $watch }
alert-toast-removed = Removed: { $watch }
alert-toast-gone = This alert no longer exists.
alert-toast-admins-only = Only administrators can change this chat's alerts.

quiet-usage = Quiet hours hold alerts and send them as one message when they end. Say /quiet 23:00-08:00, or /quiet off.
quiet-set = 🌙 Quiet hours: <b>{ $start }–{ $end }</b> in { $timeZone }.
quiet-off = 🌙 Quiet hours are off: alerts come at any time.

settings-button-alerts = ⚡ Alerts

# The alert message itself (sent by the alert dispatcher, outside any update).
alert-header = ⚡ <b>Alert</b>
alert-matched = 🔎 Your alert: <i>{ $watch }</i>
alert-button-mute = 🔕 Mute “{ $watch }”
alert-held-header = { $count ->
    [one] ⚡ <b>{ $count } alert</b> held for you
   *[other] ⚡ <b>{ $count } alerts</b> held for you
}
alert-held-more = { $count ->
    [one] …and { $count } more story.
   *[other] …and { $count } more stories.
}
alert-held-footer = Held during quiet hours or over the hourly limit. /alerts to change.
