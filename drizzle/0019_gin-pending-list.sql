-- Written by hand: the generated DROP and CREATE would rebuild the search index (minutes on a big store).
ALTER INDEX "articles_tsv_idx" SET (gin_pending_list_limit = 512);
