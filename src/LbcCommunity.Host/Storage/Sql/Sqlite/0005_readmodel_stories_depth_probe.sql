-- A depth-change filter is checked for each document the full-text match finds (docs/benchmarks.md, "Story search").
-- SQLite turns the filter's EXISTS into a probe of this index; with to_level (a range) before doc_id, the probe could
-- not reach the document and scanned every depth change of the row and level instead: 440 ms for a common word over
-- 10,000 stories. With doc_id before to_level it is one lookup; the index still serves a search that starts from the
-- depth change (row, from level).
DROP INDEX IF EXISTS story_depth_change;
CREATE INDEX story_depth_change ON story_depth (row_id, from_level, doc_id, to_level);
