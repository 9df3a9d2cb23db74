-- The order of an article's topics, strongest first (0 = its main topic): a digest files an article
-- under its main topic rather than the first in taxonomy order. Nullable, so adding it rewrites
-- nothing; rows tagged before it stay null until `vestnik topics retag`, and taxonomy order decides
-- for them as before.
ALTER TABLE "article_topics" ADD COLUMN "rank" smallint;
