#!/usr/bin/env bash
# CI: make Debian's PostgreSQL server binaries available for the cloud integration tests, nothing else.
# The tests start their own throwaway cluster (tools/pg_test_server.sh); no system cluster is created.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    exit 0
fi
if [[ $(id -u) != 0 ]]; then
    echo "ci_postgres: PostgreSQL missing and not root: cloud tests will skip their PostgreSQL runs" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
mkdir -p /etc/postgresql-common
echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
apt-get update -qq
apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confold postgresql >/dev/null
ls /usr/lib/postgresql/*/bin/initdb
