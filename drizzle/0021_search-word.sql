-- One word of a /search query as a tsquery (src/db/repositories/search-query.ts builds the rest).
-- Postgres' Snowball stems the cases of a name apart («Корея» → коре, «Кореи» → кор; «Иран» → ира,
-- «Ирану» → иран), so besides its stem (a prefix from five letters on) a word also matches its stem
-- without trailing vowels and, when the stem is too short to be a prefix, its own form (a prefix
-- from five letters on). Each alternative is added only where it adds something. `word` is one
-- lower-case word of letters only (the caller checks), so it can stand quoted in the query text.
-- A function rather than an expression repeated in every statement: it is immutable, so the planner
-- folds each call into a constant once and the statement text stays short.
CREATE OR REPLACE FUNCTION search_word(word text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN numnode(s) = 0 THEN s ELSE (
      regexp_replace(s::text, '''([^'' ]{5,})''', '''\1'':*', 'g')
      || CASE WHEN b <> s::text THEN ' | ' || regexp_replace(b, '''([^'' ]{5,})''', '''\1'':*', 'g') ELSE '' END
      || CASE WHEN length(s::text) < 7 AND length(word) >= 3 AND s::text <> '''' || word || ''''
           THEN ' | ''' || word || '''' || CASE WHEN length(word) >= 5 THEN ':*' ELSE '' END
           ELSE '' END
    )::tsquery END
  FROM (SELECT websearch_to_tsquery('russian'::regconfig, word) AS s) q,
    LATERAL (SELECT regexp_replace(q.s::text, '''([^'' ]{3,}?)[аеиоуыэюяйь]+''', '''\1''', 'g') AS b) v
$$;
