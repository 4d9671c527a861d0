"""test_pdf_lang.py: issue 14's languages. The Korean edition of the
policy brief compiles under --strict, and no word briefc writes in it is
English (Contents, Sources, Recommendations, Figure, Table, Note, Source,
Page, "X of Y", continued, Annex, the months): they are Korean, its date
is "2026년 11월 22일", and the catalog's /Lang is ko. A Chinese brief
(zh-Hans, then zh-Hant) gets 目录, 参考文献, 图1, 表1, （续）, 附录A：,
注：, 资料来源：, "第 1 页，共 N 页", 草稿 and Chinese dates and citation
words. The brief's lang: wins over its style's; a packet's sets its own
pages and the folios of all. A library text missing the brief's language
falls back to en with a warning at its line:col (an error under --strict);
an unknown language is an error at its line:col with a hint. English
briefs come out as before: lang: en gives each example the text layer it
has without it, with the English words."""
import os
import re
import shutil
import subprocess

from tap import ROOT, check, done, pages_text, run, tmpdir, write

d = tmpdir()
ENV = {"SOURCE_DATE_EPOCH": "1700000000"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def compile_at(path, *extra):
    pdf = os.path.splitext(path)[0] + ".pdf"
    rc, out, err = run(["compile", path, "-o", pdf] + list(extra), env=ENV)
    return rc, out, err, pdf


def text_of(pdf):
    pages, _ = pages_text(pdf)
    return "\n".join(pages)


def catalog_lang(pdf):
    """The catalog's /Lang, read from qpdf's QDF form."""
    raw = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"],
                         capture_output=True).stdout.decode("latin-1")
    for obj in re.findall(r"\d+ 0 obj\n(.*?)endobj", raw, re.S):
        if "/Type /Catalog" in obj:
            m = re.search(r"/Lang \(([^)]*)\)", obj)
            return m.group(1) if m else None
    return None


def dump(path):
    rc, out, err = run(["compile", path, "-o", os.path.join(d, "dump.pdf"), "--dump-layout"], env=ENV)
    return out


# ---- the Korean edition ----
ko = os.path.join(ROOT, "briefs", "forced-returns-ko.yaml")
pdf = os.path.join(d, "forced-returns-ko.pdf")
rc, out, err = run(["compile", ko, "-o", pdf, "--strict"], env=ENV)
check(rc == 0 and "warning" not in err, "the Korean edition compiles under --strict", err)
t = text_of(pdf)
english = [w for w in ["Contents", "Sources", "Recommendations", "Figure", "Table", "Note", "Source",
                       "Page", "continued", "Annex"] + MONTHS if re.search(r"\b%s\b" % w, t)]
check(not english, "no English generated word in its text layer", english)
# "of" is in the English titles it cites; briefc's own "of" is the folio's.
check(not re.search(r"\d+ of \d+", t), "no 'Page X of Y' folio", re.findall(r".*\d+ of \d+.*", t)[:3])
flat = re.sub(r"\s+", " ", t)
want = ["목차", "권고", "참고문헌", "그림 1", "그림 3", "표 1", "표 2 (계속)", "주: ", "출처: ", "부록 A: ",
        "11쪽 중 1쪽", "11쪽 중 11쪽", "2026년 11월 22일", "2023년 6월 13일", "검색일: 2026년 12월 1일",
        "NKHR Briefing Report 제8호", "Daye Gang 및 Joanna Hosaniak", "Gang, Daye 및 Joanna Hosaniak",
        "중화인민공화국 정부에", "표 1 자료에 보고된 강제송환과 입국", "그림 2 중국에 숨어 사는"]
missing = [w for w in want if w not in flat]
check(not missing, "its generated words, dates and citation words are Korean", missing)
check(catalog_lang(pdf) == "ko", "the catalog's /Lang is ko", catalog_lang(pdf))
check("Immediately halt" not in flat and "강제송환과, 이들을 돕는" in flat,
      "the library's recommendations are set in their Korean text")
check("연간 입국자 수" in flat and "시모어, 높은 수치(2000)" in flat and "2000년 3월" in flat,
      "figure texts (axis label, category, table cell) are the library's Korean ones")

# ---- a Chinese mini brief, with its own small library ----
lib = os.path.join(d, "zh", "library")
write(os.path.join(lib, "sources.yaml"),
      "- id: four\n  type: report\n  author: [Ann One, Bo Two, Cy Three, Di Four]\n"
      "  title: A Report by Four\n  series: Briefing Report\n  number: 8\n  date: 2018-05-02\n"
      "- id: site\n  type: web\n  author: [Ann One, Bo Two]\n  title: A Web Site\n"
      "  url: https://example.org/page\n  accessed: 2026-12-01\n")
write(os.path.join(lib, "addressees.yaml"), "china: {en: To China, zh-Hans: 致中国政府, zh-Hant: 致中國政府}\n")
write(os.path.join(lib, "recommendations.yaml"),
      "- id: r1\n  to: china\n  text:\n    en: Stop returns.[@four]\n    zh-Hans: 停止遣返。[@four]\n"
      "    zh-Hant: 停止遣返。[@four]\n  sources: [four]\n")
rows = "\n".join("  - [%d, {en: row, zh-Hans: 行, zh-Hant: 行}]" % (1990 + i) for i in range(70))
write(os.path.join(lib, "figures", "t.yaml"),
      "id: t\nkind: table\ntitle: {en: Returns, zh-Hans: 遣返人数, zh-Hant: 遣返人數}\n"
      "note: {en: A note., zh-Hans: 说明文字。, zh-Hant: 說明文字。}\nsource: four\n"
      "columns:\n  - {en: Year, zh-Hans: 年份, zh-Hant: 年份}\n  - {en: What, zh-Hans: 内容, zh-Hant: 內容}\n"
      "rows:\n" + rows + "\n")
write(os.path.join(lib, "figures", "c.yaml"),
      "id: c\nkind: bar\ntitle: {en: Counts, zh-Hans: 人数, zh-Hant: 人數}\nsource: four\n"
      "categories: [{en: one, zh-Hans: 一, zh-Hant: 一}, {en: two, zh-Hans: 二, zh-Hant: 二}]\n"
      "series: [{values: [1, 2]}]\n")
write(os.path.join(d, "zh", "annex.md"), "# 中文\n\n正文。[@site]\n")
ZH = ("title: 中国境内的朝鲜难民\nlang: %s\ndate: 2023-06-13\ntoc: true\ndraft: true\n"
      "sources: [four, site]\nfigures: [t, c]\nrecommendations: {to: [china]}\n"
      "sections:\n  - markdown: |\n      ## 概述\n\n      正文。[@four, 第12页] 见@fig:c与@fig:t。[@site]\n"
      "  - recommendations\n  - annex: annex.md\n  - sources\n")
for lang, words in [
        ("zh-Hans", ["目录", "建议", "参考文献", "图1 人数", "表1 遣返人数", "表1（续）", "注：说明文字。",
                     "资料来源：", "附录A：中文", "第 1 页，共", "2023年6月13日", "致中国政府",
                     "Ann One等", "第8号", "2018年5月2日", "Ann One、Bo Two", "访问日期：2026年12月1日"]),
        ("zh-Hant", ["目錄", "建議", "參考文獻", "圖1 人數", "表1 遣返人數", "表1（續）", "註：說明文字。",
                     "資料來源：", "附錄A：中文", "第 1 頁，共", "2023年6月13日", "致中國政府",
                     "檢索日期：2026年12月1日", "第8號"])]:
    brief = os.path.join(d, "zh", lang + ".yaml")
    write(brief, ZH % lang)
    rc, out, err, pdf = compile_at(brief, "--strict")
    check(rc == 0, "a %s brief compiles under --strict" % lang, err)
    flat = re.sub(r"\s+", " ", text_of(pdf))
    missing = [w for w in words if w not in flat]
    check(not missing, "%s: briefc's words, dates and citation words are Chinese" % lang, missing)
    english = [w for w in ["Contents", "Sources", "Figure", "Table", "Note", "Page", "continued", "Annex",
                           "et al", "accessed", "Accessed"] + MONTHS if re.search(r"\b%s\b" % w, flat)]
    check(not english, "%s: no English generated word" % lang, english)
    check(catalog_lang(pdf) == lang, "%s: the catalog's /Lang is %s" % (lang, lang), catalog_lang(pdf))
    check('"草稿"' in dump(brief), "%s: the draft mark reads 草稿" % lang)

# ---- which lang: wins ----
sd = os.path.join(d, "styled")
write(os.path.join(sd, "styles", "house.yaml"), "lang: zh-Hans\n")
write(os.path.join(sd, "own.yaml"), "title: T\nlang: ko\nstyle: house\ntoc: true\n"
      "sections:\n  - markdown: \"## A\\n\\nText.\"\n")
write(os.path.join(sd, "styled.yaml"), "title: T\nstyle: house\ntoc: true\n"
      "sections:\n  - markdown: \"## A\\n\\nText.\"\n")
rc, out, err, pdf = compile_at(os.path.join(sd, "own.yaml"), "--strict")
t = text_of(pdf)
check(rc == 0 and "목차" in t and "目录" not in t and catalog_lang(pdf) == "ko",
      "the brief's lang: wins over its style's", t[:300] + err)
rc, out, err, pdf = compile_at(os.path.join(sd, "styled.yaml"), "--strict")
t = text_of(pdf)
check(rc == 0 and "目录" in t and "第 1 页，共 1 页" in t and catalog_lang(pdf) == "zh-Hans",
      "a brief without lang: takes its style's", t[:300] + err)

# A packet in Korean binding an English brief: the packet's words on its
# own pages and on every folio and stamp; the brief's own words stay English.
pk = os.path.join(d, "packet")
write(os.path.join(pk, "en.yaml"), "title: English brief\ntoc: true\nsections:\n  - markdown: \"## Part\\n\\nText.\"\n")
write(os.path.join(pk, "p.yaml"), "packet:\n  title: 청문회 자료\n  lang: ko\n  date: 2023-06-13\n"
      "  witnesses:\n    - panel: 증인\n      people:\n        - {name: 이정훈, document: en}\n"
      "  documents:\n    - {brief: en.yaml, id: en, label: 영문 브리프}\n")
rc, out, err, pdf = compile_at(os.path.join(pk, "p.yaml"), "--strict")
pages, _ = pages_text(pdf)
flat = re.sub(r"\s+", " ", "\n".join(pages))
check(rc == 0 and all(w in flat for w in ["2023년 6월 13일 화요일", "증인 명단", "제출 문서: ", "목차",
                                          "영문 브리프, 1쪽", "쪽 중"]),
      "a Korean packet: cover date with its weekday, witness list, contents, folios and stamps in Korean",
      flat[:600] + err)
check("Contents" in flat and "Page" not in flat and catalog_lang(pdf) == "ko",
      "the English brief it binds keeps its own Contents; the packet's /Lang is ko")

# ---- a library text missing the brief's language ----
md = os.path.join(d, "missing")
shutil.copytree(lib, os.path.join(md, "library"))
write(os.path.join(md, "library", "recommendations.yaml"),
      "- id: r1\n"                                   # 1
      "  to: china\n"                                # 2
      "  text:\n"                                    # 3
      "    en: Stop returns.[@four]\n"               # 4
      "    ko: 송환을 중단할 것.[@four]\n"            # 5
      "  sources: [four]\n"                          # 6
      "- id: r2\n"                                   # 7
      "  to: china\n"                                # 8
      "  text: Let UNHCR in.[@four]\n"               # 9
      "  sources: [four]\n")
write(os.path.join(md, "library", "addressees.yaml"), "china:\n  en: To China\n  zh-Hans: 致中国政府\n")
write(os.path.join(md, "b.yaml"), "title: 시험\nlang: ko\nsources: [four]\nrecommendations: {to: [china]}\n"
      "sections:\n  - recommendations\n")
rc, out, err, pdf = compile_at(os.path.join(md, "b.yaml"))
check(rc == 0 and re.search(r"recommendations\.yaml:9:9: warning: recommendation 'r2' has no ko text; "
                            r"its en text is used", err)
      and re.search(r"addressees\.yaml:2:7: warning: the heading of addressee 'china' has no ko text", err)
      and "hint: give it by language: {en: ..., ko: ...}" in err,
      "a text without the brief's language warns at its line:col, naming the language", err)
flat = re.sub(r"\s+", " ", text_of(pdf))
check("송환을 중단할 것." in flat and "Let UNHCR in." in flat and "To China" in flat,
      "and falls back to its en text", flat)
rc, out, err, pdf = compile_at(os.path.join(md, "b.yaml"), "--strict")
check(rc == 1 and "recommendations.yaml:9:9: error: recommendation 'r2' has no ko text" in err,
      "under --strict it is an error", err)
# Positions inside the text chosen map back to its own line and column.
write(os.path.join(md, "library", "recommendations.yaml"),
      "- id: r1\n  to: china\n  text:\n    en: Stop returns.[@four]\n    ko: 송환을 중단할 것.[@fuor]\n"
      "  sources: [four]\n")
rc, out, err, pdf = compile_at(os.path.join(md, "b.yaml"))
check(rc == 1 and re.search(r"recommendations\.yaml:5:20: error: unknown source '@fuor'", err),
      "an error inside the ko text is reported at its own line:col", err)

# ---- unknown languages ----
ud = os.path.join(d, "unknown")
write(os.path.join(ud, "b.yaml"), "title: T\nlang: kr\nsections:\n  - markdown: Text.\n")
rc, out, err, pdf = compile_at(os.path.join(ud, "b.yaml"))
check(rc == 1 and "b.yaml:2:7: error: unknown language 'kr'" in err and "hint: did you mean 'ko'?" in err,
      "an unknown lang: is an error at its line:col with a did-you-mean hint", err)
write(os.path.join(ud, "c.yaml"), "title: T\nlang: zh-TW\nsections:\n  - markdown: Text.\n")
rc, out, err, pdf = compile_at(os.path.join(ud, "c.yaml"))
check(rc == 1 and "c.yaml:2:7: error: unknown language 'zh-TW'" in err and "did you mean 'zh-Hant'?" in err,
      "a region tag names the language meant (zh-TW: zh-Hant)", err)
write(os.path.join(ud, "styles", "s.yaml"), "lang: Korean\n")
write(os.path.join(ud, "d.yaml"), "title: T\nstyle: s\nsections:\n  - markdown: Text.\n")
rc, out, err, pdf = compile_at(os.path.join(ud, "d.yaml"))
check(rc == 1 and re.search(r"s\.yaml:1:7: error: unknown language 'Korean'", err) and "'ko'" in err,
      "an unknown lang: in a style is an error at its line:col", err)
shutil.copytree(lib, os.path.join(ud, "library"))
write(os.path.join(ud, "library", "addressees.yaml"), "china: {en: To China, kr: 중국 정부에}\n")
write(os.path.join(ud, "e.yaml"), "title: T\nlang: ko\nsources: [four]\nrecommendations: {to: [china]}\n"
      "sections:\n  - recommendations\n")
rc, out, err, pdf = compile_at(os.path.join(ud, "e.yaml"))
check(rc == 1 and "addressees.yaml:1:23: error: unknown language 'kr'" in err and "did you mean 'ko'?" in err,
      "an unknown language in a library text is an error at its key", err)

# ---- English, as before ----
# lang: en must reproduce exactly what a brief without lang: gives, for
# every English example (the packet too), and keep the English words.
ed = os.path.join(d, "en")
shutil.copytree(os.path.join(ROOT, "briefs"), ed)
for name in ["forced-returns", "key-figures", "lee-testimony-2023", "hearing-2023"]:
    src = os.path.join(ed, name + ".yaml")
    rc, out, err, pdf = compile_at(src)
    plain = text_of(pdf)
    body = open(src, encoding="utf-8").read()
    body = body.replace("packet:\n", "packet:\n  lang: en\n", 1) if "packet:\n" in body else "lang: en\n" + body
    write(os.path.join(ed, name + "-en.yaml"), body)
    rc2, out, err2, pdf2 = compile_at(os.path.join(ed, name + "-en.yaml"))
    diff = [(a, b) for a, b in zip(plain.splitlines(), text_of(pdf2).splitlines()) if a != b]
    check(rc == 0 and rc2 == 0 and text_of(pdf2) == plain and catalog_lang(pdf2) == "en",
          "%s: lang: en gives the text layer it has without lang:" % name, err + err2 + repr(diff[:3]))
flat = re.sub(r"\s+", " ", text_of(os.path.join(ed, "forced-returns.pdf")))
# (Its Table 1 fits one page: "(continued)" is test_pdf_figures' to check.)
want = ["Contents", "Recommendations", "Sources", "Figure 1", "Table 1", "Note: ",
        "Sources: ", "Annex A: ", "Page 1 of 11", "22 November 2026", "13 June 2023",
        "accessed 1 December 2026", "Accessed 1 December 2026", "Daye Gang and Joanna Hosaniak",
        "Gang, Daye, and Joanna Hosaniak", "NKHR Briefing Report no. 8", "14, no. 2 (2015)"]
missing = [w for w in want if w not in flat]
check(not missing, "the English brief keeps its English words and dates", missing)
flat = re.sub(r"\s+", " ", text_of(os.path.join(ed, "hearing-2023.pdf")))
check(all(w in flat for w in ["Tuesday, 13 June 2023", "Witness List", "Submitted: ", "Lee testimony, p. 1",
                              "HRW press release, p. 1"]),
      "the English packet keeps its cover, witness list and stamps")

done()
