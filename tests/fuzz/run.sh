#!/bin/sh
# run.sh TARGET [SECONDS]: builds a libFuzzer target (markdown, yaml,
# figure, compile or packet) with clang, ASan and UBSan, and fuzzes it
# from the seeds in tests/fuzz/corpus-TARGET for SECONDS (default 60).
# New inputs go to build-fuzz/corpus-TARGET, so the committed seeds stay
# as they are. An input that takes more than TIMEOUT seconds (default 10)
# fails as a finding: cost that grows faster than the input shows up as
# one. Findings are written to tests/fuzz/ as crash-*, timeout-*, oom-*;
# keep each one as a regression input once it is fixed.
set -eu
cd "$(dirname "$0")/../.."
t=${1:-markdown}
secs=${2:-60}
timeout=${TIMEOUT:-10}
out=build-fuzz
mkdir -p $out $out/corpus-$t tests/fuzz/corpus-$t
soname=$(objdump -p "$(pkg-config --variable=libdir libqpdf)/libqpdf.so" | sed -n 's/^ *SONAME *//p')
printf '#define BRIEFC_VERSION "fuzz"\n#define BRIEFC_FONTS_DIR "fonts"\n#define BIND_QPDF_SONAME "%s"\n' "$soname" > $out/config.h
mods="base diag brief content image text layout"
libs="libcmark-gfm yaml-0.1 libpng libjpeg harfbuzz harfbuzz-subset zlib"
extra="-lhyphen -lm"
case $t in
compile|packet)
  # A whole compile: the PDF writer, the binder and the driver too.
  mods="$mods pdf bind driver"
  libs="$libs libqpdf"
  extra="$extra -lhpdf -lpthread -ldl"
  ;;
esac
# The hyphenation tables are made at build time (src/text/hyph_compile.c),
# as meson makes them.
if [ ! -f $out/hyph_tables.c ] || [ src/text/hyph_compile.c -nt $out/hyph_tables.c ]; then
  cc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I. -Isrc -I$out -o $out/hyph_compile \
    src/text/hyph_compile.c src/base/*.c -lhyphen -lm
  $out/hyph_compile /usr/share/hyphen/hyph_en_US.dic $out/hyph_tables.c
fi
srcs="$(for m in $mods; do ls src/$m/*.c; done | grep -v hyph_compile.c) $out/hyph_tables.c"
if [ ! -x $out/fuzz_$t ] || [ -n "$(find src tests/fuzz -newer $out/fuzz_$t -name '*.[ch]' | head -1)" ]; then
  clang -g -O1 -fsanitize=fuzzer,address,undefined -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
    -I. -Isrc -Iinclude -I$out $(pkg-config --cflags $libs) \
    -o $out/fuzz_$t tests/fuzz/fuzz_$t.c $srcs \
    $(pkg-config --libs $libs) $extra
fi
$out/fuzz_$t -max_total_time="$secs" -timeout="$timeout" -rss_limit_mb=4096 -max_len=${MAXLEN:-400000} \
  -artifact_prefix=tests/fuzz/ $out/corpus-$t tests/fuzz/corpus-$t
