-- The Orleans ADO.NET providers load every statement they run from this table at start-up,
-- so the SQL of each provider is data owned by these migrations.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT pk_orleans_query PRIMARY KEY (QueryKey)
);
