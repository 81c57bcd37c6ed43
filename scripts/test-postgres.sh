#!/usr/bin/env bash
# The database-facing tests on PostgreSQL (npm run test:postgres; the last step of npm test):
# every unit test file that opens a test database, run again with TEST_DATABASE=postgres, then the
# two-instance end-to-end test. A throwaway cluster is started for them (scripts/with-postgres.sh)
# unless TEST_POSTGRES_URL already names a server.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${TEST_POSTGRES_URL:-}" ]; then
	if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null &&
		! { command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; }; then
		# CI installs PostgreSQL (.ci/run) and must run these; a developer without it is told.
		if [ "${CI:-}" = true ]; then
			echo "PostgreSQL is not installed: the PostgreSQL tests cannot run." >&2
			exit 1
		fi
		echo "PostgreSQL is not installed: skipping the PostgreSQL tests (apt-get install postgresql)."
		exit 0
	fi
	exec bash scripts/with-postgres.sh bash scripts/test-postgres.sh "$@"
fi

# Every instance sharing a PostgreSQL database holds the same server secret; tests use a fixed one.
export SERVER_SECRET="${SERVER_SECRET:-$(node -e "console.log(Buffer.alloc(32, 7).toString('base64url'))")}"

mapfile -t files < <(grep -lE 'freshDb|reporterPortal' tests/unit/*.test.ts)
echo "Unit tests on PostgreSQL: ${#files[@]} files"
# Two workers even on two cores: much of each test is spent waiting on the PostgreSQL server.
TEST_DATABASE=postgres npx vitest run --maxWorkers=2 "${files[@]}"
npx playwright test tests/e2e/postgres-instances.spec.ts --workers=1
