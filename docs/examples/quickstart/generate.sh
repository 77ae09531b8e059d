#!/bin/sh
# Generates www/index.html from schema/greeting.txt.
# With --check, only verifies that the schema is not empty.
set -eu
cd "$(dirname "$0")"
greeting=$(cat schema/greeting.txt)
if [ "${1:-}" = "--check" ]; then
  [ -n "$greeting" ] || { echo "schema/greeting.txt is empty" >&2; exit 1; }
  echo "schema ok"
  exit 0
fi
mkdir -p www
printf '<!doctype html>\n<title>quickstart</title>\n<h1>%s</h1>\n' "$greeting" > www/index.html
echo "generated www/index.html"
