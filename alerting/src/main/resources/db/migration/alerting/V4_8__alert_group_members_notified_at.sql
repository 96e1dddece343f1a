-- When the notification that first listed a group member was enqueued, for the alert page (before: only its number).
-- NULL for members listed before this column existed, and for members not yet notified.
ALTER TABLE alert_group_members ADD COLUMN notified_at TIMESTAMP WITH TIME ZONE NULL;
