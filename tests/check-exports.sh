#!/bin/sh
# Compares the dynamic symbols libcitynet exports with the committed list,
# so that an accidental export (or a lost one) fails the suite.
# Usage: check-exports.sh LIBRARY EXPECTED_LIST
set -eu
lib=$1
expected=$2
actual=$(mktemp)
trap 'rm -f "$actual" "$actual.diff"' EXIT
nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ { print $3 }' | sort -u > "$actual"
if diff -u "$expected" "$actual" > "$actual.diff"; then
  echo "# exports match $(wc -l < "$expected") symbols"
  echo "1..1"
  echo "ok 1 - exported symbols equal the committed list"
else
  sed 's/^/# /' "$actual.diff"
  echo "1..1"
  echo "not ok 1 - exported symbols differ from $expected (see diff above)"
  exit 1
fi
