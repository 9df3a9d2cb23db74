import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  looksLikePlainArticle,
  parsePlainArticle,
  parseRussianDateLine,
} from "../../src/news/parse-plain-article.js";
import { DocumentError } from "../../src/news/types.js";
import { zonedTimeToUtc } from "../../src/news/zoned-time.js";

const article = readFileSync(new URL("../fixtures/feeds/article-ru.txt", import.meta.url), "utf8");
const moscow = { defaultTimeZone: "Europe/Moscow" };

describe("parsePlainArticle", () => {
  const item = parsePlainArticle(article, moscow);

  it("reads the date as Moscow wall-clock time", () => {
    expect(item.publishedAt?.toISOString()).toBe("2023-03-14T06:05:00.000Z");
  });

  it("takes the title and lead, and drops the repeated title", () => {
    expect(item.title).toBe("Энергетики Заречья перешли на летний график");
    expect(item.summary).toBe(
      "Городские котельные с понедельника работают в облегчённом режиме, сообщили в управлении ЖКХ.",
    );
    expect(item.body.split("\n\n")).toEqual([
      "Городские котельные с понедельника работают в облегчённом режиме, сообщили в управлении ЖКХ.",
      "Решение приняли из-за тёплой погоды: дневная температура уже неделю держится выше нуля.",
      "Отопление в школах и больницах сохранят в прежнем объёме до конца апреля.",
    ]);
  });

  it("extracts the author and drops the boilerplate around it", () => {
    expect(item.author).toBe("Мария Соколова");
    expect(item.body).not.toMatch(/ПОДДЕРЖИТЕ|Последние новости|Подписывайтесь|Автор/);
    expect(item.lang).toBe("ru");
    expect(item.categories).toEqual([]);
    expect(item.url).toBeUndefined();
  });

  it("handles CRLF, no author line and an English article", () => {
    const text = "1 июня 2021\r\n\r\nCity council approves budget\r\n\r\nThe vote was 7 to 2.\r\n\r\nMore to follow.\r\n";
    const parsed = parsePlainArticle(text, { defaultTimeZone: "UTC" });
    expect(parsed).toMatchObject({ title: "City council approves budget", summary: "The vote was 7 to 2.", lang: "en" });
    expect(parsed.body).toBe("The vote was 7 to 2.\n\nMore to follow.");
    expect(parsed.author).toBeUndefined();
    expect(parsed.publishedAt?.toISOString()).toBe("2021-06-01T00:00:00.000Z");
  });

  it("refuses text without a date line or a title", () => {
    expect(() => parsePlainArticle("Заголовок\n\nТекст", moscow)).toThrow(DocumentError);
    expect(() => parsePlainArticle("30 ноября 2022, 17:31\n\n", moscow)).toThrow(DocumentError);
    expect(() => parsePlainArticle("", moscow)).toThrow(DocumentError);
  });
});

describe("date lines", () => {
  it("accepts the usual variants", () => {
    expect(parseRussianDateLine("30 ноября 2022, 17:31")).toEqual({ year: 2022, month: 11, day: 30, hour: 17, minute: 31 });
    expect(parseRussianDateLine("30 ноября 2022 17:31")).toMatchObject({ month: 11, hour: 17 });
    expect(parseRussianDateLine("30 ноября 2022 г., 17:31")).toMatchObject({ month: 11, hour: 17, minute: 31 });
    expect(parseRussianDateLine("1 Май 2020")).toEqual({ year: 2020, month: 5, day: 1 });
    expect(parseRussianDateLine("3 марта 2024 года в 08.15")).toMatchObject({ month: 3, hour: 8, minute: 15 });
  });

  it("rejects non-dates and impossible dates", () => {
    for (const line of ["Новости дня", "30 ноябряя 2022", "31 февраля 2022", "30 ноября 2022, 25:00", "2022-11-30"]) {
      expect(parseRussianDateLine(line)).toBeUndefined();
    }
  });

  it("recognises the format by its first non-empty line", () => {
    expect(looksLikePlainArticle("\n\n  12 января 2024, 10:00\nЗаголовок")).toBe(true);
    expect(looksLikePlainArticle("Заголовок\n12 января 2024")).toBe(false);
  });
});

describe("zonedTimeToUtc", () => {
  it("uses the offset in force at that instant (Europe/Berlin summer and winter)", () => {
    expect(zonedTimeToUtc({ year: 2024, month: 7, day: 1, hour: 12 }, "Europe/Berlin").toISOString()).toBe(
      "2024-07-01T10:00:00.000Z",
    );
    expect(zonedTimeToUtc({ year: 2024, month: 1, day: 1, hour: 12 }, "Europe/Berlin").toISOString()).toBe(
      "2024-01-01T11:00:00.000Z",
    );
  });

  it("handles the days clocks change", () => {
    // 31 March 2024: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist and moves forward.
    const spring = (hour: number, minute = 0) =>
      zonedTimeToUtc({ year: 2024, month: 3, day: 31, hour, minute }, "Europe/Berlin").toISOString();
    expect(spring(1, 59)).toBe("2024-03-31T00:59:00.000Z");
    expect(spring(2, 30)).toBe("2024-03-31T01:30:00.000Z");
    expect(spring(3, 0)).toBe("2024-03-31T01:00:00.000Z");
    // 27 October 2024: 02:30 happens twice; the earlier (summer time) instant wins.
    const autumn = zonedTimeToUtc({ year: 2024, month: 10, day: 27, hour: 2, minute: 30 }, "Europe/Berlin");
    expect(autumn.toISOString()).toBe("2024-10-27T00:30:00.000Z");
  });

  it("knows Moscow has had no DST since 2014", () => {
    expect(zonedTimeToUtc({ year: 2022, month: 7, day: 1, hour: 3 }, "Europe/Moscow").toISOString()).toBe(
      "2022-07-01T00:00:00.000Z",
    );
    expect(zonedTimeToUtc({ year: 2010, month: 7, day: 1, hour: 3 }, "Europe/Moscow").toISOString()).toBe(
      "2010-06-30T23:00:00.000Z",
    );
  });
});
