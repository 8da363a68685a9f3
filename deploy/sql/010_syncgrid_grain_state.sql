-- SyncGrid's own grain state table, used by the batched MariaDB grain storage (MariaDbGrainStorage) of the
-- high-volume grains (companies, contacts, contact-link shards). Statements are separated by a line '-- go'.
--
-- One row per grain state: (service, state name, grain id) -> version, the token of the write that made it, and the
-- Orleans-binary payload. MEDIUMBLOB: a 64 KiB BLOB would cap (and, through procedures, silently truncate) states.
-- Binary collations: grain ids that differ only in case are different grains.
CREATE TABLE IF NOT EXISTS syncgrid_grain_state (
  service_id   VARCHAR(150) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  state_name   VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  grain_id     VARCHAR(600) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  version      INT NOT NULL,
  write_token  BIGINT NOT NULL,
  payload      MEDIUMBLOB NOT NULL,
  modified_at  DATETIME(6) NOT NULL,
  PRIMARY KEY (service_id, state_name, grain_id)
) ENGINE=InnoDB
