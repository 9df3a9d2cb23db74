# Команды администратора: источники лент и статистика. Доступны только пользователям из ADMIN_IDS.

## Команды: /help показывает их только администраторам, в общем меню их нет

command-sources = Источники лент и их состояние
command-addsource = Добавить источник
command-addsource-args = <адрес>
command-removesource = Удалить источник вместе со статьями
command-removesource-args = <номер>
command-stats = Статьи, источники, подписчики и дайджесты за сегодня

help-admin =
    <b>Для администраторов</b>

    { $commands }

## Проверка прав

admin-only = Извините, эта команда доступна только администраторам бота.
admin-private-only = Команды администратора работают только в личном чате со мной.

## /sources

admin-sources-empty = Источников пока нет. Добавьте первый, например: <code>/addsource https://example.org/rss</code>
admin-sources-header = <b>Источники: { $count }</b>
admin-sources-more = …и ещё { $count } { $count ->
        [one] источник
        [few] источника
       *[many] источников
    }. Полный список: <code>vestnik sources list</code>
admin-source-title = <b>#{ $id }</b> { $title }
admin-source-meta = раз в { $interval } · { $articles ->
    [one] { $articles } статья
    [few] { $articles } статьи
   *[many] { $articles } статей
  }
admin-source-ok = ✅ успешно загружен { $time }
admin-source-new = ⏳ ещё не загружался
admin-source-failing = ⚠️ { $failures ->
    [one] последняя загрузка не удалась
    [few] не загружается { $failures } раза подряд
   *[many] не загружается { $failures } раз подряд
  }: { $error }
admin-source-next = следующая проверка { $time }

## /addsource

admin-addsource-usage = Пришлите адрес ленты, например: <code>/addsource https://example.org/rss</code>. Подойдёт и страница сайта, если на ней указана его лента.
admin-addsource-added = Источник <b>#{ $id }</b> { $title } добавлен: { $articles ->
    [0] новых статей пока нет
    [one] сохранена { $articles } статья
    [few] сохранены { $articles } статьи
   *[many] сохранено { $articles } статей
  }. Буду проверять его раз в { $interval }.
admin-addsource-discovered = Ленту нашёл на странице { $page }: { $url }
admin-addsource-exists = Эта лента уже есть среди источников: <b>#{ $id }</b> { $title }.
admin-addsource-invalid-url = Это не похоже на адрес сайта: { $detail }
admin-addsource-unreachable = Не удалось загрузить { $url }: { $detail }. Ничего не добавлено.
admin-addsource-not-feed = По адресу { $url } нет новостной ленты: { $detail }. Ничего не добавлено.

## /removesource

admin-removesource-usage = Пришлите номер источника из списка /sources, например: <code>/removesource 3</code>
admin-removesource-missing = Источника #{ $id } нет. Список источников: /sources
admin-removesource-done = Источник <b>#{ $id }</b> { $title } удалён. { $articles ->
    [0] Статей у него не было.
    [one] Вместе с ним удалена { $articles } статья.
    [few] Вместе с ним удалены { $articles } статьи.
   *[many] Вместе с ним удалено { $articles } статей.
  }

## /stats

admin-stats =
    <b>Статистика</b>

    Статей: { $articles }
    Источников: { $sources }, из них лент с опросом: { $feeds } (с ошибками: { $failing })
    Подписчиков на дайджест: { $subscribers }
    Дайджестов отправлено сегодня: { $digests }

    <i>«Сегодня» считается с полуночи по времени { $timeZone }.</i>
