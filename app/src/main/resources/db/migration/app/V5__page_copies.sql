-- The sanitised copy of each crawled page (nothing that runs or loads), kept for reviewers after the original is
-- edited or deleted. One row per document; the first copy stays (re-offering a document never replaces it).
CREATE TABLE page_copies (
    document_id VARCHAR(64) PRIMARY KEY,
    url         TEXT        NOT NULL,
    html        TEXT        NOT NULL,
    fetched_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
