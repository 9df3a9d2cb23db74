## /topics and /topic

command-topics = News by topic
command-topic = The newest stories on a topic
command-topic-args = <topic>

topics-choose = <b>Topics</b>
    Pick one to see its newest stories, or send <code>/topic Central Asia</code>.
topic-header = <b>{ $topic }: latest news</b>
topic-header-older = <b>{ $topic }: earlier news</b>
topic-empty = No news on “{ $topic }” yet. Please check back later.
topic-unknown-search = <b>There is no topic “{ $query }”</b>, so here is what a search finds instead:
topic-unknown-empty = There is no topic “{ $query }”, and a search finds nothing either. Pick a topic:
