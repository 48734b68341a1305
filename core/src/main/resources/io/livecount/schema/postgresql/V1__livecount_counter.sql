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
