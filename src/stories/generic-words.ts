// Words that appear in reports of any event: attribution («сообщил», «по данным»), time («сегодня»),
// channel talk («кадры», «видео»). Sharing them says nothing about sharing an event, so they weigh
// little. Listed as words and stemmed with the project's stemmer, so the list stays readable.
import { stemWord } from "../topics/stem.js";

const WORDS = `
заявил заявила заявили заявление сообщил сообщила сообщили сообщает сообщают сообщение сообщения
передает передаёт пишет пишут рассказал рассказала рассказали отметил отметила отметили уточнил
уточнила добавил добавила подчеркнул подчеркнула данным данные источник источники источника
сми газета агентство телеграм канал канала каналу корреспондент издание издания
сегодня вчера завтра утром вечером ночью днем днём день дня неделе неделю году года год месяц месяца время
минут часов часа ранее позже после теперь сейчас также кроме может могут будет будут стало стал
стала стали было была были момент сразу уже всего очень новые новый новая новых
человек людей люди мужчина женщина россиянин россиянка жители житель
кадры видео фото фотографии опубликовал опубликовали публикует показал показали появились появилось
известно говорится сказал сказала считает считают словам мнению время ходе результате связи
случае причине итоге никто ничего который которая которые которых
риа новости тасс интерфакс рбк ренхап рёнхап yonhap reuters bloomberg politico afp ap cnn bbc
би-би-си mash shot сми телеканал агентства
said says told reported reports according report news video photo today yesterday year new people
`;

export const GENERIC_STEMS: ReadonlySet<string> = new Set(
  WORDS.split(/\s+/)
    .filter((word) => word.length > 0)
    .flatMap((word) => [...stemWord(word)]),
);
