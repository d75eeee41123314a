# Sourced by tests/run-tests.sh and tests/benchmarks/run-worker-benchmark.sh: defines start_postgres,
# which starts a throw-away PostgreSQL cluster on 127.0.0.1 (trust auth, no fsync: it is thrown away
# afterwards), exports INTEGRATOR_TEST_POSTGRES and PGPASSWORD, and sets pgdir and PG_STOP for the
# caller's cleanup.
start_postgres() {
  local bin port=55432
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ]; then
    echo "PostgreSQL is not installed (packaging/install-deps.sh installs it)" >&2
    return 1
  fi
  pgdir=$(mktemp -d /tmp/integrator-test-pg.XXXXXX)
  local run=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$pgdir"
    run=(runuser -u postgres --)
  fi
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  # Connections over TCP need the password (tests pass it through PGPASSWORD or the keychain).
  printf 'integrator-test-password\n' >"$pgdir/password"
  [ "$(id -u)" -eq 0 ] && chown postgres "$pgdir/password"
  "${run[@]}" "$bin/initdb" -D "$pgdir/data" --auth-local=trust --auth-host=scram-sha-256 -U integrator \
    --pwfile="$pgdir/password" >"$pgdir/initdb.log"
  "${run[@]}" "$bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $pgdir -c max_connections=300 -c fsync=off" start >/dev/null
  export INTEGRATOR_TEST_POSTGRES="postgresql://integrator@127.0.0.1:$port/postgres"
  export PGPASSWORD=integrator-test-password
  PG_STOP=("${run[@]}" "$bin/pg_ctl" -D "$pgdir/data" -m immediate stop)
}
