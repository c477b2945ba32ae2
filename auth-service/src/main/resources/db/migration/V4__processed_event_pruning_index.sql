-- ore-events' InboxPruner deletes processed_event rows older than ore.inbox.retention (30 days by
-- default), 5000 at a time: "processed_at < cutoff limit 5000". Without this index each batch scans
-- the table for old rows and a run's last batch reads all of it (3 million rows: ~0.4 s a batch);
-- with it a batch is a short range scan (~5 ms).
--
-- A plain build, not CONCURRENTLY: Flyway holds a transaction open on another connection for the
-- whole migrate (its PostgreSQL lock), and a concurrent build waits for every open transaction, so
-- it never finishes. The plain build blocks inserts into processed_event while it runs (~3 s for
-- 3 million rows); only Kafka consumers insert here, and they wait for it rather than fail.
create index processed_event_processed_at_idx on auth.processed_event (processed_at);
