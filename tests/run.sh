#!/bin/sh
# Runs the test suite in each build directory given (the plain build and
# the ASan+UBSan build) and prints one closing line "N passed, N failed",
# counting every TAP check of every test program and script. A check
# marked TODO ("not ok ... # TODO why": a known bug someone else is
# fixing) is counted apart, as known failing, not as failed.
set -u
status=0
for dir in "$@"; do
  echo "== tests in $dir"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    meson test -C "$dir" --print-errorlogs --no-rebuild >"$dir/meson-test.out" 2>&1 || status=1
  tail -n 12 "$dir/meson-test.out"
done
python3 - "$@" <<'PY'
import json, re, sys
passed = failed = todo = 0
for d in sys.argv[1:]:
    try:
        lines = open(d + "/meson-logs/testlog.json").read().splitlines()
    except OSError:
        print("no test log in " + d); failed += 1; continue
    for line in lines:
        t = json.loads(line)
        out = t.get("stdout") or ""
        ok = len(re.findall(r"^ok\b", out, re.M))
        bad = len(re.findall(r"^not ok\b(?!.*#\s*TODO\b)", out, re.M))
        todo += len(re.findall(r"^not ok\b.*#\s*TODO\b", out, re.M))
        if t.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP") and bad == 0:
            bad = 1   # crashed, timed out or failed without saying which check
            print("FAILED: %s in %s (%s)" % (t.get("name"), d, t.get("result")))
        passed += ok; failed += bad
if todo:
    print("%d known failing (TODO)" % todo)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
py=$?
[ $py -ne 0 ] && status=1
exit $status
