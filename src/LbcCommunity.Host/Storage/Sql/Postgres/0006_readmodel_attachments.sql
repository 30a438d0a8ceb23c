-- Stories' attachments in cluster mode (Azure mode keeps them in a blob container of their own).
CREATE TABLE IF NOT EXISTS story_attachment
(
    tenant_id     text        NOT NULL,
    story_id      text        NOT NULL,
    attachment_id text        NOT NULL,
    content       bytea       NOT NULL,
    stored_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, story_id, attachment_id)
);
