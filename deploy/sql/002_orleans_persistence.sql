-- 002: Orleans ADO.NET grain persistence for MariaDB 10.11+. Needs 001 (the OrleansQuery table).
--
-- Statement separator: a line holding only "-- go" (any case, surrounding blanks ignored). The SyncGrid schema
-- migrator (`syncgrid db migrate`) splits every file on those lines and sends each part as one statement, so a
-- procedure body keeps its semicolons and no client-side DELIMITER is needed. A part holding only "--" comment
-- lines is not sent.
--
-- Idempotent: CREATE TABLE IF NOT EXISTS, CREATE OR REPLACE PROCEDURE, and INSERT ... ON DUPLICATE KEY UPDATE
-- for the query rows, so applying it again is harmless. Later changes to a table go into a new numbered script.
--
-- Contract (docs/storage.md): parameters GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
-- GrainIdExtensionString (NULL for keys without extension; the whole key for string keys), ServiceId, plus
-- GrainStateVersion (writes, clears, deletes) and PayloadBinary (writes). Reads return PayloadBinary and Version;
-- writes, clears and deletes return NewGrainStateVersion: the new version on success, otherwise the unchanged
-- GrainStateVersion (NULL for a first insert that lost to another), which Orleans reports as a version conflict.
--
-- Layout choices, each measured on MariaDB 10.11 (docs/storage.md):
--  * The payload is LONGBLOB, and so is the procedure parameter: a 64 KiB BLOB column fed from a LONGBLOB
--    parameter silently keeps length mod 65536. Every procedure parameter has its column's exact type.
--  * The primary key is the storage identity itself, so it is a real unique key and two first writes of one grain
--    cannot both succeed; the loser gets duplicate-key error 1062 and returns NULL. A unique key does not treat
--    NULLs as equal, so a missing key extension is stored as '' (Orleans never creates an empty extension).
--  * Text identity columns are _bin: string keys that differ only in case are different grains. ServiceId is
--    ASCII, which keeps the key within InnoDB's 3072-byte limit with a 512-character string key.
--  * Guarded changes test ROW_COUNT() after UPDATE ... WHERE Version = p_GrainStateVersion; Version always
--    changes, so the count does not depend on the client's found-rows flag.

CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    GrainIdHash INT NOT NULL,
    GrainTypeHash INT NOT NULL,
    ServiceId VARCHAR(150) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    GrainIdN0 BIGINT NOT NULL,
    GrainIdN1 BIGINT NOT NULL,
    GrainTypeString VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    GrainIdExtensionString VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    PayloadBinary LONGBLOB NULL,
    Version INT NOT NULL,
    ModifiedOn DATETIME(6) NOT NULL,
    CONSTRAINT pk_orleans_grain_state PRIMARY KEY
        (GrainIdHash, GrainTypeHash, ServiceId, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin
-- go

-- Every change of a grain's stored state, guarded by its version:
--  * write (p_PayloadBinary not NULL, p_Delete = 0): inserts the first state when p_GrainStateVersion is NULL,
--    else replaces the payload;
--  * clear (p_PayloadBinary NULL, p_Delete = 0): keeps the row with a NULL payload, as ClearStorageKey asks;
--  * delete (p_Delete = 1): removes the row (DeleteStorageKey, used when DeleteStateOnClear is set).
-- Returns NewGrainStateVersion: 1 for a first insert, p_GrainStateVersion + 1 for a change; NULL when a first insert
-- found the row already there (or a clear or delete came without a version); p_GrainStateVersion when the stored
-- version moved on. Orleans turns the last two into a version conflict.
CREATE OR REPLACE PROCEDURE orleans_grain_state_write
(
    IN p_GrainIdHash INT,
    IN p_GrainIdN0 BIGINT,
    IN p_GrainIdN1 BIGINT,
    IN p_GrainTypeHash INT,
    IN p_GrainTypeString VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_GrainIdExtensionString VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_ServiceId VARCHAR(150) CHARACTER SET ascii COLLATE ascii_bin,
    IN p_GrainStateVersion INT,
    IN p_PayloadBinary LONGBLOB,
    IN p_Delete TINYINT
)
SQL SECURITY INVOKER
BEGIN
    DECLARE v_duplicate INT DEFAULT 0;
    DECLARE v_new_version INT DEFAULT NULL;
    DECLARE CONTINUE HANDLER FOR 1062 SET v_duplicate = 1;

    IF p_GrainStateVersion IS NULL THEN
        IF p_Delete = 0 AND p_PayloadBinary IS NOT NULL THEN
            INSERT INTO orleans_grain_state
                (GrainIdHash, GrainTypeHash, ServiceId, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString,
                 PayloadBinary, Version, ModifiedOn)
            VALUES
                (p_GrainIdHash, p_GrainTypeHash, p_ServiceId, p_GrainIdN0, p_GrainIdN1, p_GrainTypeString,
                 IFNULL(p_GrainIdExtensionString, ''), p_PayloadBinary, 1, UTC_TIMESTAMP(6));
            IF v_duplicate = 0 THEN
                SET v_new_version = 1;
            END IF;
        END IF;
    ELSE
        IF p_Delete = 1 THEN
            DELETE FROM orleans_grain_state
            WHERE GrainIdHash = p_GrainIdHash AND GrainTypeHash = p_GrainTypeHash AND ServiceId = p_ServiceId
              AND GrainIdN0 = p_GrainIdN0 AND GrainIdN1 = p_GrainIdN1 AND GrainTypeString = p_GrainTypeString
              AND GrainIdExtensionString = IFNULL(p_GrainIdExtensionString, '')
              AND Version = p_GrainStateVersion;
        ELSE
            UPDATE orleans_grain_state
            SET PayloadBinary = p_PayloadBinary, Version = Version + 1, ModifiedOn = UTC_TIMESTAMP(6)
            WHERE GrainIdHash = p_GrainIdHash AND GrainTypeHash = p_GrainTypeHash AND ServiceId = p_ServiceId
              AND GrainIdN0 = p_GrainIdN0 AND GrainIdN1 = p_GrainIdN1 AND GrainTypeString = p_GrainTypeString
              AND GrainIdExtensionString = IFNULL(p_GrainIdExtensionString, '')
              AND Version = p_GrainStateVersion;
        END IF;
        SET v_new_version = IF(ROW_COUNT() = 1, p_GrainStateVersion + 1, p_GrainStateVersion);
    END IF;

    SELECT v_new_version AS NewGrainStateVersion;
END
-- go

-- The read is a plain SELECT rather than a procedure: a literal parameter is never truncated to a column's width,
-- so an over-long key finds nothing instead of another grain's row. '''' is one quote pair: an empty string.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'ReadFromStorageKey',
    'SELECT PayloadBinary, Version
     FROM orleans_grain_state
     WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND ServiceId = @ServiceId
       AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString = IFNULL(@GrainIdExtensionString, '''')'
),
(
    'WriteToStorageKey',
    'CALL orleans_grain_state_write(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                                    @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary, 0)'
),
(
    'ClearStorageKey',
    'CALL orleans_grain_state_write(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                                    @GrainIdExtensionString, @ServiceId, @GrainStateVersion, NULL, 0)'
),
(
    'DeleteStorageKey',
    'CALL orleans_grain_state_write(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                                    @GrainIdExtensionString, @ServiceId, @GrainStateVersion, NULL, 1)'
)
ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText)
