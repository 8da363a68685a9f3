-- The read model: one row per company and the company-contact bindings, written by the company grains after each
-- state change (batched) so that listing and counting never scans grains. Statements are separated by a line
-- '-- go'. `version` is the company grain state's version: an upsert never replaces a newer row.
CREATE TABLE IF NOT EXISTS syncgrid_company (
  tin                  VARCHAR(12) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  name                 VARCHAR(1000) NULL,
  status               VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  status_reason        VARCHAR(2000) NULL,
  bitrix24_company_id  BIGINT NULL,
  sources              INT NOT NULL,
  last_error           TEXT NULL,
  updated_at           DATETIME(6) NOT NULL,
  version              BIGINT NOT NULL,
  PRIMARY KEY (tin),
  KEY ix_company_status (status, tin)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
-- go
CREATE TABLE IF NOT EXISTS syncgrid_company_contact (
  tin          VARCHAR(12) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  contact_key  VARCHAR(400) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  PRIMARY KEY (tin, contact_key),
  KEY ix_company_contact_contact (contact_key)
) ENGINE=InnoDB
