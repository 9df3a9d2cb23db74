import { truncate } from "../shared/telegram-html.js";

/** Outlets named after the linked one before the rest are left to «…»: a line is for a glance. */
export const SHOWN_OUTLETS = 3;
const MAX_OUTLET_NAME = 40;

export interface OutletSummary {
  /** How many other outlets reported the story (`total`, or the names given when there are more). */
  count: number;
  /** The first few of their names, comma-separated, with «…» when more are left out (plain text). */
  names: string;
}

/** «+4: РИА Новости, BBC, Mash…» without the words around it (those are localized); none for a lone report. */
export function summarizeOutlets(
  others: readonly string[] | undefined,
  total = others?.length ?? 0,
  shown = SHOWN_OUTLETS,
): OutletSummary | undefined {
  const names = (others ?? []).map((name) => name.replace(/\s+/g, " ").trim()).filter((name) => name !== "");
  const count = Math.max(total, names.length);
  if (count === 0) return undefined;
  const listed = names
    .slice(0, shown)
    .map((name) => truncate(name, MAX_OUTLET_NAME))
    .join(", ");
  if (count <= Math.min(shown, names.length)) return { count, names: listed };
  // A name that ends in its own full stop («Раньше всех. Ну почти.») keeps it apart from the «…».
  return { count, names: /[\p{L}\p{N})»"]$/u.test(listed) ? `${listed}…` : `${listed} …` };
}
