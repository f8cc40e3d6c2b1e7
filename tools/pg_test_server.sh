#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for the cloud tests and benches (Debian binaries).
#
#   tools/pg_test_server.sh start       prints FACEATTEND_TEST_PG_URL=... and FACEATTEND_TEST_PG_DIR=...
#   tools/pg_test_server.sh stop DIR    stops the cluster and removes DIR
#
# set -a; eval "$(tools/pg_test_server.sh start)"; set +a; pytest tests/test_cloud*.py && tools/pg_test_server.sh stop "$FACEATTEND_TEST_PG_DIR"
# Runs initdb/pg_ctl as the 'postgres' user when started as root (PostgreSQL refuses to run as root).
# Listens only on 127.0.0.1 at a random free port, password auth (scram), durability off (tests only).
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
    echo "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (run tools/ci_postgres.sh)" >&2
    exit 3
fi

as_pg() {
    if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
start)
    dir=$(mktemp -d "${TMPDIR:-/tmp}/faceattend-pg.XXXXXX")
    chmod 700 "$dir"
    [[ $(id -u) == 0 ]] && chown postgres: "$dir"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
    printf '%s\n' "$password" >"$dir/pwfile"
    [[ $(id -u) == 0 ]] && chown postgres: "$dir/pwfile"
    as_pg "$bindir/initdb" -D "$dir/data" -U faceattend --pwfile="$dir/pwfile" -A scram-sha-256 -E UTF8 \
        --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/pwfile"
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o \
        "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=64MB" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "FACEATTEND_TEST_PG_URL=postgresql+psycopg://faceattend:$password@127.0.0.1:$port/postgres"
    echo "FACEATTEND_TEST_PG_DIR=$dir"
    ;;
stop)
    dir=${2:?usage: $0 stop DIR}
    [[ -d "$dir/data" ]] && as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
