-- Source checkpoints: how far the import of each source got, so that an import interrupted by a crash resumes where
-- its last acknowledged batch ended instead of starting again. One row per (source, identity): for a store B export
-- file the source is 'store-b-export' and the identity is SHA-256 (hex) of the file's name, size and first and last
-- MiB, so a changed file is a new import. `last_index` is the partners-array index of the last partner whose record
-- Kafka acknowledged (-1: none), `byte_offset` that partner's offset in the decompressed UTF-8 text. A write never
-- moves `last_index` back. Statements are separated by a line '-- go'.
CREATE TABLE IF NOT EXISTS syncgrid_source_checkpoint (
  source        VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  identity      VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  name          VARCHAR(1000) NOT NULL,
  size_bytes    BIGINT NOT NULL,
  last_index    BIGINT NOT NULL,
  byte_offset   BIGINT NOT NULL,
  records       BIGINT NOT NULL,
  rejected      BIGINT NOT NULL,
  started_at    DATETIME(6) NOT NULL,
  updated_at    DATETIME(6) NOT NULL,
  completed_at  DATETIME(6) NULL,
  PRIMARY KEY (source, identity),
  KEY ix_source_checkpoint_updated (updated_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
