#!/usr/bin/env bash
# The README's first command: installs the Debian packages motcua needs, builds it, and starts a
# demo node (Phú Thọ units, 33 procedures) on 127.0.0.1:7400 with its data in ./demo-node.
# Running it again rebuilds and restarts the node; the demo data is kept (seeding is idempotent).
#   MOTCUA_DEMO_DIR   data folder of the demo node (default ./demo-node)
#   MOTCUA_DEMO_PORT  gRPC port (default 7400)
#   MOTCUA_DEMO_HTTP  HTTP address of the citizen portal and dashboard (default 127.0.0.1:8080)
set -euo pipefail
cd "$(dirname "$0")/.."
# Paths relative to the checkout, so ccache hits across clones and build folders.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
ROOT=$PWD
DATA=${MOTCUA_DEMO_DIR:-$ROOT/demo-node}
PORT=${MOTCUA_DEMO_PORT:-7400}
HTTP=${MOTCUA_DEMO_HTTP:-127.0.0.1:8080}

echo "==> 1/3 Debian packages"
bash deploy/bootstrap.sh

echo "==> 2/3 build (build/, RelWithDebInfo; the first build takes a few minutes)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build

echo "==> 3/3 demo node"
mkdir -p "$DATA"
if [[ -f "$DATA/motcuad.pid" ]] && kill -0 "$(cat "$DATA/motcuad.pid")" 2> /dev/null; then
  echo "stopping the previous demo node (pid $(cat "$DATA/motcuad.pid"))"
  kill "$(cat "$DATA/motcuad.pid")"
  for _ in $(seq 50); do kill -0 "$(cat "$DATA/motcuad.pid")" 2> /dev/null || break; sleep 0.1; done
fi
rm -f "$DATA/motcuad.out"
nohup build/bin/motcuad --data-dir "$DATA" --listen "127.0.0.1:$PORT" --seed-demo --http-listen "$HTTP" \
  > "$DATA/motcuad.out" 2> "$DATA/motcuad.log" < /dev/null &
echo $! > "$DATA/motcuad.pid"
for _ in $(seq 300); do
  if grep -q "^http listening on" "$DATA/motcuad.out" 2> /dev/null; then break; fi
  if ! kill -0 "$(cat "$DATA/motcuad.pid")" 2> /dev/null; then
    echo "motcuad did not start; its log ($DATA/motcuad.log):" >&2
    cat "$DATA/motcuad.log" >&2
    exit 1
  fi
  sleep 0.1
done
ADDR=$(sed -n 's/^listening on //p' "$DATA/motcuad.out")
WEB=$(sed -n 's/^http listening on //p' "$DATA/motcuad.out")
if [[ -z "$ADDR" ]]; then
  echo "motcuad did not report its address within 30 s; see $DATA/motcuad.log" >&2
  exit 1
fi

cat <<MSG

motcua demo node is running: $ADDR (pid $(cat "$DATA/motcuad.pid"), data in $DATA, log in $DATA/motcuad.log)

  Citizen portal:  http://$WEB/portal/      (sign in as citizen.an, password motcua-demo)
  Dashboard:       http://$WEB/dashboard/   (sign in as admin or leader.07900, password motcua-demo)
  Payment gateway simulator: http://$WEB/pay/sim/ (reached from a dossier's receipt)

Try:
  export PATH=\$PWD/build/bin:\$PATH MOTCUA_SERVER=$ADDR
  motcua catalog list --online-level 4                 # full-online (toàn trình) procedures
  motcua catalog list --query "dang ky khai sinh"       # search with or without diacritics
  motcua catalog show 1.001193                          # papers, steps, fees of birth registration
  motcua units list --division 2024 --level district    # Phú Thọ's 13 districts before 2025
  motcua calendar due --from 2026-02-13T16:00:00+07:00 --working-days 3 --explain
  motcua --help

Stop it with: kill \$(cat $DATA/motcuad.pid)
Run the tests with: bash tools/test.sh
MSG
