-- Livecount counter table for PostgreSQL 12+ (database encoding UTF8).
-- COLLATE "C" compares bytes; equality is byte-exact. Usable as a Flyway migration
-- (location classpath:io/livecount/schema/postgresql).
-- bucket_start: epoch seconds (UTC) of the bucket's start; 0 for period_type 'ALL'.
CREATE TABLE IF NOT EXISTS livecount_counter (
  ns            VARCHAR(64)   COLLATE "C" NOT NULL,
  counter_name  VARCHAR(1024) COLLATE "C" NOT NULL,
  period_type   VARCHAR(6)    COLLATE "C" NOT NULL,
  bucket_start  BIGINT        NOT NULL,
  counter_value BIGINT        NOT NULL,
  PRIMARY KEY (ns, counter_name, period_type, bucket_start)
);
-- For top-N reads of one bucket. It holds every key column, so a lookup of one row is a unique
-- match whichever index the planner picks (with only a prefix, stale statistics made PostgreSQL
-- pick it for single-row updates and scan a whole bucket).
CREATE INDEX IF NOT EXISTS livecount_counter_bucket ON livecount_counter (ns, period_type, bucket_start, counter_name);
