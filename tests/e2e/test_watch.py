"""test_watch.py: `briefc watch` compiles, then compiles again when a file
the brief reads changes (a section saved by writing and renaming, as
editors do), keeps the previous PDF when the change breaks the brief, and
leaves no temporary file when SIGTERM ends it."""
import os
import signal
import subprocess
import time

from tap import BRIEFC, check, done, tmpdir, write

d = tmpdir()
write(os.path.join(d, "b.yaml"), "title: Watched\nsections:\n  - file: s.md\n")
write(os.path.join(d, "s.md"), "First version.\n")
out = os.path.join(d, "out", "b.pdf")
log = open(os.path.join(d, "log"), "w+")
p = subprocess.Popen([BRIEFC, "watch", os.path.join(d, "b.yaml"), "-o", out], stdout=log, stderr=log)


def wait_for(pred, seconds=20):
    end = time.time() + seconds
    while time.time() < end:
        if pred():
            return True
        time.sleep(0.1)
    return False


def log_text():
    log.flush()
    return open(os.path.join(d, "log")).read()


check(wait_for(lambda: "watching" in log_text() and os.path.exists(out)), "watch compiles the brief first", log_text())
first = open(out, "rb").read()
tmp = os.path.join(d, "s.md.new")
write(tmp, "Second version, saved as editors save.\n")
os.rename(tmp, os.path.join(d, "s.md"))
check(wait_for(lambda: log_text().count("wrote ") >= 2), "a saved section is compiled again", log_text())
second = open(out, "rb").read()
check(second != first, "the PDF changes with it")
write(os.path.join(d, "b.yaml"), "titel: Broken\nsections:\n  - file: s.md\n")
check(wait_for(lambda: "not written" in log_text()), "a broken save is reported", log_text())
check("unknown key 'titel'" in log_text() and open(out, "rb").read() == second,
      "with its diagnostics, and the previous PDF kept whole")
p.send_signal(signal.SIGTERM)
p.wait(timeout=10)
check(not [f for f in os.listdir(os.path.join(d, "out")) if ".tmp." in f], "SIGTERM leaves no temporary file")
done()
