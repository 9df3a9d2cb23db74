// The Snowball stemmers, one instance of each per process: the tagger's tokenizer (topics/stem)
// and the query syntax (shared/query-syntax) stem with the same ones the article store's
// `russian` text-search configuration uses.
import { createRequire } from "node:module";
import type * as Snowball from "snowball-stemmers";

// The package is one 870 kB CommonJS file. Required rather than imported: Node's ES-module loader
// would scan all of it for named exports at every start-up, a tenth of a second of CPU.
const { newStemmer } = createRequire(import.meta.url)("snowball-stemmers") as typeof Snowball;
export const russianStemmer = newStemmer("russian");
export const englishStemmer = newStemmer("english");
