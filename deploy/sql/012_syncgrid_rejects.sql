-- The rejects store: every value SyncGrid refused, with where it came from, so that nothing is lost. One row per
-- (source store, source id, field, reason code, raw value): seeing the same reject again increments `count` and moves
-- `last_seen`, never adds a row. `raw_hash` is SHA-256 of the raw value (a marker byte, then UTF-8; absent values
-- hash differently from empty ones) so that the unique key stays short while `raw_value` keeps any length.
-- Statements are separated by a line '-- go'.
CREATE TABLE IF NOT EXISTS syncgrid_reject (
  id               BIGINT NOT NULL AUTO_INCREMENT,
  source_store     VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  source_id        VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  field            VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  reason_code      VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  raw_hash         BINARY(32) NOT NULL,
  raw_value        TEXT NULL,
  source_position  VARCHAR(200) NULL,
  message          VARCHAR(2000) NOT NULL,
  first_seen       DATETIME(6) NOT NULL,
  last_seen        DATETIME(6) NOT NULL,
  count            BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY ux_reject (source_store, source_id, field, reason_code, raw_hash),
  KEY ix_reject_reason (reason_code, last_seen),
  KEY ix_reject_last_seen (last_seen, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
