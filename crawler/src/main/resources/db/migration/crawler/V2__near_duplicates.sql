-- Near-duplicate clusters: one row per document with its SimHash (split into four 16-bit bands for lookup), the hash
-- of its normalised text (exact copies) and the cluster it joined; hashes of its sentences for edited reposts; the
-- distinct hosts per cluster (the spread signal). Plain SQL that runs on H2 and PostgreSQL.

CREATE TABLE crawl_fingerprint (
    doc_id          VARCHAR(64)  NOT NULL,
    cluster_id      VARCHAR(64)  NOT NULL,  -- doc_id of the cluster's first document
    host            VARCHAR(255) NOT NULL,
    simhash         BIGINT       NOT NULL,
    band0           INTEGER      NOT NULL,
    band1           INTEGER      NOT NULL,
    band2           INTEGER      NOT NULL,
    band3           INTEGER      NOT NULL,
    content_hash    VARCHAR(64)  NOT NULL,  -- SHA-256 of the normalised text, hex
    sentence_count  INTEGER      NOT NULL,
    exact_copy      BOOLEAN      NOT NULL,  -- joined its cluster by identical normalised text
    assigned_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_crawl_fingerprint PRIMARY KEY (doc_id)
);

CREATE INDEX ix_crawl_fingerprint_band0 ON crawl_fingerprint (band0);
CREATE INDEX ix_crawl_fingerprint_band1 ON crawl_fingerprint (band1);
CREATE INDEX ix_crawl_fingerprint_band2 ON crawl_fingerprint (band2);
CREATE INDEX ix_crawl_fingerprint_band3 ON crawl_fingerprint (band3);
CREATE INDEX ix_crawl_fingerprint_content ON crawl_fingerprint (content_hash);
CREATE INDEX ix_crawl_fingerprint_cluster ON crawl_fingerprint (cluster_id);

CREATE TABLE crawl_fingerprint_sentence (
    sentence_hash  BIGINT      NOT NULL,
    doc_id         VARCHAR(64) NOT NULL,
    CONSTRAINT pk_crawl_fingerprint_sentence PRIMARY KEY (sentence_hash, doc_id)
);

CREATE TABLE crawl_cluster_host (
    cluster_id  VARCHAR(64)  NOT NULL,
    host        VARCHAR(255) NOT NULL,
    CONSTRAINT pk_crawl_cluster_host PRIMARY KEY (cluster_id, host)
);
