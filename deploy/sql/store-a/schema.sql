-- Store A: the legacy CRM/ERP database SyncGrid reads through a read replica (see docs and the sources contract).
-- This is the source's own schema, not SyncGrid's: the data generator loads it into a database of its own, and the
-- demo and the tests read it back exactly as production reads the replica. The legacy application writes
-- windows-1251 bytes (newer versions: UTF-8 bytes) into the latin1 columns, so readers take those columns as bytes.

CREATE TABLE IF NOT EXISTS companies (
  id            INT          NOT NULL PRIMARY KEY,
  name          VARCHAR(255) CHARACTER SET latin1 NULL,
  inn           VARCHAR(32)  CHARACTER SET latin1 NULL,
  kpp           VARCHAR(16)  NULL,
  ogrn          VARCHAR(20)  NULL,
  legal_address TEXT         CHARACTER SET latin1 NULL,
  phone         VARCHAR(255) CHARACTER SET latin1 NULL,
  email         VARCHAR(255) NULL,
  bik           VARCHAR(16)  NULL,
  bank_account  VARCHAR(32)  NULL,
  bank_name     VARCHAR(255) CHARACTER SET latin1 NULL,
  updated_at    DATETIME(6)  NOT NULL,
  is_deleted    TINYINT(1)   NOT NULL DEFAULT 0,
  INDEX ix_companies_updated (updated_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS contacts (
  id            INT          NOT NULL PRIMARY KEY,
  company_id    INT          NULL,
  full_name     VARCHAR(255) CHARACTER SET latin1 NULL,
  position      VARCHAR(255) CHARACTER SET latin1 NULL,
  phone         VARCHAR(255) CHARACTER SET latin1 NULL,
  email         VARCHAR(255) NULL,
  updated_at    DATETIME(6)  NOT NULL,
  is_deleted    TINYINT(1)   NOT NULL DEFAULT 0,
  INDEX ix_contacts_updated (updated_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
