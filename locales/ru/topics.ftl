## /topics и /topic

command-topics = Новости по темам
command-topic = Свежие новости на тему
command-topic-args = <тема>

topics-choose = <b>Темы</b>
    Выберите тему, чтобы увидеть свежие новости, или отправьте <code>/topic Центральная Азия</code>.
topic-header = <b>{ $topic }: свежие новости</b>
topic-header-older = <b>{ $topic }: более ранние новости</b>
topic-empty = Новостей на тему «{ $topic }» пока нет. Загляните позже.
topic-unknown-search = <b>Темы «{ $query }» нет</b>, поэтому вот что нашёл поиск:
topic-unknown-empty = Темы «{ $query }» нет, и поиск ничего не нашёл. Выберите тему:
