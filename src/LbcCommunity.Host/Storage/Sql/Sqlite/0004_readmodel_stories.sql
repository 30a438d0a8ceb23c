-- The stories' search read model (docs/stories.md): written by each story's grain, never the source of truth.
-- One row per story; version guards every write (an older or equal version changes nothing).
CREATE TABLE IF NOT EXISTS story_index
(
    doc_id       INTEGER PRIMARY KEY,
    tenant_id    TEXT    NOT NULL,
    story_id     TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    status       TEXT    NOT NULL,
    visibility   TEXT    NOT NULL,
    community_id TEXT    NOT NULL,
    team_id      TEXT,
    region_id    TEXT,
    year         INTEGER NOT NULL,
    title        TEXT    NOT NULL,
    summary      TEXT,
    author_name  TEXT    NOT NULL,
    published_at TEXT,
    depth_json   TEXT    NOT NULL,
    UNIQUE (tenant_id, story_id)
);

CREATE INDEX IF NOT EXISTS story_index_scope ON story_index (tenant_id, status, community_id);

-- The facets a filter names: habit, row, measure (lower case), tag.
CREATE TABLE IF NOT EXISTS story_facet
(
    doc_id INTEGER NOT NULL,
    kind   TEXT    NOT NULL,
    value  TEXT    NOT NULL,
    PRIMARY KEY (doc_id, kind, value)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS story_facet_value ON story_facet (kind, value, doc_id);

CREATE TABLE IF NOT EXISTS story_depth
(
    doc_id     INTEGER NOT NULL,
    row_id     TEXT    NOT NULL,
    from_level INTEGER NOT NULL,
    to_level   INTEGER NOT NULL,
    PRIMARY KEY (doc_id, row_id)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS story_depth_change ON story_depth (row_id, from_level, to_level, doc_id);

-- Full text: title, summary and the rest, stemmed (Porter) with diacritics folded; rowid = story_index.doc_id.
CREATE VIRTUAL TABLE IF NOT EXISTS story_fts USING fts5(title, summary, body, tokenize = 'porter unicode61 remove_diacritics 2');
