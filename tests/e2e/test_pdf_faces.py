"""test_pdf_faces.py: issue 14's faces. Italic in a heading is set in Noto
Sans Bold Italic and italic in sans text (a subtitle) in Noto Sans
Italic, where before both were upright. In the Korean edition the
headings' Hangul is Nanum Gothic Bold, bold Hangul in body text Nanum
Myeongjo Bold; in a test brief bold Hangul in body text is Myeongjo Bold,
italic Hangul Nanum Gothic (no Korean italic exists) and a table's Hangul
Nanum Gothic. In a Chinese brief the headings, and bold and italic
Chinese, are WenQuanYi Micro Hei (simplified and traditional alike),
upright body text AR PL SungtiL GB and Mingti2L Big5. Faces load only when
used: an English brief never opens a Nanum, Arphic or WenQuanYi file
(strace)."""
import os
import re
import shutil
import subprocess

import xml.etree.ElementTree as ET

from tap import BRIEFC, ROOT, _clean_xml, check, done, run, tmpdir, write

HANGUL = re.compile("[\uac00-\ud7a3]")


d = tmpdir()

# ---- English: italic in a heading and in sans text ----
write(os.path.join(d, "it.md"), "# Returns and *refoulement* today\n\nBody *text* here.\n")
write(os.path.join(d, "it.yaml"), "title: Faces\nsubtitle: A subtitle with *slanted* words\n"
      "sections:\n  - file: it.md\n")
rc, out, err = run(["compile", "it.yaml", "-o", "it.pdf"], cwd=d)
check(rc == 0, "the English test brief compiles", err)
pdf = os.path.join(d, "it.pdf")

def word_fonts(pdf):
    """Every run of characters in one font: (font, text), in reading order."""
    out = subprocess.run(["mutool", "draw", "-F", "stext", "-o", "-", pdf],
                         capture_output=True, text=True).stdout
    runs = []
    for font in ET.fromstring(_clean_xml(out)).iter("font"):
        name = re.sub(r"^[A-Z]{6}\+", "", font.get("name"))
        runs.append((name, "".join(ch.get("c") or "" for ch in font.iter("char"))))
    return runs


runs = word_fonts(pdf)
check(any(f == "NotoSans-BoldItalic" and "refoulement" in t for f, t in runs),
      "italic in a heading is Noto Sans Bold Italic", runs)
check(any(f == "NotoSans-Bold" and "Returns" in t for f, t in runs), "... the rest of it Noto Sans Bold")
check(any(f == "NotoSans-Italic" and "slanted" in t for f, t in runs),
      "italic in the subtitle (sans) is Noto Sans Italic", runs)
check(any(f == "NotoSerif-Italic" and "text" in t for f, t in runs), "italic body text stays Noto Serif Italic")

# A Latin brief opens no Nanum file, a Korean one no Noto Sans Italic.
if shutil.which("strace"):
    def opened(yaml):
        # LeakSanitizer cannot run under ptrace: the sanitized build's
        # leak check is left to every other test.
        env = dict(os.environ)
        env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
        p = subprocess.run(["strace", "-f", "-e", "trace=openat", "-o", os.path.join(d, "trace"),
                            BRIEFC, "compile", yaml, "-o", os.path.join(d, "t.pdf")],
                           cwd=d, capture_output=True, text=True, env=env)
        with open(os.path.join(d, "trace")) as fh:
            return p.returncode, [l for l in fh.read().splitlines() if ".ttf" in l]
    rc2, files = opened("it.yaml")
    check(rc2 == 0 and files and
          not any(f in l for l in files for f in ("Nanum", "gbsn", "bsmi", "wqy")),
          "an English brief opens no Nanum, Arphic or WenQuanYi file", files)
    check(any("NotoSans-BoldItalic.ttf" in l for l in files), "... and opens Noto Sans Bold Italic", files)
else:
    check(False, "strace is installed (Makefile PACKAGES)")

# ---- Korean: headings, bold, italic, tables ----
write(os.path.join(d, "ko.md"), "# 북한 이탈 주민\n\n본문에 **굵은 글씨**와 *기울인 글씨*가 있다.\n\n"
      "| 연도 | 송환 |\n| --- | --- |\n| 이천 | 많음 |\n")
write(os.path.join(d, "ko.yaml"), "title: 얼굴\nlang: ko\nsections:\n  - file: ko.md\n")
rc, out, err = run(["compile", "ko.yaml", "-o", "ko.pdf"], cwd=d)
check(rc == 0, "the Korean test brief compiles", err)
runs = word_fonts(os.path.join(d, "ko.pdf"))
check(any(f == "NanumGothicBold" and "북한" in t for f, t in runs), "a Korean heading is Nanum Gothic Bold", runs)
check(any(f == "NanumMyeongjoBold" and "굵은" in t for f, t in runs), "bold Hangul in body text is Nanum Myeongjo Bold", runs)
check(any(f == "NanumGothic" and "기울인" in t for f, t in runs), "italic Hangul in body text is Nanum Gothic", runs)
check(any(f == "NanumMyeongjo" and "본문에" in t for f, t in runs), "upright Hangul in body text is Nanum Myeongjo", runs)
check(any(f == "NanumGothic" and "이천" in t for f, t in runs), "a table cell's Hangul is Nanum Gothic", runs)
if shutil.which("strace"):
    rc2, files = opened("ko.yaml")
    check(rc2 == 0 and any("NanumGothic.ttf" in l for l in files) and
          not any("bsmi00lp" in l for l in files),
          "a Korean brief opens Nanum Gothic, and not the Big5 face it has no character for", files)

# ---- Chinese: Hei for headings and emphasis ----
write(os.path.join(d, "zh.md"), "# 强制遣返与保护义务\n\n中国应当停止强制遣返，**并允许难民署进入**边境，"
      "被遣返者*面临酷刑*。\n\n## 國際法上的難民\n\n傳統字：**權利**與臺灣。\n")
write(os.path.join(d, "zh.yaml"), "title: 脱北者\nlang: zh-Hans\nsections:\n  - file: zh.md\n")
rc, out, err = run(["compile", "zh.yaml", "-o", "zh.pdf"], cwd=d)
check(rc == 0 and "warning" not in err, "the Chinese test brief compiles", err)
runs = word_fonts(os.path.join(d, "zh.pdf"))
hei = "WenQuanYiMicroHei"
check(any(f == hei and "强制遣返与保护义务" in t for f, t in runs), "a Chinese heading is Micro Hei", runs)
check(any(f == hei and "國際法上的難民" in t for f, t in runs), "... a traditional one too", runs)
check(any(f == hei and "并允许难民署进入" in t for f, t in runs), "bold Chinese in body text is Micro Hei", runs)
check(any(f == hei and "面临酷刑" in t for f, t in runs), "italic Chinese in body text is Micro Hei", runs)
check(any(f == hei and "權利" in t for f, t in runs), "bold traditional Chinese is Micro Hei", runs)
check(any(f == "BousungEG-Light-GB" and "中国应当停止强制遣返" in t for f, t in runs),
      "upright body text stays AR PL SungtiL GB", runs)
check(any(f == "ShanHeiSun-Light" and "臺灣" in t for f, t in runs),
      "upright traditional characters GB lacks stay AR PL Mingti2L Big5", runs)

# ---- the Korean edition ----
ko = os.path.join(ROOT, "briefs", "forced-returns-ko.yaml")
pdf = os.path.join(d, "forced-returns-ko.pdf")
rc, out, err = run(["compile", ko, "-o", pdf])
check(rc == 0, "the Korean edition compiles", err)
runs = word_fonts(pdf)
heads = [t for f, t in runs if f == "NanumGothicBold" and HANGUL.search(t)]
check(any("탈북민" in t for t in heads), "the Korean edition's title is Nanum Gothic Bold", heads[:5])
check(any("목차" in t for t in heads), "... and its headings (목차)", heads[:5])
check(any(f == "NanumMyeongjoBold" and "강제송환금지" in t for f, t in runs),
      "the Korean edition's bold body text is Nanum Myeongjo Bold")
check(not any(f.startswith("NanumMyeongjo") and "목차" in t for f, t in runs),
      "no heading is set in Myeongjo")
done()
