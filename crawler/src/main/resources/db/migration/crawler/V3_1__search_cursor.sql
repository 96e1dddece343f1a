-- Site-search sources: where each resumes in its list of search terms (the watchlist's names) next cycle, so that
-- with more names than searches per cycle every name gets its turn, across restarts and nodes.
-- Numbered 3.1 so a parallel V4 elsewhere does not collide. Plain SQL that runs on H2 and PostgreSQL.

CREATE TABLE crawl_search_cursor (
    source_id      VARCHAR(100) NOT NULL,
    next_position  INTEGER      NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_crawl_search_cursor PRIMARY KEY (source_id)
);
