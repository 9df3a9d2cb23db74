## Channels managed from a private chat (/channels, /connect, /disconnect), admin-only commands in groups.
## Telegram HTML: write &amp; &lt; &gt; for a literal & < >. Variables are escaped by the code.
## *-toast and channel-not-* answer button presses too: plain text, at most 200 characters.

command-channels = Channels you post the digest to
command-connect = Connect a channel you run
command-connect-args = @channel
command-disconnect = Stop posting to a channel

chat-admin-only = Only the group's administrators can change its digest and settings.
chat-admin-only-toast = Only the group's administrators can change this.
channel-not-yours = You don't manage this channel with me.
channel-not-admin-any-more = You are no longer an administrator of { $channel }, so you can't manage it here any more.

settings-for = Settings for: <b>{ $chat }</b>
settings-switch-own = 👤 My chat

channels-none =
    You haven't connected any channels yet.

    To post the daily digest to a channel you run:
    1. Add me to the channel as an administrator allowed to post messages.
    2. Send <code>/connect @yourchannel</code>, forward me any post from the channel, or press the button below.
channels-button-pick = 📢 Choose a channel
channels-button-disconnect = ✖️ Disconnect
channels-title =
    { $count ->
        [one] <b>Your channel</b>
       *[other] <b>Your { $count } channels</b>
    }
# $state is one of channels-state-*
channels-line = • { $channel }: { $state }
channels-state-on = digest on
channels-state-off = digest off
channels-state-stopped = stopped ({ $reason })
channels-hint = ⚙️ opens a channel's settings; /settings switches between your chat and your channels. /connect adds another one.

connect-how =
    Send <code>/connect @yourchannel</code>, forward me any post from the channel, or press the button below.
    Before that, add me to the channel as an administrator allowed to post messages.
connect-bad-name = “{ $input }” is not a channel name. Write it like <code>/connect @yourchannel</code> or <code>/connect https://t.me/yourchannel</code>.
connect-private-only = Channels are connected in a private chat with me: open { $bot } and send /connect there.
connect-not-found = I can't see that channel. Check the name, and make sure { $bot } is added to the channel as an administrator (a private channel is only visible to me once I'm in it).
connect-not-channel = { $chat } is not a channel. For a group, add me to the group and send /subscribe there.
connect-reader-not-admin = You are not an administrator of { $channel }. Only its administrators can connect it.
connect-bot-not-admin =
    I am not an administrator of { $channel }.
    Open the channel → Administrators → Add administrator → { $bot }, allow <b>Post messages</b>, then try again.
connect-bot-cannot-post =
    I am an administrator of { $channel }, but without the right to <b>Post messages</b>.
    Open the channel → Administrators → { $bot }, switch on <b>Post messages</b>, then try again.
connect-done = ✅ { $channel } is connected: it gets the daily digest of <b>all news</b>.
connect-again = ✅ { $channel } is connected again, with its earlier settings.
connect-settings-hint = Topics, time, time zone and language for the channel: /settings → { $channel }. Stop: /disconnect

disconnect-none = You haven't connected any channels. /connect adds one.
disconnect-unknown = You don't manage a channel by that name with me. /channels lists yours.
disconnect-choose = Which channel should I stop posting to?
disconnect-confirm = Stop posting to { $channel } and forget its settings?
disconnect-button-yes = Yes, disconnect
disconnect-button-no = Cancel
disconnect-done = { $channel } is disconnected: no more digests, its settings are forgotten.
disconnect-cancelled = Nothing changed: { $channel } keeps getting its digest.
