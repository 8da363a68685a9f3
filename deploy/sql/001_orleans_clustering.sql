-- 001: Orleans ADO.NET clustering (silo membership) for MariaDB 10.11+, with the OrleansQuery table every
-- Orleans ADO.NET provider reads its query texts from.
--
-- Statement separator: a line holding only "-- go" (any case, surrounding blanks ignored). The SyncGrid schema
-- migrator (`syncgrid db migrate`) splits every file on those lines and sends each part as one statement, so a
-- procedure body keeps its semicolons and no client-side DELIMITER is needed. A part holding only "--" comment
-- lines is not sent.
--
-- Idempotent: CREATE TABLE IF NOT EXISTS, CREATE OR REPLACE PROCEDURE, and INSERT ... ON DUPLICATE KEY UPDATE
-- for the query rows, so applying it again is harmless. Later changes to a table go into a new numbered script.
--
-- Contract (docs/storage.md): Orleans runs the texts stored under the 9 clustering keys with unprefixed parameters
-- (DeploymentId, Address, Port, Generation, Version, ...) and reads result columns by name. DeploymentId is the
-- ClusterId (ASCII). Every membership read starts from the version row, so it returns at least one row; every
-- change to a silo row bumps the table version in the same transaction, guarded by the version the caller read.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    QueryText TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    CONSTRAINT pk_orleans_query PRIMARY KEY (QueryKey)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin
-- go

CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    DeploymentId VARCHAR(150) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    Version INT NOT NULL DEFAULT 0,
    ModifiedOn DATETIME(6) NOT NULL,
    CONSTRAINT pk_orleans_membership_version PRIMARY KEY (DeploymentId)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin
-- go

CREATE TABLE IF NOT EXISTS orleans_membership
(
    DeploymentId VARCHAR(150) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    Address VARCHAR(45) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    Port INT NOT NULL,
    Generation INT NOT NULL,
    SiloName VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    HostName VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    Status INT NOT NULL,
    ProxyPort INT NULL,
    SuspectTimes TEXT CHARACTER SET ascii COLLATE ascii_bin NULL,
    StartTime DATETIME(6) NOT NULL,
    IAmAliveTime DATETIME(6) NOT NULL,
    CONSTRAINT pk_orleans_membership PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT fk_orleans_membership_version FOREIGN KEY (DeploymentId)
        REFERENCES orleans_membership_version (DeploymentId)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin
-- go

-- Creates the version row of a cluster; returns 1 when this call created it, 0 when it existed.
CREATE OR REPLACE PROCEDURE orleans_membership_version_insert
(
    IN p_DeploymentId VARCHAR(150) CHARACTER SET ascii COLLATE ascii_bin
)
SQL SECURITY INVOKER
BEGIN
    DECLARE v_created INT DEFAULT 1;
    DECLARE CONTINUE HANDLER FOR 1062 SET v_created = 0;

    INSERT INTO orleans_membership_version (DeploymentId, Version, ModifiedOn)
    VALUES (p_DeploymentId, 0, UTC_TIMESTAMP(6));

    SELECT v_created AS Created;
END
-- go

-- Adds (p_Insert = 1) or updates (p_Insert = 0) a silo row and bumps the table version, atomically and only when
-- the table version still is p_Version. Returns 1 on success; 0, with nothing changed, when the version moved on,
-- when the silo to add already exists, or when the silo to update does not. An insert sets every column; an update
-- sets Status, SuspectTimes and IAmAliveTime only.
CREATE OR REPLACE PROCEDURE orleans_membership_write
(
    IN p_Insert TINYINT,
    IN p_DeploymentId VARCHAR(150) CHARACTER SET ascii COLLATE ascii_bin,
    IN p_Address VARCHAR(45) CHARACTER SET ascii COLLATE ascii_bin,
    IN p_Port INT,
    IN p_Generation INT,
    IN p_Version INT,
    IN p_SiloName VARCHAR(150) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_HostName VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    IN p_Status INT,
    IN p_ProxyPort INT,
    IN p_SuspectTimes TEXT CHARACTER SET ascii COLLATE ascii_bin,
    IN p_StartTime DATETIME(6),
    IN p_IAmAliveTime DATETIME(6)
)
SQL SECURITY INVOKER
BEGIN
    DECLARE v_silos INT DEFAULT 0;
    DECLARE v_succeeded INT DEFAULT 0;
    DECLARE EXIT HANDLER FOR 1062
    BEGIN
        ROLLBACK;
        SELECT 0 AS Succeeded;
    END;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;

    START TRANSACTION;
    -- The version row is locked from here to the end, so membership writers of one cluster take turns.
    UPDATE orleans_membership_version
    SET Version = Version + 1, ModifiedOn = UTC_TIMESTAMP(6)
    WHERE DeploymentId = p_DeploymentId AND Version = p_Version;

    -- Version always changes, so the affected and the found row counts agree whatever the client flags.
    IF ROW_COUNT() = 1 THEN
        IF p_Insert = 1 THEN
            INSERT INTO orleans_membership
                (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, SuspectTimes,
                 StartTime, IAmAliveTime)
            VALUES
                (p_DeploymentId, p_Address, p_Port, p_Generation, p_SiloName, p_HostName, p_Status, p_ProxyPort,
                 p_SuspectTimes, p_StartTime, p_IAmAliveTime);
            SET v_succeeded = 1;
        ELSE
            -- Counted with a locking read rather than by ROW_COUNT() of the update below, which reports 0 for an
            -- update that changes nothing when the client does not ask for found rows.
            SELECT COUNT(*) INTO v_silos
            FROM orleans_membership
            WHERE DeploymentId = p_DeploymentId AND Address = p_Address AND Port = p_Port
              AND Generation = p_Generation
            FOR UPDATE;
            IF v_silos = 1 THEN
                UPDATE orleans_membership
                SET Status = p_Status, SuspectTimes = p_SuspectTimes, IAmAliveTime = p_IAmAliveTime
                WHERE DeploymentId = p_DeploymentId AND Address = p_Address AND Port = p_Port
                  AND Generation = p_Generation;
                SET v_succeeded = 1;
            END IF;
        END IF;
    END IF;

    IF v_succeeded = 1 THEN
        COMMIT;
    ELSE
        ROLLBACK;
    END IF;

    SELECT v_succeeded AS Succeeded;
END
-- go

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'InsertMembershipVersionKey',
    'CALL orleans_membership_version_insert(@DeploymentId)'
),
(
    'MembershipReadAllKey',
    'SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
            m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
     FROM orleans_membership_version v
     LEFT JOIN orleans_membership m ON m.DeploymentId = v.DeploymentId
     WHERE v.DeploymentId = @DeploymentId'
),
(
    'MembershipReadRowKey',
    'SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
            m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
     FROM orleans_membership_version v
     LEFT JOIN orleans_membership m
         ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
     WHERE v.DeploymentId = @DeploymentId'
),
(
    'InsertMembershipKey',
    'CALL orleans_membership_write(1, @DeploymentId, @Address, @Port, @Generation, @Version, @SiloName, @HostName,
                                   @Status, @ProxyPort, NULL, @StartTime, @IAmAliveTime)'
),
(
    'UpdateMembershipKey',
    'CALL orleans_membership_write(0, @DeploymentId, @Address, @Port, @Generation, @Version, NULL, NULL, @Status,
                                   NULL, @SuspectTimes, NULL, @IAmAliveTime)'
),
(
    'UpdateIAmAlivetimeKey',
    'UPDATE orleans_membership
     SET IAmAliveTime = @IAmAliveTime
     WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation'
),
(
    'GatewaysQueryKey',
    'SELECT Address, ProxyPort, Generation
     FROM orleans_membership
     WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0'
),
(
    'DeleteMembershipTableEntriesKey',
    'DELETE FROM orleans_membership WHERE DeploymentId = @DeploymentId;
     DELETE FROM orleans_membership_version WHERE DeploymentId = @DeploymentId'
),
(
    'CleanupDefunctSiloEntriesKey',
    'DELETE FROM orleans_membership
     WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> 3'
)
ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText)
