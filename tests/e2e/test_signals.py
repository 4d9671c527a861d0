"""test_signals.py: a compile killed at random moments never leaves a
partial PDF at its output path; after SIGTERM (a CI timeout) or SIGINT no
temporary file is left either. Also: -o never writes over a file the
compile reads, nor over a device."""
import os
import random
import signal
import subprocess
import time

from tap import BRIEFC, ROOT, check, done, qpdf_check, run, tmpdir

d = tmpdir()
out = os.path.join(d, "h.pdf")
packet = os.path.join(ROOT, "briefs", "hearing-2023.yaml")
rng = random.Random(9)


def kill_at(sig, delay):
    p = subprocess.Popen([BRIEFC, "compile", packet, "-o", out], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    time.sleep(delay)
    p.send_signal(sig)
    p.wait()


def whole_or_absent():
    if not os.path.exists(out):
        return True
    ok, msg = qpdf_check(out)
    return ok


partial, left = [], []
for i in range(24):
    sig = signal.SIGTERM if i % 3 else signal.SIGINT
    kill_at(sig, rng.uniform(0.0, 0.9))
    if not whole_or_absent():
        partial.append(i)
    tmps = [f for f in os.listdir(d) if ".tmp." in f]
    if tmps:
        left.append((i, tmps))
check(not partial, "SIGTERM or SIGINT at random moments never leaves a partial PDF (24 kills)", partial)
check(not left, "... and never leaves a temporary file", left)
partial = []
for i in range(12):
    kill_at(signal.SIGKILL, rng.uniform(0.0, 0.9))
    if not whole_or_absent():
        partial.append(i)
check(not partial, "SIGKILL at random moments never leaves a partial PDF (12 kills)", partial)
# What a SIGKILL leaves (nothing can remove it then), the next compile
# into the folder removes: no living process holds its lock.
rc = subprocess.run([BRIEFC, "compile", packet, "-o", out], stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL).returncode
tmps = [f for f in os.listdir(d) if ".tmp." in f]
check(rc == 0 and not tmps, "... and the next compile into the folder removes what the kills left", tmps)

# The same for a whole `briefc build` on threads.
shelf_out = os.path.join(d, "shelf")
partial, left = [], []
for i in range(12):
    sig = signal.SIGKILL if i % 4 == 3 else signal.SIGTERM
    p = subprocess.Popen([BRIEFC, "build", os.path.join(ROOT, "briefs"), "-o", shelf_out, "--force", "-j", "2"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0.0, 1.0))
    p.send_signal(sig)
    p.wait()
    for f in os.listdir(shelf_out) if os.path.isdir(shelf_out) else []:
        if f.endswith(".pdf") and not qpdf_check(os.path.join(shelf_out, f))[0]:
            partial.append((i, f))
    if sig == signal.SIGKILL:
        # A SIGKILL may leave temporary files: the next build clears them.
        subprocess.run([BRIEFC, "build", os.path.join(ROOT, "briefs"), "-o", shelf_out],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tmps = [f for r, _, fs in os.walk(shelf_out) for f in fs if ".tmp." in f]
    if tmps:
        left.append((i, tmps))
check(not partial, "a build killed at random moments (SIGTERM, SIGKILL) never leaves a partial PDF", partial)
check(not left, "... and no temporary file after SIGTERM, nor after the build that follows a SIGKILL", left)

# -o onto an input, or a device.
brief = os.path.join(d, "b.yaml")
section = os.path.join(d, "s.md")
open(brief, "w").write("title: B\nsections:\n  - file: s.md\n")
open(section, "w").write("Text.\n")
before = open(brief).read(), open(section).read()
rc, o, e = run(["compile", brief, "-o", brief])
check(rc == 1 and "refusing to write the PDF over" in e and open(brief).read() == before[0],
      "-o onto the brief's own YAML is refused and the YAML is kept", e)
rc, o, e = run(["compile", brief, "-o", section])
check(rc == 1 and "refusing to write the PDF over" in e and open(section).read() == before[1],
      "-o onto one of its sections is refused", e)
rc, o, e = run(["compile", brief, "-o", "/dev/null"])
check(rc == 1 and "not a regular file" in e and os.path.exists("/dev/null") and not os.path.isfile("/dev/null"),
      "-o onto a device is refused, the device left as it is", e)
done()
