-- Outbox rows are mails (channel 'mail', every row before this migration) or webhook posts (channel 'webhook').
-- A webhook row names its target by desk id and position in that desk's webhooks list, checked against a fingerprint
-- of kind and URL; the URL (whose query carries the robot token) and the DingTalk signing secret stay in the config
-- and are looked up when sending. recipients holds the URL without its query, for the console.
ALTER TABLE outbox ADD COLUMN channel VARCHAR(16) DEFAULT 'mail' NOT NULL;
ALTER TABLE outbox ADD COLUMN webhook_kind VARCHAR(16) NULL;
ALTER TABLE outbox ADD COLUMN desk_id VARCHAR(128) NULL;
ALTER TABLE outbox ADD COLUMN webhook_index INTEGER NULL;
ALTER TABLE outbox ADD COLUMN webhook_fingerprint VARCHAR(64) NULL;
-- The message as JSON (alert id, level, enterprise, title, categories, links, time), fixed when enqueued.
ALTER TABLE outbox ADD COLUMN payload TEXT NULL;
