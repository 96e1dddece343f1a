-- Rules: the risky items the new-category and spread rules look back on, and which rules raised an alert.
-- Version 4.1 (not 5) leaves room for other migrations numbered 4 written at the same time.

CREATE TABLE rule_items (
    document_id   VARCHAR(64)   NOT NULL,
    enterprise_id VARCHAR(512)  NOT NULL,
    -- The host the item was found on (spread by distinct sites).
    site          VARCHAR(255)  NOT NULL,
    -- The repost cluster (spread by cluster size); the document's own id when it is not a repost.
    cluster_id    VARCHAR(64)   NOT NULL,
    -- ,code,code, so that LIKE '%,code,%' finds a category.
    categories    VARCHAR(1000) NOT NULL,
    -- RiskLevel ordinal: 0 none … 4 red.
    level_rank    INTEGER       NOT NULL,
    at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_rule_items PRIMARY KEY (document_id, enterprise_id)
);

CREATE INDEX ix_rule_items_enterprise ON rule_items (enterprise_id, at);
CREATE INDEX ix_rule_items_cluster ON rule_items (cluster_id, at);

-- The ids of the rules that fired for an alert, comma-separated; NULL for alerts raised before rules.
ALTER TABLE alerts ADD COLUMN rule_ids VARCHAR(1000) NULL;
