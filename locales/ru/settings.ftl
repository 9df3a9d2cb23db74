## /settings, /time и /timezone.
## HTML для Telegram: литеральные & < > пишите как &amp; &lt; &gt;. Переменные экранирует код.
## settings-toast-* — ответ на нажатие кнопки: простой текст без HTML, до 200 символов.

command-settings = Время, часовой пояс, темы, язык
command-time = Время дайджеста
command-time-args = ЧЧ:ММ
command-timezone = Часовой пояс
command-timezone-args = <Регион/Город>

settings-title = <b>Настройки</b>
settings-digest-on = 📬 Ежедневный дайджест: <b>включён</b>
settings-digest-off = 📭 Ежедневный дайджест: <b>выключен</b>
settings-digest-blocked = 📭 Ежедневный дайджест: <b>приостановлен</b> (мне не удалось написать в этот чат)
settings-summary =
    { $digest }
    🕗 Время: <b>{ $time }</b>
    🌍 Часовой пояс: <b>{ $timeZone }</b> (сейчас там { $localTime })
    🗂 Темы: { $topics }
    🌐 Язык: <b>{ $language }</b>
settings-language-auto = { $language } (как в Telegram)
settings-closed = <b>Ваши настройки</b>

settings-button-time = 🕗 Время дайджеста
settings-button-zone = 🌍 Часовой пояс
settings-button-topics = 🗂 Темы
settings-button-language = 🌐 Язык
settings-button-digest-on = 🔔 Включить дайджест
settings-button-digest-off = 🔕 Выключить дайджест
settings-button-done = Готово
settings-button-back = ← Назад
settings-button-all-news = Все новости

settings-time-menu =
    <b>Время дайджеста</b>

    Сейчас: <b>{ $time }</b> по времени { $timeZone }. Выберите другое или отправьте <code>/time ЧЧ:ММ</code> — подойдёт любое время, например <code>/time 7:30</code>.
settings-zone-menu =
    <b>Часовой пояс</b>

    Сейчас: <b>{ $timeZone }</b>, там { $localTime }. Выберите свой или отправьте <code>/timezone Регион/Город</code> для любого другого, например <code>/timezone Europe/Berlin</code>.
settings-topics-menu =
    <b>Темы</b>

    Отметьте темы, которые нужны в дайджесте. Если не отмечено ни одной, приходят все новости.
settings-language-menu =
    <b>Язык</b>

    На каком языке мне писать вам и присылать дайджест?

settings-toast-time = Время дайджеста: { $time }
settings-toast-zone = Часовой пояс: { $timeZone }. Сейчас там { $localTime }.
settings-toast-topic-on = Добавлено: { $topic }
settings-toast-topic-off = Убрано: { $topic }
settings-toast-all-news = Будут приходить все новости
settings-toast-language = Язык: русский
settings-toast-digest-on = Ежедневный дайджест включён
settings-toast-digest-off = Ежедневный дайджест выключен

settings-time-set = 🕗 Готово: дайджест будет приходить каждый день в <b>{ $time }</b> по времени { $timeZone }.
settings-time-invalid = Не получилось понять «{ $input }» как время. Напишите его в формате ЧЧ:ММ, по 24-часовой шкале, например <code>/time 07:30</code> или <code>/time 19:00</code>.
settings-zone-set = 🌍 Часовой пояс: <b>{ $timeZone }</b>. Сейчас там { $localTime }, дайджест придёт в { $time } по местному времени.
settings-zone-invalid = Я не знаю часового пояса «{ $input }». Напишите его как Регион/Город латиницей, например <code>/timezone Europe/Berlin</code> или <code>/timezone Asia/Almaty</code>, или выберите в /settings. Все названия: <a href="https://en.wikipedia.org/wiki/List_of_tz_database_time_zones">список часовых поясов</a>.
