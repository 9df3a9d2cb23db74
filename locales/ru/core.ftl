# Тексты Вестника на русском.
# Сообщения уходят в Telegram как HTML: литеральные & < > пишите как &amp; &lt; &gt;.
# Переменные экранирует код до подстановки.
# Сообщения command-* — простой текст: они же попадают в меню команд Telegram (до 256 символов).

## Команды: меню и /help

command-start = Знакомство и главные команды
command-help = Список команд
command-latest = Самые свежие новости
command-latest-args = [N]
command-search = Поиск по новостям
command-search-args = <слова>

## /start и /help

start-greeting = Здравствуйте!
start-greeting-named = Здравствуйте, { $name }!
start =
    { $greeting } Я <b>Вестник</b> — новостной бот. Собираю статьи из новостных источников и помогаю быть в курсе: покажу свежие заголовки или найду нужное среди всего собранного.

    С чего начать:
    { $commands }

help =
    <b>Команды</b>

    { $commands }

    Например: <code>/latest 10</code> или <code>/search цены на нефть</code>.
    Время указано по часовому поясу { $timeZone }.

## /latest

latest-header = <b>Свежие новости</b>
latest-header-older = <b>Более ранние новости</b>
latest-clamped = <i>За раз я показываю не больше { $max } — вот самые свежие.</i>
latest-usage = Напишите <code>/latest</code> или <code>/latest N</code>, где N — целое число от 1 до { $max }. Например: <code>/latest { $example }</code>
latest-empty = Новостей пока нет: я ещё не успел ничего собрать. Загляните чуть позже.

## /search

search-usage = Напишите, что искать, например: <code>/search цены на нефть</code>
search-header = <b>Найдено по запросу «{ $query }»</b>
search-header-older = <b>Более ранние результаты по запросу «{ $query }»</b>
search-empty = По запросу «{ $query }» ничего не нашлось. Попробуйте другие слова или сократите запрос.

## Списки и кнопки

untitled = (без заголовка)
button-older = Раньше →
button-outdated = Эта кнопка устарела. Отправьте команду ещё раз.

## Всё остальное

error-generic = Извините, что-то пошло не так. Попробуйте ещё раз чуть позже.
fallback-unknown-command = Такой команды я не знаю. Вот что я умею: /help
fallback-text = Я работаю с командами. Попробуйте /latest — самые свежие новости — или <code>/search</code> и пару слов для поиска. Все команды: /help

## Сюжеты: одна строка на событие, остальные источники — кратко

# $count — сколько ещё источников сообщили о том же; $names — первые из них, например «РИА Новости, BBC, Mash…».
list-others = +{ $count } { $count ->
    [one] источник
    [few] источника
   *[many] источников
}: { $names }
