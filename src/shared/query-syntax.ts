// The `/search` syntax, read the way Postgres' websearch_to_tsquery reads it: words, "quoted
// phrases", a leading minus to exclude, and a bare `or` between alternatives (it binds looser than
// the implicit «and» between words). Search (the article store) and alerts both compile it.

export interface QueryToken {
  /** The word, or the phrase without its quotes. */
  text: string;
  negated: boolean;
  quoted: boolean;
}

/** Tokens in query order; `or` stays a token (see splitAlternatives). */
export function lexQuery(query: string): QueryToken[] {
  const tokens: QueryToken[] = [];
  const re = /(-?)"([^"]*)"?|(\S+)/g;
  for (let m = re.exec(query); m !== null; m = re.exec(query)) {
    if (m[2] !== undefined) tokens.push({ text: m[2], negated: m[1] === "-", quoted: true });
    else {
      const raw = m[3]!;
      const negated = raw.startsWith("-") && raw.length > 1;
      tokens.push({ text: negated ? raw.slice(1) : raw, negated, quoted: false });
    }
  }
  return tokens;
}

const isOr = (token: QueryToken): boolean => !token.quoted && !token.negated && token.text.toLowerCase() === "or";

/** The query's alternatives: the tokens between bare `or`s (empty ones dropped). */
export function splitAlternatives(tokens: readonly QueryToken[]): QueryToken[][] {
  const groups: QueryToken[][] = [[]];
  for (const token of tokens) {
    if (isOr(token)) groups.push([]);
    else groups[groups.length - 1]!.push(token);
  }
  return groups.filter((g) => g.length > 0);
}
