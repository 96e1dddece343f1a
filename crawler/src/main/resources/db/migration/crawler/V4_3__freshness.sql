-- Freshness (issue #3): each source's adapted crawl interval, and the stored articles being re-checked for edits and
-- deletions (删帖). Numbered 4.3 so it sits apart from other branches' V4/V5. Plain SQL for H2 and PostgreSQL.

CREATE TABLE crawl_source_interval (
    source_id    VARCHAR(100) NOT NULL,
    base_ms      BIGINT       NOT NULL,  -- the configured `every` this interval adapted from; a changed `every` starts over
    interval_ms  BIGINT       NOT NULL,  -- the interval the source runs at now
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_crawl_source_interval PRIMARY KEY (source_id)
);

CREATE TABLE crawl_recheck (
    doc_id        VARCHAR(32)   NOT NULL,  -- DocumentIds.forUrl(url), as the stored document's id
    url           VARCHAR(4096) NOT NULL,
    source_id     VARCHAR(100)  NOT NULL,
    first_seen    TIMESTAMP WITH TIME ZONE NOT NULL,
    checks_done   INTEGER       NOT NULL,  -- scheduled re-checks taken so far
    next_check    TIMESTAMP WITH TIME ZONE,  -- null: no more re-checks (window over, or the page is gone)
    content_hash  VARCHAR(64)   NOT NULL,  -- SHA-256 of the normalised text last seen, hex
    title         TEXT          NOT NULL,
    body          TEXT          NOT NULL,  -- the text last seen, to say what an edit changed; dropped when done
    suspected     VARCHAR(500),            -- why the page looked deleted at the last check, awaiting confirmation
    last_outcome  VARCHAR(20),
    last_checked  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_crawl_recheck PRIMARY KEY (doc_id)
);

CREATE INDEX ix_crawl_recheck_due ON crawl_recheck (source_id, next_check);
