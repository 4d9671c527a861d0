#!/bin/sh
# valgrind.sh [BUILD]: compiles every example brief and packet in briefs/
# under valgrind's memcheck (a full leak check) and fails on any error or
# any block lost. What stays reachable at exit is the libraries' own
# once-per-process set-up, not a leak: cmark-gfm's registry of
# extensions (filled once, docs/DESIGN.md) and GLib's type system, which
# HarfBuzz pulls in, each allocated at start and kept for the process.
# `make valgrind` runs it; the results are in docs/ROBUSTNESS.md.
set -u
cd "$(dirname "$0")/.."
build=${1:-build}
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)"; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for b in briefs/*.yaml; do
  name=$(basename "$b" .yaml)
  valgrind --leak-check=full --show-leak-kinds=definite,indirect,possible \
    --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=9 \
    "$build/briefc" compile "$b" -o "$tmp/$name.pdf" >"$tmp/$name.log" 2>&1
  rc=$?
  summary=$(grep -E "ERROR SUMMARY" "$tmp/$name.log" | sed 's/^==[0-9]*== //')
  lost=$(grep -E "definitely lost|indirectly lost|possibly lost" "$tmp/$name.log" | sed 's/^==[0-9]*== *//' | tr '\n' ';')
  printf '%-24s exit %d  %s  %s\n' "$name" "$rc" "$summary" "${lost:-no leaks}"
  [ $rc -eq 0 ] || { status=1; grep -B2 -A20 "Invalid\|uninitialised\|definitely" "$tmp/$name.log" | head -60; }
done
exit $status
