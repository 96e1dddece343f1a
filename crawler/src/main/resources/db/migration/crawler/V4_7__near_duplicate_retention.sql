-- Retention of the near-duplicate clusters (index.retention): rows of documents assigned before the cutoff are
-- deleted, so the lookups below must find them without reading whole tables. Numbered 4.7 so it sits apart from
-- other branches' migrations. Plain SQL for H2 and PostgreSQL.

CREATE INDEX ix_crawl_fingerprint_assigned ON crawl_fingerprint (assigned_at);
CREATE INDEX ix_crawl_fingerprint_sentence_doc ON crawl_fingerprint_sentence (doc_id);

-- crawl_cluster_host is no longer read: a cluster's distinct hosts are counted from its remaining members in
-- crawl_fingerprint, so spread and size agree after retention. It is still written and trimmed with its members,
-- for nodes of the previous version during a rolling upgrade (they read it); a later version can drop it.
