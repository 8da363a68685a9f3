-- 003: Orleans ADO.NET reminders for MariaDB 10.11+. Needs 001 (the OrleansQuery table).
--
-- Statement separator: a line holding only "-- go" (any case, surrounding blanks ignored). The SyncGrid schema
-- migrator (`syncgrid db migrate`) splits every file on those lines and sends each part as one statement, so a
-- procedure body keeps its semicolons and no client-side DELIMITER is needed. A part holding only "--" comment
-- lines is not sent.
--
-- Idempotent: CREATE TABLE IF NOT EXISTS, CREATE OR REPLACE PROCEDURE, and INSERT ... ON DUPLICATE KEY UPDATE
-- for the query rows, so applying it again is harmless. Later changes to a table go into a new numbered script.
--
-- Contract (docs/storage.md): parameters ServiceId, GrainId (GrainId.ToString(), e.g. "counter/restart-test"),
-- ReminderName, StartTime, Period (milliseconds, read back with GetInt64, hence BIGINT), GrainHash, BeginHash and
-- EndHash (uint ring hashes passed as signed INT), Version. Rows carry GrainId, ReminderName, StartTime, Period and
-- Version. ReadRangeRows1Key serves (BeginHash, EndHash] when (int)BeginHash < (int)EndHash; ReadRangeRows2Key
-- serves the range that wraps around the end of the signed ring.

CREATE TABLE IF NOT EXISTS orleans_reminders
(
    ServiceId VARCHAR(150) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    GrainId VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    ReminderName VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    StartTime DATETIME(6) NOT NULL,
    Period BIGINT NOT NULL,
    GrainHash INT NOT NULL,
    Version INT NOT NULL,
    CONSTRAINT pk_orleans_reminders PRIMARY KEY (ServiceId, GrainId, ReminderName),
    INDEX ix_orleans_reminders_hash (ServiceId, GrainHash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin
-- go

-- Inserts a reminder (Version 1) or replaces its schedule (Version + 1); returns the new Version, read inside the
-- same transaction so a concurrent upsert of the same reminder cannot hand this caller the other's version.
CREATE OR REPLACE PROCEDURE orleans_reminders_upsert
(
    IN p_ServiceId VARCHAR(150) CHARACTER SET ascii COLLATE ascii_bin,
    IN p_GrainHash INT,
    IN p_GrainId VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_ReminderName VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_StartTime DATETIME(6),
    IN p_Period BIGINT
)
SQL SECURITY INVOKER
BEGIN
    DECLARE v_version INT DEFAULT NULL;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    START TRANSACTION;
    INSERT INTO orleans_reminders (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES (p_ServiceId, p_GrainId, p_ReminderName, p_StartTime, p_Period, p_GrainHash, 1)
    ON DUPLICATE KEY UPDATE StartTime = p_StartTime, Period = p_Period, GrainHash = p_GrainHash, Version = Version + 1;

    SELECT Version INTO v_version
    FROM orleans_reminders
    WHERE ServiceId = p_ServiceId AND GrainId = p_GrainId AND ReminderName = p_ReminderName;
    COMMIT;

    SELECT v_version AS Version;
END
-- go

-- Deletes a reminder only when its version still is p_Version; returns 1 when a row was deleted, else 0.
CREATE OR REPLACE PROCEDURE orleans_reminders_delete
(
    IN p_ServiceId VARCHAR(150) CHARACTER SET ascii COLLATE ascii_bin,
    IN p_GrainId VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_ReminderName VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_Version INT
)
SQL SECURITY INVOKER
BEGIN
    DECLARE v_rows INT DEFAULT 0;

    DELETE FROM orleans_reminders
    WHERE ServiceId = p_ServiceId AND GrainId = p_GrainId AND ReminderName = p_ReminderName AND Version = p_Version;
    SET v_rows = ROW_COUNT();

    SELECT IF(v_rows = 1, 1, 0) AS Deleted;
END
-- go

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'UpsertReminderRowKey',
    'CALL orleans_reminders_upsert(@ServiceId, @GrainHash, @GrainId, @ReminderName, @StartTime, @Period)'
),
(
    'ReadReminderRowsKey',
    'SELECT GrainId, ReminderName, StartTime, Period, Version
     FROM orleans_reminders
     WHERE ServiceId = @ServiceId AND GrainId = @GrainId'
),
(
    'ReadReminderRowKey',
    'SELECT GrainId, ReminderName, StartTime, Period, Version
     FROM orleans_reminders
     WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName'
),
(
    'ReadRangeRows1Key',
    'SELECT GrainId, ReminderName, StartTime, Period, Version
     FROM orleans_reminders
     WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash'
),
(
    'ReadRangeRows2Key',
    'SELECT GrainId, ReminderName, StartTime, Period, Version
     FROM orleans_reminders
     WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash)'
),
(
    'DeleteReminderRowKey',
    'CALL orleans_reminders_delete(@ServiceId, @GrainId, @ReminderName, @Version)'
),
(
    'DeleteReminderRowsKey',
    'DELETE FROM orleans_reminders WHERE ServiceId = @ServiceId'
)
ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText)
