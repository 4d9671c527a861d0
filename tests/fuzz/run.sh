#!/bin/sh
# run.sh TARGET [SECONDS]: builds a libFuzzer target (markdown, yaml or figure)
# with clang, ASan and UBSan, and fuzzes it from the corpus in
# tests/fuzz/corpus-TARGET for SECONDS (default 60). New inputs go to
# build-fuzz/corpus-TARGET, so the committed seeds stay as they are.
# Crashes are written to tests/fuzz/ as crash-*; keep each one as a
# regression input.
set -eu
cd "$(dirname "$0")/../.."
t=${1:-markdown}
secs=${2:-60}
out=build-fuzz
mkdir -p $out $out/corpus-$t tests/fuzz/corpus-$t
printf '#define BRIEFC_VERSION "fuzz"\n#define BRIEFC_FONTS_DIR "fonts"\n' > $out/config.h
srcs=$(ls src/base/*.c src/diag/*.c src/brief/*.c src/content/*.c src/image/*.c src/text/*.c src/layout/*.c)
clang -g -O1 -fsanitize=fuzzer,address,undefined -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
  -I. -Isrc -I$out $(pkg-config --cflags libcmark yaml-0.1 libpng libjpeg harfbuzz) \
  -o $out/fuzz_$t tests/fuzz/fuzz_$t.c $srcs \
  $(pkg-config --libs libcmark yaml-0.1 libpng libjpeg harfbuzz) -lhyphen -lm
$out/fuzz_$t -max_total_time="$secs" -artifact_prefix=tests/fuzz/ $out/corpus-$t tests/fuzz/corpus-$t
