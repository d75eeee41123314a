#!/usr/bin/env bash
# Two builds' `integrator messages` side by side on one SQLite file of 1,000,000 messages, seeded as
# MessageLogSeed does (with the sqlite3 shell), 3 timed runs after a warm-up; a run stops after 60 s:
#   bash tests/benchmarks/compare-messages-cli.sh OLD_INTEGRATOR NEW_INTEGRATOR
set -euo pipefail
old=$(realpath "$1"); new=$(realpath "$2")
dir=$(mktemp -d); db=$dir/log.db
trap 'rm -rf "$dir"' EXIT
export HOME=$dir
cat > $dir/config.json <<'JSON'
{"endpoints":[{"name":"mailer","url":"http://127.0.0.1:9"}],
 "mappings":[{"name":"mail","endpoint":"mailer","path":"/mail","messages":["order:*","shipment:*"]}]}
JSON
env -u DBUS_SESSION_BUS_ADDRESS $new --db $db config import $dir/config.json >/dev/null
sqlite3 $db <<'SQL'
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
INSERT INTO messages (message_id, type, payload, source, created_at) SELECT printf('%024x', i), CASE WHEN i % 2 = 0 THEN 'order:new' ELSE 'shipment:ready' END, '{}', 'seed', 1700000000000 + i FROM n;
INSERT INTO deliveries (message_row, mapping_id, endpoint_id, state, identity, attempts, updated_at) SELECT m.id, mp.id, mp.endpoint_id, CASE WHEN m.id % 1000 = 0 THEN 'parked' ELSE 'delivered' END, '{"order_number":"R' || m.id || '"}', 1, 0 FROM messages m, mappings mp WHERE mp.name = 'mail';
COMMIT;
SQL
for args in "--type order:new --limit 50" "--state parked --limit 50" "--state delivered --limit 50" "--mapping mail --limit 50" "--type order:* --state parked --limit 50"; do
  for bin in old new; do
    b=${!bin}; times=()
    # shellcheck disable=SC2086 # $args is several options on purpose
    for run in 0 1 2 3; do
      s=$(date +%s.%N)
      if ! env -u DBUS_SESSION_BUS_ADDRESS timeout 60 $b --db $db messages $args > $dir/out-$bin.txt; then times+=(">60"); break; fi
      e=$(date +%s.%N)
      [ $run -gt 0 ] && times+=($(echo "$e - $s" | bc))
    done
    med=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
    echo "| $bin | messages $args | ${times[*]} | $med | $(wc -l < $dir/out-$bin.txt) lines |"
  done
  cmp -s $dir/out-old.txt $dir/out-new.txt && echo "  same output" || echo "  OUTPUT DIFFERS"
done
