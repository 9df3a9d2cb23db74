## Подписка на ежедневный дайджест: /subscribe, /unsubscribe, /digest и ответы о ней.
## HTML для Telegram: литеральные & < > пишите как &amp; &lt; &gt;. Переменные экранирует код.

command-subscribe = Дайджест: все новости или выбранные темы
command-subscribe-args = [темы]
command-unsubscribe = Отписаться от дайджеста
command-digest = Дайджест прямо сейчас

subscribe-all-news = <b>все новости</b>
# $count: сколько тем в $what; 0, когда $what — «все новости». $chat: private (личный чат) или group (группа, тема форума).
subscribe-done =
    ✅ { $chat ->
        [group] Чат подписан
       *[private] Вы подписаны
    } на { $count ->
        [0] { $what }
        [1] тему: { $what }
       *[other] темы: { $what }
    }.
subscribe-resumed =
    ✅ { $chat ->
        [group] Дайджест снова приходит в этот чат
       *[private] С возвращением! Дайджест снова приходит
    }, { $count ->
        [1] тема прежняя
       *[other] темы прежние
    }: { $what }.
    Чтобы получать все новости, отправьте <code>/subscribe все</code>.
# $time «08:00», $timeZone «Asia/Bishkek»
subscribe-when = Дайджест приходит каждый день в <b>{ $time }</b> по времени { $timeZone }.
subscribe-next =
    { $next ->
        [soon] Ближайший придёт в течение нескольких минут.
        [today] Ближайший — сегодня в { $time }.
       *[tomorrow] Ближайший — завтра в { $time }.
    }
subscribe-next-not-here = В этом чате в терминале дайджесты по расписанию не приходят: их доставляет в Telegram <code>vestnik run</code>. Отправьте /digest, чтобы увидеть свой прямо сейчас.
subscribe-settings-hint = Время, часовой пояс, темы и язык: /settings
subscribe-blocked-hint = Дайджест приостановлен: мне не удалось написать в этот чат. Отправьте /subscribe, чтобы возобновить его.
subscribe-off-hint = Сейчас дайджест выключен: /subscribe включит его.

# $unknown — названия в том виде, как их написали, уже в кавычках, через запятую.
subscribe-unknown =
    { $count ->
        [one] Я не знаю темы { $unknown },
       *[other] Я не знаю таких тем: { $unknown },
    } поэтому ничего не изменилось.

    Можно выбрать:
    { $topics }

    Например: <code>/subscribe { $example }</code> — или просто <code>/subscribe</code>, чтобы получать все новости.
subscribe-unknown-name = «{ $name }»
subscribe-topic-line = • { $name } — <code>{ $slug }</code>
subscribe-topics-more = …и ещё { $count } { $count ->
        [one] тема
        [few] темы
       *[many] тем
    }: /topics

unsubscribe-done = 🔕 Дайджест больше не придёт. Темы и время я сохранил: отправьте /subscribe, когда захотите его вернуть.
unsubscribe-not-subscribed = Вы не подписаны, так что отписываться не от чего. /subscribe — и дайджест будет приходить каждый день.

## /digest: предпросмотр, который не считается дайджестом дня

digest-preview-empty-since = С прошлого дайджеста пока ничего нового. Загляните чуть позже.
digest-preview-empty-day = За последние сутки пока ничего нового. Загляните чуть позже.
digest-preview-topics = Ваши темы: { $what }.
digest-preview-subscribe-hint = Это был предпросмотр. Отправьте /subscribe, и такой дайджест будет приходить каждый день в { $time }.
