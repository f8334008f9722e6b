#!/usr/bin/env bash
# Installs every Debian 12 package that motcua's build, tests and demo need.
# Idempotent: running it again installs nothing new. Needs root (or sudo).
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git
  # core libraries (Debian's packages, never vendored)
  libgrpc++-dev libgrpc-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev libsqlite3-dev libssl-dev libgtest-dev libgmock-dev libbenchmark-dev
  # national-portal sync job and simulator: HTTP client/server, JSON
  libcpp-httplib-dev nlohmann-json3-dev
  # run-time tools used by tests and the demo
  openssl sqlite3 procps curl ca-certificates
  # web portal and dashboard: browser tests (headless Chromium driven by playwright-core from npm;
  # Node.js 20 and npm come with the machine, else Debian's nodejs/npm), fonts for the screenshots
  chromium fonts-noto-core
)

# Node.js (browser tests) comes with the machine (20.x); only where it is missing, Debian's.
if ! command -v node >/dev/null 2>&1; then
  PACKAGES+=(nodejs npm)
fi

SUDO=""
if [[ "$(id -u)" != "0" ]]; then
  SUDO="sudo"
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "bootstrap: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

echo "bootstrap: installing ${#missing[@]} package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "bootstrap: done"
