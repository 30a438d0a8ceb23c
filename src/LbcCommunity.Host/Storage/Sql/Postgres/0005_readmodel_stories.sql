-- The stories' search read model (docs/stories.md): written by each story's grain, never the source of truth.
-- Applied in cluster mode and in Azure mode (scripts named *_readmodel_* are the ones Azure mode's PostgreSQL holds).
CREATE TABLE IF NOT EXISTS story_index
(
    doc_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    text        NOT NULL,
    story_id     text        NOT NULL,
    version      bigint      NOT NULL,
    status       text        NOT NULL,
    visibility   text        NOT NULL,
    community_id text        NOT NULL,
    team_id      text,
    region_id    text,
    year         integer     NOT NULL,
    title        text        NOT NULL,
    summary      text,
    body         text        NOT NULL,
    author_name  text        NOT NULL,
    published_at timestamptz,
    depth_json   text        NOT NULL,
    document     tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', coalesce(summary, '')), 'B') ||
        setweight(to_tsvector('english', body), 'C')) STORED,
    UNIQUE (tenant_id, story_id)
);

CREATE INDEX IF NOT EXISTS story_index_document ON story_index USING gin (document);
CREATE INDEX IF NOT EXISTS story_index_scope ON story_index (tenant_id, status, community_id);

CREATE TABLE IF NOT EXISTS story_facet
(
    doc_id bigint NOT NULL REFERENCES story_index (doc_id) ON DELETE CASCADE,
    kind   text   NOT NULL,
    value  text   NOT NULL,
    PRIMARY KEY (doc_id, kind, value)
);

CREATE INDEX IF NOT EXISTS story_facet_value ON story_facet (kind, value, doc_id);

CREATE TABLE IF NOT EXISTS story_depth
(
    doc_id     bigint  NOT NULL REFERENCES story_index (doc_id) ON DELETE CASCADE,
    row_id     text    NOT NULL,
    from_level integer NOT NULL,
    to_level   integer NOT NULL,
    PRIMARY KEY (doc_id, row_id)
);

CREATE INDEX IF NOT EXISTS story_depth_change ON story_depth (row_id, from_level, to_level, doc_id);
