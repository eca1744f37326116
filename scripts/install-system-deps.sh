#!/usr/bin/env bash
# Installs the Debian packages the test suite drives as real clients and servers, and the C
# compiler that builds the native modules (scripts/build-native.mjs; their tests expect them).
# Idempotent: packages already present are skipped, so repeated CI runs stay fast.
set -euo pipefail
packages=(awscli python3-boto3 chromium gcc libc6-dev)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-system-deps: missing ${missing[*]}; run this script as root (or install them yourself)" >&2
  exit 1
fi
echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
