-- Optional index for CounterOperations.top() on large namespaces. Without it, top() reads every
-- row of the namespace through the primary key's prefix. With it, single-thread adds were 8-20%
-- slower in bench/run (docs/performance.md), so it is not part of the default schema.
-- It holds every key column on purpose: with only (ns, period_type, bucket_start), PostgreSQL with
-- stale statistics chose it for single-row updates and scanned a whole bucket.
CREATE INDEX IF NOT EXISTS livecount_counter_bucket ON livecount_counter (ns, period_type, bucket_start, counter_name);
