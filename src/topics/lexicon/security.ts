// Security: the military, defence, armed conflict, terrorism and extremism, special services.
// Ordinary crime and accidents belong to «incidents».
//
// Traps: «учения» (exercises) and «ученые» (scientists) share the stem «учен»; «ракетка» is a
// tennis racket and «ракета-носитель» a space launcher; «беспилотное такси» is not a drone strike;
// «безопасность дорожного движения» and «продовольственная безопасность» are not security news.
import type { Topic } from "../types.js";
import { medium, strong, supporting, term, weak } from "./helpers.js";

export const security: Topic = {
  slug: "security",
  names: { ru: "Безопасность и оборона", en: "Security & defence" },
  aliases: ["Безопасность", "Оборона", "Армия", "Военные", "Терроризм", "Security", "Defence", "Defense",
    "Military", "Terrorism"],
  lexicon: {
    threshold: 3,
    terms: [
      strong("теракт*", "террор*", "terror*", "боевик*", "militant*", "insurgen*", "джихад*", "jihad*",
        "смертник*", "suicide bomb*", "взрывн* устройств*", "explosive device*", "запрещен* организац*",
        "запрещен* группировк*", "banned group", "заминирован*", "car bomb*", "взрывчатк*", "explosives",
        "контртеррорист*", "=КТО", "экстремист*", "extremis*",
        "ИГИЛ", "Исламск* государств*", "Islamic State", "ISIS", "Талибан", "талиб*", "Taliban"),
      strong("Минобороны", "миноборон*", "министерств* оборон*", "министр* оборон*", "defence minist*",
        "defense minist*", "Pentagon", "Пентагон*", "генштаб*", "general staff", "НАТО", "NATO", "ОДКБ", "CSTO",
        "ВСУ", "ЦАХАЛ", "IDF", "НОАК", "КСИР", "IRGC", "бундесвер*", "Bundeswehr", "нацгвард*", "Росгвард*"),
      strong("военн*", "military", "militar*", "вооружен*", "armed forces", "troops", "soldier*", "военнослуж*",
        "войск*", "сухопутн*", "ВМФ", "ВКС", "navy", "naval", "air force",
        "warship*", "военн* корабл*", "подводн* лодк*", "подлодк*", "submarine*", "ВМС", "авианос*",
        "aircraft carrier*"),
      strong("ракетн*", "ракета", "ракеты", "ракет", "ракетой", "missile*", "баллистическ*", "ballistic",
        "межконтинентальн*", "ПВО", "air defen*", "воздушн* тревог*", "air raid*", "air-raid*", "зенитн*", "истребител*", "fighter jet*", "бомбардировщик*",
        "bomber*", "авиаудар*", "airstrike*", "air strike*", "артиллер*", "artillery", "обстрел*", "shelling",
        "бронетехник*", "танк", "танки", "танков", "tank", "tanks", "ядерн* оруж*", "nuclear weapon*",
        "nuclear programme", "nuclear program", "nuclear talks", "nuclear inspect*",
        "ядерн* испытан*", "nuclear test*"),
      // The missile; a shop's drinks combo named after it, a slogan T-shirt or a squirrel's hazel are not.
      term(3, ["Орешник*", "Oreshnik"], { unlessAny: ["комбо", "футболк*", "белк*", "белочк*"] }),
      strong("перестрелк*", "gunfight", "gunmen", "gunman", "вооруженн* столкновен*", "боев* действ*",
        "ceasefire", "перемир*", "truce", "линии фронт*", "front line*", "frontline", "штурмов* групп*",
        "prisoners of war", "военнопленн*", "призыв* на военн*", "military service", "conscript*",
        "заложник*", "hostage*"),
      medium("clash*", "оккупац*", "occupation", "наступлен*", "offensive", "штурм*", "взят* сел*",
        // "Assault" alone is as often a crime («assaulted her»): the military sense by its phrases.
        "ground assault", "military assault", "air assault", "assault troops", "assault rifle*", "launched an assault",
        "amphibious assault",
        "captured", "пленн*", "мобилизац*", "mobilis*", "mobiliz*", "флотили*"),
      // «Армия» by its own forms: the stem «арм» is also the Moscow club «Арма».
      medium("army", "=армия", "=армии", "=армию", "=армией", "=армий", "=армиям", "=армиями", "=армиях", "армейск*",
        "командующ*"),
      medium("беспилотник*", "беспилотн*", "дрон*", "drone*", "UAV", "удар*", "атак*", "attack*",
        "bomb*", "вертолет*", "helicopter*", "маневр*", "manoeuvre*", "maneuver*", "военн* учен*",
        "учен* НАТО", "учен* ОДКБ", "military exercise*", "оборонн*", "defence", "defense", "оборон*",
        "weapon*", "оруж*", "=arms", "боеприпас*", "ammunition", "munition*",
        "войн*", "war", "warfare", "воен* конфликт*", "armed conflict", "разведк*", "intelligence",
        "спецслужб*", "special service*", "ФСБ", "FSB", "ГКНБ", "GKNB", "КНБ", "ЦРУ", "CIA", "Моссад*",
        "Mossad", "=СВО", "спецоперац*"),
      medium("погранич*", "погранзастав*", "охран* границ*", "border guard*", "border clash*", "border troops"),
      weak("безопасност*", "security", "защит*", "угроз*", "threat*", "конфликт*", "conflict*", "погиб*",
        "взрыв*", "explosion*", "exercise*", "=strike", "=strikes",
        "killed", "ранен*", "wounded", "ликвидир*", "уничтож*", "destroyed", "сбит*", "intercept*"),
      supporting(1, "учен*"),
    ],
    block: [
      // An electric shock is no strike.
      "удар* ток*", "удар* электрическ* ток*",
      "ракетк*", "ракет* носител*", "ракета-носитель", "беспилотн* такс*", "беспилотн* автомобил*",
      "беспилотн* автобус*", "robotaxi*", "self-driving", "безопасност* дорожн*", "продовольственн* безопасност*",
      "энергетическ* безопасност*", "экономическ* безопасност*", "food security", "energy security", "кибербезопасност*", "cybersecurity",
      "Совет* Безопасност* ООН", "UN Security Council", "Security Council", "security guard*",
      "social security", "war on drugs", "торгов* войн*", "trade war*", "price war*", "ценов* войн*",
      "attacking midfielder", "атак* полузащитник*", "tear gas", "heart attack*", "сердечн* приступ*",
      "artificial intelligence", "business intelligence", "hunger strike*", "голодовк*",
    ],
  },
};
