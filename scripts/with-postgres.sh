#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: initdb into a temp folder, listen on a free
# port on 127.0.0.1 only (trust authentication, loopback only), export TEST_POSTGRES_URL for the
# command, then stop the cluster and remove its folder, whether the command passed or not.
#   scripts/with-postgres.sh npx vitest run
# If TEST_POSTGRES_URL is already set, the command runs against that server instead.
set -euo pipefail

if [ -n "${TEST_POSTGRES_URL:-}" ]; then
	exec "$@"
fi

bindir=""
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
	bindir="$(pg_config --bindir)"
else
	bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
	echo "PostgreSQL is not installed (Debian: apt-get install postgresql)." >&2
	exit 1
fi

# PostgreSQL refuses to run as root: run the cluster as the postgres user the package creates.
as_owner=()
if [ "$(id -u)" = 0 ]; then
	as_owner=(runuser -u postgres --)
fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/safereport-pg-XXXXXX")"
chmod 755 "$dir"
mkdir "$dir/data" "$dir/socket"
if [ "$(id -u)" = 0 ]; then
	chown postgres: "$dir/data" "$dir/socket"
fi

stop() {
	"${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"

# C collation: text sorts byte by byte, as SQLite sorts it (keyset paging relies on one order).
"${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --locale=C \
	--encoding=UTF8 >"$dir/initdb.log" 2>&1 || {
	cat "$dir/initdb.log" >&2
	exit 1
}
# A test cluster: no fsync (it is thrown away), loopback only, a private socket folder.
"${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/socket/server.log" -w -t 60 \
	-o "-h 127.0.0.1 -p $port -k $dir/socket -F -c max_connections=200 -c full_page_writes=off" \
	start >/dev/null || {
	cat "$dir/socket/server.log" >&2
	exit 1
}

export TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
"$@"
