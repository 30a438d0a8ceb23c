-- The stories' full-text document kept in the row (docs/benchmarks.md, "Story search"). A tsvector of a 2 KB story is
-- larger than PostgreSQL's 2 KB toast threshold, so it was compressed and moved out of line: every row the planner
-- tests with `document @@ query` (all of them, in a sequential scan for a common word) cost a TOAST lookup and a
-- decompression, 100-180 ms for a word and two filters over 10,000 stories. MAIN keeps it in the row (compressed, out
-- of line only when a row cannot fit a page otherwise); lz4 decompresses several times faster than pglz.
ALTER TABLE story_index ALTER COLUMN document SET STORAGE MAIN;
ALTER TABLE story_index ALTER COLUMN document SET COMPRESSION lz4;
-- Rows written before: the generated column is written again, in the row.
UPDATE story_index SET body = body;
