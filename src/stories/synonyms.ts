// Words that tell the same happening in other words. Two reports of one fire say «пожар» and
// «возгорание», «огонь распространился» and «пожар разросся»; police «оттесняет» protesters in one
// and «вытеснил» them in the other. Stemming cannot join them (different roots, or one root the
// stemmer cuts two ways: «разросся» → разрос, «разрослась» → разросл), so a report's headline word
// counts as told when the other report has a word of the same class.
//
// Classes hold Snowball stems (topics/stem), matched exactly. Each class is one kind of action, actor
// or thing a report names; none joins an action with its undoing or its consequence (declaring and
// lifting, an attack and the response), which stay apart as before.
const CLASSES: Record<string, readonly string[]> = {
  fire: ["пожар", "пожарн", "возгоран", "загорел", "огон", "огн", "плам", "пламен", "горел"],
  spread: ["разрос", "разросл", "распростран"],
  "push-out": ["оттесн", "оттесня", "вытесн", "вытесня"],
  "space-rock": ["метеор", "метеорит", "астероид", "болид"],
  fall: ["паден", "упа", "упал"],
  exam: ["экзам", "тест"],
  hug: ["объят", "обнима", "обня"],
  die: ["погиб", "погибл", "гибел", "сконча"],
  rebels: ["повстанц", "боевик"],
  police: ["полиц", "полицейск", "спецназ", "силовик", "омон", "омоновц"],
  protesters: ["протест", "протестующ", "демонстрант", "митинг", "митингующ"],
  "shoot-down": ["сбил", "сбит", "уничтож", "перехват", "перехвач"],
  flood: ["наводнен", "паводок", "паводк", "затоплен", "подтоплен"],
  snow: ["снегопад", "метел", "пург"],
  car: ["автомобил", "машин", "иномарк", "авто"],
  boat: ["судн", "корабл", "кораблик", "катер", "лодк", "теплоход"],
  sink: ["затонул", "затонувш"],
};

const CLASS_OF = new Map<string, string>();
for (const [name, stems] of Object.entries(CLASSES)) for (const stem of stems) CLASS_OF.set(stem, name);

/** The class of words a stem belongs to, if any. */
export function synonymClass(stem: string): string | undefined {
  return CLASS_OF.get(stem);
}
