import { describe, expect, it } from "vitest";
import { summarizeOutlets } from "../../src/news/story-outlets.js";

describe("summarizeOutlets", () => {
  it("names the first three other outlets and leaves the rest to «…»", () => {
    expect(summarizeOutlets(["РИА Новости", "BBC", "Mash", "SHOT"])).toEqual({ count: 4, names: "РИА Новости, BBC, Mash…" });
    expect(summarizeOutlets(["РИА Новости", "BBC"])).toEqual({ count: 2, names: "РИА Новости, BBC" });
    // More reported it than the names given.
    expect(summarizeOutlets(["РИА Новости"], 5)).toEqual({ count: 5, names: "РИА Новости…" });
    expect(summarizeOutlets([])).toBeUndefined();
  });

  it("keeps a name's own full stop apart from the «…»", () => {
    expect(summarizeOutlets(["РИА Новости", "Mash", "Раньше всех. Ну почти.", "SHOT"])?.names).toBe("РИА Новости, Mash, Раньше всех. Ну почти. …");
    expect(summarizeOutlets(["Раньше всех. Ну почти."])?.names).toBe("Раньше всех. Ну почти.");
  });
});
