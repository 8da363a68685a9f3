#!/usr/bin/env bash
# Runs every SyncGrid test: unit, cluster and integration. Installs and starts MariaDB on loopback first when it is
# missing (Debian's mariadb-server). Extra arguments go to 'dotnet test' (for example --filter "Category!=Integration").
set -euo pipefail
cd "$(dirname "$0")/.."

source deploy/scripts/mariadb.sh
ensure_mariadb
export SYNCGRID_TEST_MARIADB="${SYNCGRID_TEST_MARIADB:-Server=127.0.0.1;Port=${MARIADB_PORT};User ID=${MARIADB_USER};Password=${MARIADB_PASSWORD}}"

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
status=0
dotnet test SyncGrid.sln -c Release --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" \
  --blame-hang-timeout 10m "$@" || status=$?

# One closing line over every test assembly.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); passed=$((passed + ${p:-0}))
  f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p'); failed=$((failed + ${f:-0}))
  n=$(echo "$counters" | sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p'); skipped=$((skipped + ${n:-0}))
done
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
exit "$status"
