-- The order flows (RetailCRM orders <-> Bitrix24 deals): the event log, the order index and the incidents.
-- syncgrid_order_event: every inbound and outbound event with a reference to its payload (never the payload itself:
-- no personal data), its result (ok, skipped, failed, unknown = an answer was lost), the error and the time it took.
-- syncgrid_order: one row per RetailCRM order (the API finds an order by number here). syncgrid_order_incident: a
-- failure that needs a person, open until the work succeeds, alerted once; syncgrid_order_incident_history: what
-- happened to it, line by line. Statements are separated by a line '-- go'.
CREATE TABLE IF NOT EXISTS syncgrid_order_event (
  id               BIGINT NOT NULL AUTO_INCREMENT,
  occurred_at      DATETIME(6) NOT NULL,
  direction        VARCHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  source_system    VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  kind             VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  order_id         BIGINT NULL,
  deal_id          BIGINT NULL,
  payload_ref      VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  result           VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  error            VARCHAR(2000) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  duration_ms      BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY ix_order_event_order (order_id, id),
  KEY ix_order_event_kind (kind, result, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
-- go
CREATE TABLE IF NOT EXISTS syncgrid_order (
  order_id         BIGINT NOT NULL,
  number           VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  external_id      VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  site             VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  status           VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  deal_id          BIGINT NULL,
  state            VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  updated_at       DATETIME(6) NOT NULL,
  last_error       VARCHAR(2000) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  PRIMARY KEY (order_id),
  KEY ix_order_number (number),
  KEY ix_order_state (state, order_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
-- go
CREATE TABLE IF NOT EXISTS syncgrid_order_incident (
  id               VARCHAR(120) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  order_id         BIGINT NULL,
  scope            VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  code             VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  title            VARCHAR(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  opened_at        DATETIME(6) NOT NULL,
  closed_at        DATETIME(6) NULL,
  alerted          TINYINT(1) NOT NULL,
  last_error       VARCHAR(2000) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  failures         INT NOT NULL,
  PRIMARY KEY (id),
  KEY ix_order_incident_open (closed_at, opened_at),
  KEY ix_order_incident_order (order_id, opened_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
-- go
CREATE TABLE IF NOT EXISTS syncgrid_order_incident_history (
  id               BIGINT NOT NULL AUTO_INCREMENT,
  incident_id      VARCHAR(120) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  at               DATETIME(6) NOT NULL,
  what             VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  detail           VARCHAR(2000) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  PRIMARY KEY (id),
  KEY ix_order_incident_history (incident_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
