#!/bin/sh
# bench.sh: how fast briefc compiles. For each brief given (default: every
# brief in briefs/ and a long generated one), prints pages, output size,
# and the median wall time of N runs with milliseconds per page. Also
# prints the instruction count under callgrind when valgrind is present
# (a figure that does not depend on what else the machine is doing).
#
# usage: bench/bench.sh [-n RUNS] [BRIEF.yaml ...]
set -eu
cd "$(dirname "$0")/.."
runs=11
if [ "${1:-}" = "-n" ]; then runs=$2; shift 2; fi
briefc=build/briefc
[ -x "$briefc" ] || { echo "build briefc first (make)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ $# -eq 0 ]; then
  set -- briefs/*.yaml
  # A long brief: the policy brief's sections repeated six times, with
  # its library (sources and figures), to see cost grow with pages.
  mkdir -p "$tmp/long/sections"
  cp -r briefs/library "$tmp/long/library"
  for f in briefs/sections/*.md; do cp "$f" "$tmp/long/sections/"; done
  {
    echo "title: Benchmark brief"
    sed -n '/^sources:/,/^recommendations:/p' briefs/forced-returns.yaml | sed '$d'
    echo "sections:"
    for i in 1 2 3 4 5 6; do
      for f in briefs/sections/forced-returns-*.md; do echo "  - file: sections/$(basename "$f")"; done
    done
    echo "  - sources"
  } > "$tmp/long/long.yaml"
  set -- "$@" "$tmp/long/long.yaml"
fi

printf "%-40s %6s %9s %10s %9s %14s\n" brief pages bytes "median ms" "ms/page" instructions
for b in "$@"; do
  out="$tmp/out.pdf"
  "$briefc" compile "$b" -o "$out" 2>/dev/null || { printf "%-40s failed to compile\n" "$b"; continue; }
  pages=$(pdfinfo "$out" 2>/dev/null | awk '/^Pages:/ {print $2}')
  bytes=$(wc -c < "$out")
  times=""
  i=0
  while [ $i -lt "$runs" ]; do
    s=$(date +%s%N)
    "$briefc" compile "$b" -o "$out" 2>/dev/null
    e=$(date +%s%N)
    times="$times $(( (e - s) / 1000 ))"
    i=$((i + 1))
  done
  median=$(echo $times | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  ins="-"
  if command -v valgrind >/dev/null 2>&1; then
    ins=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$briefc" compile "$b" -o "$out" 2>&1 \
          | awk '/Collected :/ {print $4}')
  fi
  awk -v b="$(basename "$b")" -v p="$pages" -v by="$bytes" -v m="$median" -v ins="$ins" \
    'BEGIN { printf "%-40s %6d %9d %10.1f %9.2f %14s\n", b, p, by, m / 1000, m / 1000 / (p ? p : 1), ins }'
done
