#!/usr/bin/env bash
# A throw-away PostgreSQL server on loopback for the test suite (Debian's postgresql package).
#   scripts/postgres-test.sh start DIR       → initdb in DIR, start on 127.0.0.1:$PGPORT, print DATABASE_URL
#   scripts/postgres-test.sh stop DIR        → stop it (the directory is left for the caller to remove)
#   scripts/postgres-test.sh run CMD [ARG…]  → start one in a new temporary directory (HYOKA_PG_DIR if
#                                              set), run CMD with DATABASE_URL pointing at it, then stop
#                                              the server and remove the directory, whatever happened;
#                                              exits with CMD's status
# Runs the server as the unprivileged user `postgres` when started as root, as initdb requires.
# The port is $PGPORT, else 54329 for start, else a free one for run.
#
# `run` without PostgreSQL installed says so loudly and exits 1 when CI=true, 0 otherwise (a developer
# gets the SQLite run only, and the instruction to install it).
set -euo pipefail
shopt -s inherit_errexit

cmd=${1:?start|stop|run}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
    local dir=$1 port=$2
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    if [ ! -f "$dir/PG_VERSION" ]; then
        as_owner "$bin/initdb" -D "$dir" -U hyoka --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off" \
        start >/dev/null; then
        echo "postgres-test: the server did not start; its log ($dir/server.log) ends with:" >&2
        tail -n 20 "$dir/server.log" >&2 2>/dev/null || true
        return 1
    fi
    echo "postgres://hyoka@127.0.0.1:$port/postgres"
}

stop() {
    local dir=$1
    if [ -f "$dir/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$dir" -m fast -w -t 60 stop >/dev/null
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

if [ -z "$bin" ]; then
    if [ "$cmd" = run ]; then
        {
            echo
            echo "=================================================================================="
            echo "postgres-test: PostgreSQL is not installed: the web tests did NOT run on PostgreSQL."
            echo "postgres-test: install it with:  sudo apt-get install -y postgresql"
            echo "postgres-test: (or run \`make test\` as root: scripts/system-deps.sh installs it)"
            echo "=================================================================================="
            echo
        } >&2
        if [ "${CI:-}" = true ]; then
            echo "postgres-test: CI=true: a missing PostgreSQL fails the run" >&2
            exit 1
        fi
        exit 0
    fi
    echo "postgres-test: PostgreSQL is not installed (apt-get install -y postgresql)" >&2
    exit 1
fi

case "$cmd" in
start)
    start "${2:?a directory for the cluster}" "${PGPORT:-54329}"
    ;;
stop)
    stop "${2:?a directory for the cluster}"
    ;;
run)
    shift
    [ $# -gt 0 ] || { echo "usage: $0 run CMD [ARG...]" >&2; exit 2; }
    dir=${HYOKA_PG_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/hyoka-pg.XXXXXXXX")}
    cleanup() {
        stop "$dir" || echo "postgres-test: could not stop the server in $dir" >&2
        rm -rf "$dir"
    }
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    port=${PGPORT:-$(free_port)}
    url=$(start "$dir" "$port")
    echo "postgres-test: $("$bin/postgres" --version) on 127.0.0.1:$port (cluster in $dir)" >&2
    status=0
    DATABASE_URL=$url "$@" || status=$?
    exit "$status"
    ;;
*)
    echo "usage: $0 start|stop DIR, or $0 run CMD [ARG...]" >&2
    exit 2
    ;;
esac
