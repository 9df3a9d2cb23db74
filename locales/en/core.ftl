# Vestnik's English texts.
# Messages go out as Telegram HTML: write &amp; &lt; &gt; for a literal & < >.
# Variables are escaped by the code before they get here.
# command-* messages are plain text: they also fill Telegram's command menu (max 256 characters).

## Commands: the menu and /help

command-start = Introduction and main commands
command-help = All commands
command-latest = The newest stories
command-latest-args = [N]
command-search = Search the news
command-search-args = <words>

## /start and /help

start-greeting = Hello!
start-greeting-named = Hello, { $name }!
start =
    { $greeting } I'm <b>Vestnik</b>, a news bot. I gather articles from news sources and help you keep up with them: skim the latest headlines or search everything I've collected.

    To get started:
    { $commands }

help =
    <b>Commands</b>

    { $commands }

    For example: <code>/latest 10</code> or <code>/search oil prices</code>.
    Times are shown in the { $timeZone } time zone.

## /latest

latest-header = <b>Latest news</b>
latest-header-older = <b>Earlier news</b>
latest-clamped = <i>I show at most { $max ->
        [one] one story
       *[other] { $max } stories
    } at a time, so here { $max ->
        [one] is the newest.
       *[other] are the { $max } newest.
    }</i>
latest-usage = Send <code>/latest</code> or <code>/latest N</code>, where N is a whole number from 1 to { $max }. For example: <code>/latest { $example }</code>
latest-empty = No news yet: I haven't collected any articles so far. Please check back a little later.

## /search

search-usage = Tell me what to look for, for example: <code>/search oil prices</code>
search-header = <b>Results for “{ $query }”</b>
search-header-older = <b>Earlier results for “{ $query }”</b>
search-empty = Nothing found for “{ $query }”. Try other words, or fewer of them.

## Lists and buttons

untitled = (untitled)
button-older = Older →
button-outdated = This button is outdated. Please send the command again.

## Everything else

error-generic = Sorry, something went wrong. Please try again a little later.
fallback-unknown-command = I don't know that command. Here's what I can do: /help
fallback-text = I work with commands. Try /latest for the newest stories, or <code>/search</code> followed by a few words. All commands: /help

## Stories: one line per event, the other outlets in brief

# $count is how many other outlets reported the same; $names the first of them, e.g. "RIA Novosti, BBC, Mash…".
list-others = +{ $count } { $count ->
    [one] outlet
   *[other] outlets
}: { $names }
