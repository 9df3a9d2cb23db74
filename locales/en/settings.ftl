## /settings, /time and /timezone.
## Telegram HTML: write &amp; &lt; &gt; for a literal & < >. Variables are escaped by the code.
## settings-toast-* answer a button press: plain text, no HTML, at most 200 characters.

command-settings = Digest time, time zone, topics, language
command-time = Set the digest time
command-time-args = HH:MM
command-timezone = Set your time zone
command-timezone-args = <Area/City>

settings-title = <b>Settings</b>
settings-digest-on = 📬 Daily digest: <b>on</b>
settings-digest-off = 📭 Daily digest: <b>off</b>
settings-digest-blocked = 📭 Daily digest: <b>paused</b> (I couldn't reach this chat)
settings-summary =
    { $digest }
    🕗 Time: <b>{ $time }</b>
    🌍 Time zone: <b>{ $timeZone }</b> (it's { $localTime } there now)
    🗂 Topics: { $topics }
    🌐 Language: <b>{ $language }</b>
settings-language-auto = { $language } (as in Telegram)
settings-closed = <b>Your settings</b>

settings-button-time = 🕗 Digest time
settings-button-zone = 🌍 Time zone
settings-button-topics = 🗂 Topics
settings-button-language = 🌐 Language
settings-button-digest-on = 🔔 Turn the digest on
settings-button-digest-off = 🔕 Turn the digest off
settings-button-done = Done
settings-button-back = ← Back
settings-button-all-news = All news

settings-time-menu =
    <b>Digest time</b>

    Now: <b>{ $time }</b>, { $timeZone } time. Pick another one, or send <code>/time HH:MM</code> for any time of day, for example <code>/time 7:30</code>.
settings-zone-menu =
    <b>Time zone</b>

    Now: <b>{ $timeZone }</b>, where it's { $localTime }. Pick yours, or send <code>/timezone Area/City</code> for any other, for example <code>/timezone Europe/Berlin</code>.
settings-topics-menu =
    <b>Topics</b>

    Tick the topics you want in your digest. With none ticked, you get all news.
settings-language-menu =
    <b>Language</b>

    Which language should I use for my messages and your digest?

settings-toast-time = Digest time: { $time }
settings-toast-zone = Time zone: { $timeZone }. It's { $localTime } there now.
settings-toast-topic-on = Added: { $topic }
settings-toast-topic-off = Removed: { $topic }
settings-toast-all-news = You'll get all news
settings-toast-language = Language: English
settings-toast-digest-on = The daily digest is on
settings-toast-digest-off = The daily digest is off

settings-time-set = 🕗 Done: your digest comes every day at <b>{ $time }</b>, { $timeZone } time.
settings-time-invalid = I couldn't read “{ $input }” as a time of day. Send it as HH:MM in 24-hour format, for example <code>/time 07:30</code> or <code>/time 19:00</code>.
settings-zone-set = 🌍 Time zone: <b>{ $timeZone }</b>. It's { $localTime } there now, and your digest comes at { $time } local time.
settings-zone-invalid = I don't know the time zone “{ $input }”. Send its name as Area/City, for example <code>/timezone Europe/Berlin</code> or <code>/timezone America/New_York</code>, or pick one in /settings. All the names: <a href="https://en.wikipedia.org/wiki/List_of_tz_database_time_zones">list of time zones</a>.
