## Мгновенные оповещения: /alert, /alerts, /quiet и сами оповещения (src/alerts).
## Telegram HTML: пишите &amp; &lt; &gt; вместо & < >. Переменные экранирует код.
## alert-toast-* — ответ на нажатие кнопки: простой текст, без HTML, не длиннее 200 символов.

command-alert = Сразу сообщать о новых сюжетах
command-alert-args = <слова или тема>
command-alerts = Ваши оповещения: список, удаление, пауза
command-quiet = Тихие часы для оповещений
command-quiet-args = ЧЧ:ММ-ЧЧ:ММ | off

alert-usage =
    Напишите, за чем следить, например:
    /alert Токаев
    /alert Кыргызстан газ
    /alert "военное положение" -Корея
    /alert тема энергетика
    Слова находятся во всех формах; "кавычки" задают фразу, -слово исключает. По каждому новому сюжету — одно сообщение.
    Для канала, которым вы управляете, — в личном чате со мной: /alert @вашканал Токаев.
alert-empty-query = Здесь не за чем следить: нужны слова, которые не исключены и не слишком общие.
alert-added = 🔔 Слежу: <b>{ $watch }</b>. По каждому новому сюжету пришлю одно сообщение.
alert-added-topic = 🔔 Слежу за темой <b>{ $watch }</b>. По каждому новому сюжету в ней пришлю одно сообщение.
alert-duplicate = Вы уже следите за <b>{ $watch }</b>.
alert-unknown-topic = Я не знаю темы <b>{ $name }</b>. Все темы: /topics.
alert-limit = В чате может быть не больше { $limit } оповещений. Сначала удалите одно в /alerts.
alert-last-match = Последний подходящий сюжет:
alert-no-match-yet = Пока в новостях ничего подходящего нет.
alert-admins-only = Оповещения группы могут менять только её администраторы.

alerts-for = Оповещения для: <b>{ $chat }</b>
alerts-none-channel = У { $chat } ещё нет оповещений. Добавьте: /alert { $chat } &lt;слова или тема&gt;.
alert-added-channel = 🔔 { $channel } следит: <b>{ $watch }</b>. По каждому новому сюжету канал получит одну публикацию.
alert-added-topic-channel = 🔔 { $channel } следит за темой <b>{ $watch }</b>. По каждому новому сюжету в ней канал получит одну публикацию.
alert-channel-unknown = Вы не управляете { $channel } через меня. Подключить канал — /channels; чтобы следить за словом, напишите его без @.
alerts-title = <b>Ваши оповещения</b>
alerts-title-group = <b>Оповещения группы</b>
alerts-none = Оповещений пока нет. Начните с /alert &lt;слова или тема&gt;.
alerts-none-group = У группы пока нет оповещений. Администраторы добавляют их командой /alert &lt;слова или тема&gt;.
alerts-count = { $count ->
    [one] { $count } оповещение из { $limit }
    [few] { $count } оповещения из { $limit }
   *[many] { $count } оповещений из { $limit }
}
alerts-line = { $n }. { $watch }
alerts-line-topic = { $n }. тема: { $watch }
alerts-muted-mark = (без звука)
alerts-state-on = 🔔 Оповещения <b>включены</b>.
alerts-state-paused = ⏸ Оповещения <b>на паузе</b>: ничего не пришлю, пока не возобновите.
alerts-quiet = 🌙 Тихие часы: <b>{ $start }–{ $end }</b> ({ $timeZone }); в это время оповещения ждут и приходят одним сообщением. Изменить: /quiet.
alerts-quiet-off = 🌙 Тихие часы: <b>выключены</b>. Включить: /quiet 23:00-08:00.
alerts-cap = Не больше { $cap } оповещений в час; остальные придут вместе через час.

alerts-button-remove = ✖ { $watch }
alerts-button-unmute = 🔔 Включить { $watch }
alerts-button-pause = ⏸ Приостановить
alerts-button-resume = ▶ Возобновить
alerts-button-quiet-off = 🌙 Без тихих часов
alerts-button-quiet-on = 🌙 Тихие часы 23:00–08:00

alert-toast-muted = Без звука: { $watch }
alert-toast-unmuted = Снова включено: { $watch }
alert-toast-removed = Удалено: { $watch }
alert-toast-gone = Этого оповещения уже нет.
alert-toast-admins-only = Оповещения этого чата могут менять только администраторы.

quiet-usage = В тихие часы оповещения ждут и приходят одним сообщением, когда часы кончатся. Напишите /quiet 23:00-08:00 или /quiet off.
quiet-set = 🌙 Тихие часы: <b>{ $start }–{ $end }</b>, { $timeZone }.
quiet-off = 🌙 Тихие часы выключены: оповещения приходят в любое время.

settings-button-alerts = ⚡ Оповещения

# Само оповещение (отправляет рассыльщик оповещений, вне обновлений).
alert-header = ⚡ <b>Оповещение</b>
alert-matched = 🔎 Ваше оповещение: <i>{ $watch }</i>
alert-button-mute = 🔕 Без звука «{ $watch }»
alert-held-header = { $count ->
    [one] ⚡ <b>{ $count } оповещение</b> ждало вас
    [few] ⚡ <b>{ $count } оповещения</b> ждали вас
   *[many] ⚡ <b>{ $count } оповещений</b> ждали вас
}
alert-held-more = { $count ->
    [one] …и ещё { $count } сюжет.
    [few] …и ещё { $count } сюжета.
   *[many] …и ещё { $count } сюжетов.
}
alert-held-footer = Задержаны в тихие часы или сверх часового лимита. Настроить: /alerts.
