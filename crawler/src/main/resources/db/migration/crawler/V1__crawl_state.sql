-- Crawl state: which article URLs were already handed on, and how each source is doing.
-- Plain SQL that runs on H2 and PostgreSQL.

CREATE TABLE crawl_seen_url (
    doc_id        VARCHAR(32)   NOT NULL,  -- DocumentIds.forUrl(url): fixed length, so the key stays short
    url           VARCHAR(4096) NOT NULL,  -- canonical URL
    source_id     VARCHAR(100)  NOT NULL,
    first_seen    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_fetched  TIMESTAMP WITH TIME ZONE NOT NULL,
    status        VARCHAR(40)   NOT NULL,  -- ok, or the lower-case reason of a permanent failure
    CONSTRAINT pk_crawl_seen_url PRIMARY KEY (doc_id)
);

CREATE INDEX ix_crawl_seen_url_source ON crawl_seen_url (source_id, first_seen);

CREATE TABLE crawl_source_state (
    source_id             VARCHAR(100) NOT NULL,
    last_attempt          TIMESTAMP WITH TIME ZONE,
    last_success          TIMESTAMP WITH TIME ZONE,
    consecutive_failures  INTEGER      NOT NULL DEFAULT 0,
    last_error            VARCHAR(2000),
    etag                  VARCHAR(500),
    last_modified         VARCHAR(100),
    CONSTRAINT pk_crawl_source_state PRIMARY KEY (source_id)
);
