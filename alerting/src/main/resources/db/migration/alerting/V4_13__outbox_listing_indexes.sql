-- The console's outbox listing and GET /api/outbox read newest first, optionally by status, a page at a time
-- (keyset paging on created_at, id): without these indexes every page sorted the whole, ever-growing table.
CREATE INDEX ix_outbox_created ON outbox (created_at, id);
CREATE INDEX ix_outbox_status_created ON outbox (status, created_at, id);
