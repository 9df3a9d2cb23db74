import { describe, expect, it } from "vitest";
import { parseFeedDate } from "../../src/news/feed-date.js";

const iso = (raw: string) => parseFeedDate(raw)?.toISOString();

describe("parseFeedDate", () => {
  it("reads RFC 822 with and without the weekday", () => {
    expect(iso("Sat, 07 Jan 2017 17:12:53 +0300")).toBe("2017-01-07T14:12:53.000Z");
    expect(iso("07 Jan 2017 17:12:53 +0300")).toBe("2017-01-07T14:12:53.000Z");
    expect(iso("Tue, 7 May 2024 18:00 GMT")).toBe("2024-05-07T18:00:00.000Z");
    expect(iso("Mon, 06 May 24 09:15:00 EST")).toBe("2024-05-06T14:15:00.000Z");
    expect(iso("Sat, 21 May 2016\n 08:00:00 +0600")).toBe("2016-05-21T02:00:00.000Z");
  });

  it("reads ISO 8601 and the space-separated variant with an offset", () => {
    expect(iso("2017-01-23T14:17:00+01:00")).toBe("2017-01-23T13:17:00.000Z");
    expect(iso("2017-06-27T00:54:17Z")).toBe("2017-06-27T00:54:17.000Z");
    expect(iso("2024-03-01T08:30:00.250-04:00")).toBe("2024-03-01T12:30:00.250Z");
    expect(iso("2019-05-18 10:58:46 +0300")).toBe("2019-05-18T07:58:46.000Z");
    expect(iso("2017-01-24")).toBe("2017-01-24T00:00:00.000Z");
  });

  it("returns undefined for garbage instead of an Invalid Date", () => {
    for (const raw of ["", "not a date", "Item 12", "2017-02-30", "31 Foo 2017", "32 Jan 2017 10:00 GMT", undefined]) {
      expect(parseFeedDate(raw)).toBeUndefined();
    }
  });
});
