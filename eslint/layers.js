// The project's layer rule as an ESLint plugin: imports point one way, from delivery down to config.
// Written as a rule over resolved paths (not import-string patterns) so that `../../bot/x.js` from
// any depth is judged by where it lands, and kept in plain JS so ESLint loads it without a build.
import path from "node:path";

/**
 * Layers from the bottom up. A module may import its own layer or any layer below it.
 * `app`, `cli`, `server` and `main.ts` are the delivery edge; of them only the composition root
 * (`app`) and `main.ts`, which builds it, may read `Config`.
 */
export const LAYERS = [
  // The shared kernel (locale, Telegram HTML, time zones, async helpers) depends on nothing of ours.
  { name: "shared", members: ["shared"] },
  // The Telegram emulator (world, Bot API methods, one HTML validator) ships with `vestnik chat`
  // and serves the tests; it knows nothing of the bot, only Telegram and the shared kernel.
  { name: "emulator", members: ["emulator"] },
  { name: "base", members: ["config.ts", "config-error.ts", "logger.ts", "duration.ts", "types"] },
  { name: "db", members: ["db"] },
  { name: "content", members: ["news", "topics", "stories"] },
  { name: "delivery-domain", members: ["digest", "alerts"] },
  { name: "bot", members: ["bot"] },
  { name: "edge", members: ["app", "cli", "server", "main.ts"] },
];

/**
 * Modules that may import the env-shaped `Config`: the composition root and main.ts. Commands and the
 * HTTP server take what the root builds; domain code takes plain settings.
 */
const CONFIG_READERS = new Set(["app", "main.ts", "config.ts"]);

/** The first path segment below `src/`, or undefined for files outside `src/`. */
function srcMember(file) {
  const parts = path.normalize(file).split(path.sep);
  const at = parts.lastIndexOf("src");
  if (at < 0 || at === parts.length - 1) return undefined;
  return parts[at + 1];
}

function layerOf(member) {
  const rank = LAYERS.findIndex((l) => l.members.includes(member));
  return rank < 0 ? undefined : { rank, name: LAYERS[rank].name };
}

/** `src/config.ts` resolves from `./config.js`, `../config.js`, … (TypeScript's `.js` suffix). */
function isConfigModule(target) {
  return srcMember(target) === "config.ts" || srcMember(target) === "config.js";
}

const layersRule = {
  meta: {
    type: "problem",
    docs: { description: "Imports point one way: edge → bot → digest/alerts → news/topics/stories → db → base → shared." },
    schema: [],
    messages: {
      upward: "{{from}} ({{fromLayer}}) must not import {{to}} ({{toLayer}}): imports point down the layers.",
      config: "{{from}} must not import Config: only the composition root (src/app/) and main.ts read it; others take what it builds.",
    },
  },
  create(context) {
    const file = context.filename;
    const fromMember = srcMember(file);
    const from = fromMember && layerOf(fromMember.replace(/\.js$/, ".ts"));
    if (!from) return {};

    function check(node, source) {
      if (typeof source !== "string" || !source.startsWith(".")) return;
      const target = path.resolve(path.dirname(file), source);
      const toMember = srcMember(target);
      if (!toMember) return;
      const member = toMember.replace(/\.js$/, ".ts");
      const to = layerOf(member);
      if (to && to.rank > from.rank) {
        context.report({
          node,
          messageId: "upward",
          data: { from: fromMember, fromLayer: from.name, to: member, toLayer: to.name },
        });
        return;
      }
      if (isConfigModule(target) && !CONFIG_READERS.has(fromMember.replace(/\.js$/, ".ts"))) {
        context.report({ node, messageId: "config", data: { from: fromMember } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === "Literal" && check(node.source, node.source.value),
    };
  },
};

export default { meta: { name: "vestnik" }, rules: { layers: layersRule } };
