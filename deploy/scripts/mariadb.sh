#!/usr/bin/env bash
# Makes sure a MariaDB server answers on 127.0.0.1:${SYNCGRID_MARIADB_PORT:-3306} with a 'syncgrid' account:
# installs Debian's mariadb-server when it is missing, initialises a data directory, starts mariadbd on loopback
# and waits until it answers. Safe to run again: it does nothing when the server already answers.
set -euo pipefail

MARIADB_PORT="${SYNCGRID_MARIADB_PORT:-3306}"
MARIADB_USER="${SYNCGRID_MARIADB_USER:-syncgrid}"
MARIADB_PASSWORD="${SYNCGRID_MARIADB_PASSWORD:-syncgrid}"
MARIADB_DATADIR="${SYNCGRID_MARIADB_DATADIR:-/var/lib/mysql}"
MARIADB_LOG="${TMPDIR:-/tmp}/syncgrid-mariadb.log"

log() { echo "[mariadb] $*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "[mariadb] '$*' needs root: run this script as root or install sudo." >&2; return 1; fi
}

find_bin() {
  for name in "$@"; do
    for dir in "" /usr/sbin/ /usr/bin/ /usr/local/sbin/ /usr/local/bin/; do
      if [ -z "$dir" ]; then command -v "$name" 2>/dev/null && return 0
      elif [ -x "$dir$name" ]; then echo "$dir$name"; return 0; fi
    done
  done
  return 1
}

app_answers() {
  local client
  client=$(find_bin mariadb mysql) || return 1
  "$client" --protocol=tcp -h 127.0.0.1 -P "$MARIADB_PORT" -u "$MARIADB_USER" -p"$MARIADB_PASSWORD" -e "SELECT 1" >/dev/null 2>&1
}

root_answers() {
  local admin
  admin=$(find_bin mariadb-admin mysqladmin) || return 1
  as_root "$admin" --protocol=socket -u root ping >/dev/null 2>&1 || \
    "$admin" --protocol=tcp -h 127.0.0.1 -P "$MARIADB_PORT" -u root ping >/dev/null 2>&1
}

install_server() {
  log "mariadb-server is not installed; installing Debian's package"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >/dev/null
}

start_server() {
  local server installdb
  server=$(find_bin mariadbd mysqld) || { echo "[mariadb] no mariadbd after install" >&2; return 1; }
  as_root mkdir -p /run/mysqld "$MARIADB_DATADIR"
  if [ ! -d "$MARIADB_DATADIR/mysql" ]; then
    installdb=$(find_bin mariadb-install-db mysql_install_db)
    log "initialising $MARIADB_DATADIR"
    as_root "$installdb" --user=root --datadir="$MARIADB_DATADIR" >/dev/null
  fi
  log "starting mariadbd on 127.0.0.1:$MARIADB_PORT (log: $MARIADB_LOG)"
  as_root sh -c "nohup '$server' --user=root --datadir='$MARIADB_DATADIR' --bind-address=127.0.0.1 --port='$MARIADB_PORT' \
    --socket=/run/mysqld/mysqld.sock --max-connections=1000 --innodb-flush-log-at-trx-commit=2 --innodb-buffer-pool-size=2G --innodb-log-file-size=512M \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_bin >'$MARIADB_LOG' 2>&1 &"
  for _ in $(seq 1 120); do
    if root_answers; then return 0; fi
    sleep 0.5
  done
  echo "[mariadb] mariadbd did not answer within 60 s; its log says:" >&2
  tail -n 30 "$MARIADB_LOG" >&2 || true
  return 1
}

create_account() {
  local client
  client=$(find_bin mariadb mysql)
  as_root "$client" --protocol=socket -u root <<SQL
CREATE USER IF NOT EXISTS '$MARIADB_USER'@'127.0.0.1' IDENTIFIED BY '$MARIADB_PASSWORD';
CREATE USER IF NOT EXISTS '$MARIADB_USER'@'localhost' IDENTIFIED BY '$MARIADB_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$MARIADB_USER'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO '$MARIADB_USER'@'localhost' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
}

ensure_mariadb() {
  if app_answers; then log "answers on 127.0.0.1:$MARIADB_PORT"; return 0; fi
  find_bin mariadbd mysqld >/dev/null || install_server
  root_answers || start_server
  create_account
  app_answers || { echo "[mariadb] the '$MARIADB_USER' account cannot log in over TCP" >&2; return 1; }
  log "ready on 127.0.0.1:$MARIADB_PORT"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then ensure_mariadb; fi
