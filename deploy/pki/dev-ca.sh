#!/usr/bin/env bash
# Development PKI for motcua's node-to-node mutual TLS: one province CA and one certificate per node,
# made with the openssl CLI. Not for production keys (they sit unencrypted on disk).
# Run `deploy/pki/dev-ca.sh --help` for the commands.
set -euo pipefail

readonly PROG="dev-ca.sh"
readonly DEFAULT_CA_NAME="motcua dev CA"
readonly DEFAULT_NODE_DAYS=825
readonly CA_DAYS=3650

usage() {
  cat <<'EOF'
dev-ca.sh — a development certificate authority for motcua nodes (mutual TLS over gRPC).

Every node of a province presents a certificate signed by the province CA and accepts only peers
whose certificates that CA signed. The node id is the certificate's common name (CN); a client
checks that the server's certificate names the node it meant to reach.

Usage:
  dev-ca.sh ca DIR [--name NAME]
      Creates the CA: DIR/ca.pem (certificate, valid 10 years) and DIR/ca.key (EC P-256 private
      key, mode 600). Refuses to overwrite an existing CA. NAME is the CA's common name
      (default "motcua dev CA"), e.g. --name "motcua dev CA Phú Thọ".

  dev-ca.sh node DIR NODE_ID [--days N] [--expired] [--out OUTDIR]
      Issues OUTDIR/NODE_ID.pem and OUTDIR/NODE_ID.key (mode 600), signed by the CA in DIR.
      OUTDIR defaults to DIR. The certificate has CN=NODE_ID, subjectAltName DNS:NODE_ID,
      DNS:localhost, IP:127.0.0.1, extendedKeyUsage serverAuth and clientAuth, CA:FALSE.
      NODE_ID is 1 to 40 characters from a-z, 0-9 and '-'. Refuses to overwrite a node's files.
        --days N    validity in days (default 825), starting one hour ago to absorb clock skew
        --expired   a certificate whose validity ended yesterday (for tests of refusal)
        --out DIR   where to write the node's files (created if missing)

  dev-ca.sh cluster DIR NODE_ID... [--name NAME] [--days N]
      The CA (when DIR has none) and a certificate for each NODE_ID. Idempotent: an existing CA
      and existing node certificates are kept, so it can be run again to add nodes.

  dev-ca.sh --help
      This text.

Example (three nodes of one province, then a look at what was made):
  deploy/pki/dev-ca.sh cluster /tmp/pki tinh so-tu-phap ubnd-viet-tri
  openssl x509 -in /tmp/pki/tinh.pem -noout -subject -issuer -dates -ext subjectAltName
  openssl verify -CAfile /tmp/pki/ca.pem /tmp/pki/tinh.pem

A node is then started with its CA, certificate and key (ca.pem, NODE_ID.pem, NODE_ID.key).
Exit codes: 0 done, 1 refused or failed (the message says why), 2 wrong usage.
EOF
}

die() {
  echo "${PROG}: error: $1" >&2
  exit "${2:-1}"
}

usage_error() {
  echo "${PROG}: $1" >&2
  echo "Run '${PROG} --help' for usage." >&2
  exit 2
}

WORK=""
cleanup() {
  if [[ -n "${WORK}" ]]; then
    rm -rf -- "${WORK}"
  fi
}
trap cleanup EXIT

# Runs openssl quietly; on failure prints what it said and stops.
run_openssl() {
  local log="${WORK}/openssl.log"
  if ! openssl "$@" >"${log}" 2>&1; then
    echo "${PROG}: error: openssl $1 failed:" >&2
    sed 's/^/  /' "${log}" >&2
    exit 1
  fi
}

# A UTCTime (YYMMDDHHMMSSZ) for `date -d` expressions such as "-1 hour" or "+825 days".
utc_time() {
  date -u -d "$1" +%y%m%d%H%M%SZ
}

# Escapes the characters that openssl's -subj syntax gives a meaning to.
subject_escape() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//\//\\/}"
  s="${s//+/\\+}"
  s="${s//=/\\=}"
  printf '%s' "${s}"
}

# A scratch directory with a minimal openssl configuration (no dependency on the system's
# openssl.cnf) and an empty `openssl ca` database. $1: the node certificate's subjectAltName.
make_work() {
  local san="${1:-DNS:localhost}"
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/motcua-dev-ca.XXXXXX")"
  mkdir "${WORK}/issued"
  : >"${WORK}/index.txt"
  cat >"${WORK}/openssl.cnf" <<EOF
[ca]
default_ca = dev_ca

[dev_ca]
database = ${WORK}/index.txt
serial = ${WORK}/serial
rand_serial = yes
new_certs_dir = ${WORK}/issued
default_md = sha256
policy = policy_cn
unique_subject = no
email_in_dn = no
copy_extensions = none

[policy_cn]
commonName = supplied

[req]
distinguished_name = req_dn
prompt = no
utf8 = yes
string_mask = utf8only

[req_dn]
CN = unused

[ca_ext]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[node_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = ${san}
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF
}

# Writes an EC P-256 private key readable by its owner only.
new_key() {
  (umask 077 && run_openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1")
}

valid_node_id() {
  [[ "$1" =~ ^[a-z0-9-]{1,40}$ ]]
}

require_openssl() {
  command -v openssl >/dev/null 2>&1 ||
    die "openssl not found; install it (deploy/bootstrap.sh does: apt-get install openssl)"
}

# ca_exists DIR: 0 when DIR holds both CA files; stops when it holds only one.
ca_exists() {
  local dir="$1"
  if [[ -e "${dir}/ca.pem" && -e "${dir}/ca.key" ]]; then
    return 0
  fi
  if [[ -e "${dir}/ca.pem" || -e "${dir}/ca.key" ]]; then
    die "${dir} holds only one of ca.pem and ca.key; remove it or restore the other"
  fi
  return 1
}

create_ca() {
  local dir="$1" name="$2"
  if ca_exists "${dir}"; then
    die "a CA already exists in ${dir} (ca.pem, ca.key); refusing to overwrite it"
  fi
  [[ -n "${name}" ]] || usage_error "--name must not be empty"
  mkdir -p -- "${dir}"
  make_work
  new_key "${WORK}/ca.key"
  run_openssl req -config "${WORK}/openssl.cnf" -new -utf8 -key "${WORK}/ca.key" \
    -subj "/CN=$(subject_escape "${name}")" -out "${WORK}/ca.csr"
  # `openssl ca -selfsign` rather than `req -x509`: it takes a start date, set an hour back.
  run_openssl ca -config "${WORK}/openssl.cnf" -batch -notext -selfsign -utf8 \
    -keyfile "${WORK}/ca.key" -extensions ca_ext \
    -startdate "$(utc_time '-1 hour')" -enddate "$(utc_time "+${CA_DAYS} days")" \
    -in "${WORK}/ca.csr" -out "${WORK}/ca.pem"
  # The key goes in first and the certificate last, so a CA is never half-written.
  mv -- "${WORK}/ca.key" "${dir}/ca.key"
  chmod 644 "${WORK}/ca.pem"
  mv -- "${WORK}/ca.pem" "${dir}/ca.pem"
  cleanup
  WORK=""
  echo "${PROG}: created CA \"${name}\" in ${dir} (ca.pem, ca.key)"
}

# issue_node CA_DIR NODE_ID OUT_DIR DAYS EXPIRED(0|1)
issue_node() {
  local dir="$1" id="$2" out="$3" days="$4" expired="$5"
  valid_node_id "${id}" ||
    die "invalid node id '${id}': use 1 to 40 characters from a-z, 0-9 and '-'" 2
  ca_exists "${dir}" || die "no CA in ${dir}; create one first: ${PROG} ca ${dir}"
  if [[ -e "${out}/${id}.pem" || -e "${out}/${id}.key" ]]; then
    die "${out}/${id}.pem or ${id}.key already exists; refusing to overwrite it (delete both to reissue)"
  fi
  mkdir -p -- "${out}"
  make_work "DNS:${id}, DNS:localhost, IP:127.0.0.1"
  local start end
  if [[ "${expired}" == 1 ]]; then
    start="$(utc_time '-30 days')"
    end="$(utc_time '-1 day')"
  else
    start="$(utc_time '-1 hour')"
    end="$(utc_time "+${days} days")"
  fi
  new_key "${WORK}/node.key"
  run_openssl req -config "${WORK}/openssl.cnf" -new -key "${WORK}/node.key" \
    -subj "/CN=${id}" -out "${WORK}/node.csr"
  run_openssl ca -config "${WORK}/openssl.cnf" -batch -notext \
    -cert "${dir}/ca.pem" -keyfile "${dir}/ca.key" -extensions node_ext \
    -startdate "${start}" -enddate "${end}" -in "${WORK}/node.csr" -out "${WORK}/node.pem"
  mv -- "${WORK}/node.key" "${out}/${id}.key"
  chmod 644 "${WORK}/node.pem"
  mv -- "${WORK}/node.pem" "${out}/${id}.pem"
  cleanup
  WORK=""
  if [[ "${expired}" == 1 ]]; then
    echo "${PROG}: issued EXPIRED certificate for node ${id}: ${out}/${id}.pem, ${out}/${id}.key"
  else
    echo "${PROG}: issued certificate for node ${id} (${days} days): ${out}/${id}.pem, ${out}/${id}.key"
  fi
}

main() {
  if [[ $# -eq 0 ]]; then
    usage_error "missing command (ca, node or cluster)"
  fi
  local command="$1"
  shift
  case "${command}" in
    -h | --help | help)
      usage
      return 0
      ;;
    ca | node | cluster) ;;
    *) usage_error "unknown command '${command}' (expected ca, node or cluster)" ;;
  esac

  local name="${DEFAULT_CA_NAME}" days="${DEFAULT_NODE_DAYS}" expired=0 out="" days_given=0
  local positional=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      -h | --help)
        usage
        return 0
        ;;
      --name | --days | --out)
        [[ $# -ge 2 ]] || usage_error "$1 needs a value"
        case "$1" in
          --name) name="$2" ;;
          --days) days="$2" days_given=1 ;;
          --out) out="$2" ;;
        esac
        shift 2
        ;;
      --name=*) name="${1#--name=}" && shift ;;
      --days=*) days="${1#--days=}" days_given=1 && shift ;;
      --out=*) out="${1#--out=}" && shift ;;
      --expired) expired=1 && shift ;;
      --) shift && positional+=("$@") && break ;;
      -*) usage_error "unknown option '$1' for '${command}'" ;;
      *) positional+=("$1") && shift ;;
    esac
  done
  [[ "${days}" =~ ^[1-9][0-9]{0,4}$ ]] || usage_error "--days must be a whole number of days (1 to 99999)"
  if [[ "${expired}" == 1 && "${days_given}" == 1 ]]; then
    usage_error "--expired and --days exclude each other"
  fi

  require_openssl
  case "${command}" in
    ca)
      [[ ${#positional[@]} -eq 1 ]] || usage_error "usage: ${PROG} ca DIR [--name NAME]"
      [[ -z "${out}" && "${expired}" == 0 && "${days_given}" == 0 ]] ||
        usage_error "'ca' takes only --name"
      create_ca "${positional[0]}" "${name}"
      ;;
    node)
      [[ ${#positional[@]} -eq 2 ]] ||
        usage_error "usage: ${PROG} node DIR NODE_ID [--days N] [--expired] [--out OUTDIR]"
      issue_node "${positional[0]}" "${positional[1]}" "${out:-${positional[0]}}" "${days}" \
        "${expired}"
      ;;
    cluster)
      [[ ${#positional[@]} -ge 2 ]] ||
        usage_error "usage: ${PROG} cluster DIR NODE_ID... [--name NAME] [--days N]"
      [[ -z "${out}" && "${expired}" == 0 ]] || usage_error "'cluster' takes only --name and --days"
      local dir="${positional[0]}" id
      # Check every id before making anything, so a typo leaves nothing half-done.
      for id in "${positional[@]:1}"; do
        valid_node_id "${id}" ||
          die "invalid node id '${id}': use 1 to 40 characters from a-z, 0-9 and '-'" 2
      done
      if ca_exists "${dir}"; then
        echo "${PROG}: kept the existing CA in ${dir}"
      else
        create_ca "${dir}" "${name}"
      fi
      for id in "${positional[@]:1}"; do
        if [[ -e "${dir}/${id}.pem" && -e "${dir}/${id}.key" ]]; then
          echo "${PROG}: kept the existing certificate for node ${id}: ${dir}/${id}.pem"
        else
          issue_node "${dir}" "${id}" "${dir}" "${days}" 0
        fi
      done
      ;;
  esac
}

main "$@"
