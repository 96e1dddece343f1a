-- A dead outbox row can be sent again by an administrator once the cause is fixed (issue #5): who did it last and
-- when, shown on the row; every resend is also in the audit trail (alert_actions, action 'outbox_resend').
ALTER TABLE outbox ADD COLUMN resent_by VARCHAR(200) NULL;
ALTER TABLE outbox ADD COLUMN resent_at TIMESTAMP WITH TIME ZONE NULL;
