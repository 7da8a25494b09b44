#!/bin/sh
# Installs the Debian packages the tests need (`npm test` runs this first), only those missing: one
# `apt-get update`, then `apt-get install -y`, as root. Without root (or apt) it says in one line what is
# missing and fails: the tests never skip what they cannot run.
#   sh scripts/provision.sh chromium redis-server
missing=""
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "provision: the tests need Debian packages$missing; run as root or: apt-get install -y$missing" >&2
  exit 1
fi
echo "provision: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
# shellcheck disable=SC2086
if ! { apt-get -o DPkg::Lock::Timeout=300 update -qq && apt-get -o DPkg::Lock::Timeout=300 install -y -qq $missing; } >"$log" 2>&1; then
  echo "provision: could not install$missing with apt-get; its last words:" >&2
  tail -n 5 "$log" | sed 's/^/  /' >&2
  rm -f "$log"
  exit 1
fi
rm -f "$log"
