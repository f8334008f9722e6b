#!/usr/bin/env bash
# deploy/local/cluster as a user runs it: `up` the 2025 topology (province + two wards, one motcuad
# process each) on a random base port, a dossier received at Phường Việt Trì's desk, decided at the
# province and returned at the ward with the motcua CLI, `status`, `down`; and the launcher's answers
# to malformed input. Needs motcuad and motcua built (MOTCUA_BIN_DIR, default build/bin).
set -euo pipefail

SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="$(realpath -m "${MOTCUA_BIN_DIR:-${SRC}/build/bin}")"
CLUSTER="${SRC}/deploy/local/cluster"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/motcua-cluster-test.XXXXXX")"
DIR="${WORK}/cluster"
# The CLI keeps tokens per server address: keep this test's apart from the user's.
export MOTCUA_TOKEN_FILE="${WORK}/tokens" MOTCUA_PASSWORD=motcua-demo
unset MOTCUA_SERVER MOTCUA_TOKEN

FAILED=0
finish() {
  local rc=$?
  if [[ -f "${DIR}/cluster.conf" ]]; then
    "${CLUSTER}" down --dir "${DIR}" >/dev/null 2>&1 || true
  fi
  if [[ ${rc} -ne 0 || ${FAILED} -ne 0 ]]; then
    local log
    for log in "${DIR}"/*/motcuad.log; do
      [[ -f "${log}" ]] || continue
      echo "---- ${log} (last 20 lines)"
      tail -n 20 "${log}"
    done
    echo "cluster_test: FAILED (work folder kept: ${WORK})"
  else
    rm -rf -- "${WORK}"
  fi
}
trap finish EXIT

fail() {
  echo "FAIL: $*" >&2
  FAILED=1
  exit 1
}

pass() {
  echo "ok: $*"
}

# run EXPECTED_RC NAME COMMAND...: runs the command, keeps its stdout in OUT and stderr in ERR,
# and fails unless it exits with EXPECTED_RC.
OUT="" ERR=""
run() {
  local expected="$1" name="$2" rc=0
  shift 2
  "$@" >"${WORK}/out" 2>"${WORK}/err" || rc=$?
  OUT="$(cat "${WORK}/out")"
  ERR="$(cat "${WORK}/err")"
  if [[ ${rc} -ne ${expected} ]]; then
    echo "---- stdout:" >&2
    echo "${OUT}" >&2
    echo "---- stderr:" >&2
    echo "${ERR}" >&2
    fail "${name}: exit code ${rc}, expected ${expected} (command: $*)"
  fi
}

contains() { # contains TEXT NEEDLE NAME
  [[ "$1" == *"$2"* ]] || {
    echo "---- text:" >&2
    echo "$1" >&2
    fail "$3: expected to find '$2'"
  }
}

one_line() { # one_line TEXT NAME
  [[ -n "$1" && "$1" != *$'\n'* ]] || {
    echo "---- text:" >&2
    echo "$1" >&2
    fail "$2: expected a one-line message"
  }
}

for exe in motcuad motcua; do
  [[ -x "${BIN}/${exe}" ]] || fail "${BIN}/${exe} is not built"
done
command -v sqlite3 >/dev/null || fail "the sqlite3 CLI is missing (bash deploy/bootstrap.sh)"

# ---- malformed input ----------------------------------------------------------------------------
run 0 "--help" "${CLUSTER}" --help
contains "${OUT}" "deploy/local/cluster up [--topology 2024|2025]" "--help"
contains "${OUT}" "--base-port" "--help"
run 2 "no command" "${CLUSTER}"
one_line "${ERR}" "no command"
run 2 "unknown command" "${CLUSTER}" start
one_line "${ERR}" "unknown command"
contains "${ERR}" "unknown command 'start'" "unknown command"
run 2 "unknown topology" "${CLUSTER}" up --topology 2023 --dir "${WORK}/bad"
one_line "${ERR}" "unknown topology"
contains "${ERR}" "2023" "unknown topology"
run 2 "unknown option" "${CLUSTER}" status --topology 2025 --dir "${WORK}/bad"
one_line "${ERR}" "unknown option"
run 2 "bad base port" "${CLUSTER}" up --base-port 80 --dir "${WORK}/bad"
one_line "${ERR}" "bad base port"
run 2 "option without value" "${CLUSTER}" up --dir
one_line "${ERR}" "option without value"
run 1 "missing binaries" "${CLUSTER}" up --bin "${WORK}/no-bin" --dir "${WORK}/bad"
one_line "${ERR}" "missing binaries"
contains "${ERR}" "bash tools/demo.sh" "missing binaries"
run 1 "status without a cluster" "${CLUSTER}" status --dir "${WORK}/bad"
one_line "${ERR}" "status without a cluster"
run 1 "down without a cluster" "${CLUSTER}" down --dir "${WORK}/bad"
one_line "${ERR}" "down without a cluster"
[[ ! -e "${WORK}/bad" ]] || fail "malformed input created ${WORK}/bad"
pass "malformed input: exit codes 2 (usage) and 1, one-line messages, nothing created"

# ---- up -----------------------------------------------------------------------------------------
# Client ports BASE+1..BASE+3, peer ports BASE+111, +114, +115. Another base when one is taken.
BASE=""
for _ in 1 2 3 4 5; do
  candidate=$((20000 + RANDOM % 20000))
  rc=0
  "${CLUSTER}" up --topology 2025 --dir "${DIR}" --bin "${BIN}" --base-port "${candidate}" \
    >"${WORK}/out" 2>"${WORK}/err" || rc=$?
  if [[ ${rc} -eq 0 ]]; then
    BASE=${candidate}
    break
  fi
  if ! grep -q "in use" "${WORK}/err"; then
    cat "${WORK}/out" "${WORK}/err" >&2
    fail "up: exit code ${rc}"
  fi
  echo "base port ${candidate} is taken; trying another"
done
[[ -n "${BASE}" ]] || fail "up: no free base port in 5 tries"
OUT="$(cat "${WORK}/out")"
C="127.0.0.1:$((BASE + 2))" # commune-07900, node index 1
P="127.0.0.1:$((BASE + 1))" # province, node index 0
contains "${OUT}" "the 2025 cluster is up" "up"
for row in "province:-:25:$((BASE + 1)):$((BASE + 111))" \
  "commune-07900:province:07900:$((BASE + 2)):$((BASE + 114))" \
  "commune-07894:province:07894:$((BASE + 3)):$((BASE + 115))"; do
  IFS=: read -r node parent units client peer <<<"${row}"
  grep -Eq "^  ${node} +${parent} +${units} +127\.0\.0\.1:${client} +127\.0\.0\.1:${peer} +[0-9]+$" \
    <<<"${OUT}" || {
    echo "${OUT}" >&2
    fail "up: no table row for ${node} (${parent}, ${units}, ${client}, ${peer}, pid)"
  }
done
contains "${OUT}" "C=${C} P=${P}" "up: try-this block"
contains "${OUT}" "dossier return \$CODE --delivery desk" "up: try-this block"
for node in province commune-07900 commune-07894; do
  for f in motcua.db motcuad.out motcuad.log motcuad.pid; do
    [[ -f "${DIR}/${node}/${f}" ]] || fail "up: ${DIR}/${node}/${f} is missing"
  done
  [[ -f "${DIR}/pki/${node}.pem" && -f "${DIR}/pki/${node}.key" ]] || fail "up: no certificate for ${node}"
  kill -0 "$(cat "${DIR}/${node}/motcuad.pid")" || fail "up: ${node} is not running"
done
grep -q "127.0.0.1:$((BASE + 114))" "${DIR}/topology.tsv" || fail "up: topology.tsv has no shifted ports"
pass "up on base port ${BASE}: 3 nodes, table, try-this block, files"

run 0 "second up" "${CLUSTER}" up --dir "${DIR}"
contains "${OUT}" "already up" "second up"
run 1 "up of the other topology over it" "${CLUSTER}" up --topology 2024 --dir "${DIR}"
one_line "${ERR}" "up of the other topology over it"
pass "a second up says it is up; another topology over it is refused"

run 0 "status" "${CLUSTER}" status --dir "${DIR}"
[[ $(grep -c ' running ' <<<"${OUT}") -eq 3 ]] || fail "status: expected 3 running nodes: ${OUT}"
contains "${OUT}" "all 3 nodes running" "status"
pass "status: all 3 running"

# ---- the walk-through: commune → province → commune --------------------------------------------
cd "${WORK}"
echo "tờ khai" >tk.pdf
echo "CCCD" >cccd.jpg
M="${BIN}/motcua"

# wait_for NAME SERVER CODE NEEDLE: `dossier show` on SERVER prints NEEDLE within 30 s.
wait_for() {
  local shown=""
  for _ in $(seq 300); do
    shown="$("${M}" --server "$2" dossier show "$3" 2>&1 || true)"
    [[ "${shown}" != *"$4"* ]] || return 0
    sleep 0.1
  done
  echo "${shown}" >&2
  fail "$1: '$4' never appeared in dossier show at $2"
}

run 0 "login clerk.07900" "${M}" --server "${C}" login clerk.07900
run 0 "receive" "${M}" --server "${C}" --output json dossier receive --procedure 2.000635 \
  --unit 07900 --competent-unit 25 --name "Nguyễn Văn An" --id-number 025090000001 \
  --file TK=tk.pdf --file GTTT=cccd.jpg
CODE="$(grep -m1 '"code"' <<<"${OUT}" | cut -d'"' -f4)"
[[ "${CODE}" == H44.07900-* ]] || fail "receive: no dossier code in ${OUT}"
pass "received ${CODE} at commune-07900"

run 0 "login leader.25" "${M}" --server "${P}" login leader.25
wait_for "hand-off to the province" "${P}" "${CODE}" "Bạn có thể:       assign"
run 0 "assign" "${M}" --server "${P}" dossier assign "${CODE}" --to specialist.25
contains "${OUT}" "Trạng thái:       4" "assign"
run 0 "approve" "${M}" --server "${P}" dossier approve "${CODE}"
run 0 "login clerical.25" "${M}" --server "${P}" login clerical.25
run 0 "issue" "${M}" --server "${P}" dossier issue "${CODE}"
contains "${OUT}" "Trạng thái:       9" "issue"
pass "assigned, approved and issued at the province"

wait_for "result back at the ward" "${C}" "${CODE}" "Bạn có thể:       return"
run 0 "return" "${M}" --server "${C}" dossier return "${CODE}" --delivery desk
contains "${OUT}" "Trạng thái:       10" "return"
run 0 "history" "${M}" --server "${C}" dossier history "${CODE}"
for event in "Tiếp nhận hồ sơ tại Bộ phận Một cửa" "Chuyển hồ sơ liên thông" \
  "Nhận hồ sơ liên thông" "Phân công xử lý" "Phê duyệt, ký kết quả" "Vào sổ, phát hành kết quả" \
  "Nhận kết quả giải quyết liên thông" "Trả kết quả" "node:commune-07900" "node:province" \
  "Chuỗi băm: hợp lệ"; do
  contains "${OUT}" "${event}" "history"
done
[[ $(grep -c "Chuyển hồ sơ liên thông" <<<"${OUT}") -eq 2 ]] ||
  fail "history: expected two hand-offs (there and back): ${OUT}"
pass "returned at the ward (state 10); history has both hand-offs and a valid hash chain"

run 0 "status after the walk-through" "${CLUSTER}" status --dir "${DIR}"
for node in province commune-07900 commune-07894; do
  grep -Eq "^  ${node} +running .* 0$" <<<"${OUT}" || fail "status: ${node} not running or hand-offs waiting: ${OUT}"
done
pass "status: no hand-off waiting"

# ---- down ---------------------------------------------------------------------------------------
PIDS=()
for node in province commune-07900 commune-07894; do PIDS+=("$(cat "${DIR}/${node}/motcuad.pid")"); done
run 0 "down" "${CLUSTER}" down --dir "${DIR}"
[[ $(grep -c ' stopped (pid ' <<<"${OUT}") -eq 3 ]] || fail "down: expected 3 stopped nodes: ${OUT}"
for pid in "${PIDS[@]}"; do
  ! kill -0 "${pid}" 2>/dev/null || fail "down: pid ${pid} still runs"
done
run 1 "status when down" "${CLUSTER}" status --dir "${DIR}"
[[ $(grep -c ' stopped ' <<<"${OUT}") -eq 3 ]] || fail "status when down: ${OUT}"
contains "${OUT}" "0 of 3 nodes running" "status when down"
run 0 "down again" "${CLUSTER}" down --dir "${DIR}"
[[ $(grep -c 'was not running' <<<"${OUT}") -eq 3 ]] || fail "down again: ${OUT}"
pass "down: every node stopped; status exits 1; a second down has nothing to do"

echo "cluster_test: PASSED"
