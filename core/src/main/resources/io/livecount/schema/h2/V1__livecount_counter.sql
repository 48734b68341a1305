-- Livecount counter table for H2 2.x. VARCHAR compares exactly in a database with the default
-- COLLATION OFF and IGNORECASE FALSE (the start-up check refuses others); do not use VARCHAR_IGNORECASE.
-- Usable as a Flyway migration (location classpath:io/livecount/schema/h2).
-- bucket_start: epoch seconds (UTC) of the bucket's start; 0 for period_type 'ALL'.
CREATE TABLE IF NOT EXISTS livecount_counter (
  ns            VARCHAR(64)   NOT NULL,
  counter_name  VARCHAR(1024) NOT NULL,
  period_type   VARCHAR(6)    NOT NULL,
  bucket_start  BIGINT        NOT NULL,
  counter_value BIGINT        NOT NULL,
  PRIMARY KEY (ns, counter_name, period_type, bucket_start)
);
