-- Livecount counter table for MariaDB 10.5+ and MySQL 8.
-- Keys are VARBINARY holding UTF-8 bytes: byte-exact on both servers (no collation folds case or
-- ignores trailing spaces). Usable as a Flyway migration (location classpath:io/livecount/schema/mysql).
-- bucket_start: epoch seconds (UTC) of the bucket's start; 0 for period_type 'ALL'.
CREATE TABLE IF NOT EXISTS livecount_counter (
  ns            VARBINARY(64)   NOT NULL,
  counter_name  VARBINARY(1024) NOT NULL,
  period_type   VARCHAR(6) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  bucket_start  BIGINT          NOT NULL,
  counter_value BIGINT          NOT NULL,
  PRIMARY KEY (ns, counter_name, period_type, bucket_start)
) ENGINE = InnoDB;
