import type { ESLint } from "eslint";

export declare const LAYERS: ReadonlyArray<{ name: string; members: readonly string[] }>;
declare const plugin: ESLint.Plugin;
export default plugin;
