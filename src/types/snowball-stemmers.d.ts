// snowball-stemmers ships no type declarations; this covers the part Vestnik uses. Named imports
// are the form that works both under native ESM and under CJS interop (the module sets __esModule).
declare module "snowball-stemmers" {
  export interface Stemmer {
    stem(word: string): string;
  }
  export function newStemmer(language: string): Stemmer;
  export function algorithms(): string[];
}
