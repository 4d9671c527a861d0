/*
 * test_content_citations.c: every source type's full note, short note
 * (with and without a locator) and source-list entry, pinned to the
 * Chicago patterns of docs/CITATIONS.md. Italic runs are shown between
 * asterisks, so a title's style is pinned with its words.
 */
#include <stdlib.h>

#include "../harness.h"
#include "base/buf.h"
#include "content/cite.h"

#define LQ "\xe2\x80\x9c"
#define RQ "\xe2\x80\x9d"
#define RSQ "\xe2\x80\x99"
#define NDASH "\xe2\x80\x93"

/* The paragraph's text, italic runs between asterisks. */
static const char *flat(arena *a, const doc_block *p)
{
    if (!p)
        return NULL;
    buf b;
    buf_init(&b);
    bool italic = false;
    for (size_t i = 0; i < p->n_runs; i++) {
        bool it = (p->runs[i].style & DOC_STYLE_ITALIC) != 0;
        if (it != italic)
            buf_putc(&b, '*');
        italic = it;
        buf_append(&b, p->runs[i].text, p->runs[i].len);
    }
    if (italic)
        buf_putc(&b, '*');
    const char *r = buf_to_arena(&b, a);
    buf_fini(&b);
    return r;
}

static const char *note(arena *a, diag_list *d, cite_state *cs, const char *text)
{
    return flat(a, cite_note(a, d, cs, text, strlen(text), (src_loc){"a.md", 1, 1}));
}

/* What one type must print; cites are the text between the brackets. */
typedef struct expect {
    const char *full_cite, *full;     /* the first citation */
    const char *short_plain;          /* then [@s] */
    const char *short_cite, *short_loc;
    const char *entry;                /* the source list */
} expect;

/* Cites s (as id "s") in a brief of its own, as the first, second and
 * third citation, then lists it. */
static void pin(const char *what, brief_source s, expect e)
{
    arena *a = arena_new();
    diag_list *d = diag_new();
    s.id = "s";
    s.selected = true;
    brief b = {.path = "b.yaml", .sources = &s, .n_sources = 1};
    cite_state cs;
    cite_init(&cs, a, &b);
    CHECK_STR(note(a, d, &cs, e.full_cite), e.full, arena_printf(a, "%s: full note", what));
    CHECK_STR(note(a, d, &cs, "@s"), e.short_plain, arena_printf(a, "%s: short note", what));
    CHECK_STR(note(a, d, &cs, e.short_cite), e.short_loc,
              arena_printf(a, "%s: short note with a locator", what));
    doc_block *list = doc_block_new(a, DOC_ROOT, (src_loc){"b.yaml", 9, 5});
    cite_bibliography(a, d, &cs, list);
    CHECK_STR(flat(a, list->first ? list->first->next : NULL), e.entry,
              arena_printf(a, "%s: source-list entry", what));
    CHECK_INT(diag_count(d), 0, arena_printf(a, "%s: no diagnostics", what));
    cite_fini(&cs);
    diag_free(d);
    arena_free(a);
}

static const char *hrw[] = {"Human Rights Watch"};
static const char *gang[] = {"Daye Gang", "Joanna Hosaniak"};
static const char *lee[] = {"Jung-Hoon Lee"};
static const char *scarlatoiu[] = {"Greg Scarlatoiu"};
static const char *seymour[] = {"James D. Seymour"};
static const char *author[] = {"Ann Author"};
static const char *gmt[] = {"The GMT Team"};
static const char *hrc[] = {"UN Human Rights Council"};
static const char *four[] = {"Ann Author", "Bo Baker", "Cy Carter", "Di Dunn"};
static const char *three[] = {"Ann Author", "Bo Baker", "Cy Carter"};

static void test_report(void)
{
    pin("report with series, number, place and publisher",
        (brief_source){.type = SOURCE_REPORT, .authors = gang, .n_authors = 2,
                       .title = "They Only Claim: Discrimination against Women",
                       .series = "NKHR Briefing Report", .number = "8", .place = "Seoul",
                       .publisher = "Citizens' Alliance for North Korean Human Rights",
                       .date = "2018"},
        (expect){"@s, pp. 38--46",
                 "Daye Gang and Joanna Hosaniak, *They Only Claim: Discrimination against Women*, "
                 "NKHR Briefing Report no. 8 (Seoul: Citizens" RSQ " Alliance for North Korean "
                 "Human Rights, 2018), pp. 38" NDASH "46.",
                 "Gang and Hosaniak, *They Only Claim*.",
                 "@s, 40", "Gang and Hosaniak, *They Only Claim*, 40.",
                 "Gang, Daye, and Joanna Hosaniak. *They Only Claim: Discrimination against Women*. "
                 "NKHR Briefing Report no. 8. Seoul: Citizens" RSQ " Alliance for North Korean "
                 "Human Rights, 2018."});
    /* Bug 3: a report's venue was dropped from its note. */
    pin("report with a venue and an address",
        (brief_source){.type = SOURCE_REPORT, .authors = hrw, .n_authors = 1,
                       .title = "The Invisible Exodus: North Koreans in China",
                       .venue = "prepared for the Commission", .publisher = "Human Rights Watch",
                       .date = "2002-11", .url = "https://www.hrw.org/reports/2002/northkorea/"},
        (expect){"@s, p. 3",
                 "Human Rights Watch, *The Invisible Exodus: North Koreans in China*, prepared for "
                 "the Commission (Human Rights Watch, November 2002), p. 3, "
                 "https://www.hrw.org/reports/2002/northkorea/.",
                 "Human Rights Watch, *The Invisible Exodus*.",
                 "@s, p. 5", "Human Rights Watch, *The Invisible Exodus*, p. 5.",
                 "Human Rights Watch. *The Invisible Exodus: North Koreans in China*. Prepared for "
                 "the Commission. Human Rights Watch, November 2002. "
                 "https://www.hrw.org/reports/2002/northkorea/."});
    pin("report with a number and no series",
        (brief_source){.type = SOURCE_REPORT, .authors = hrw, .n_authors = 1,
                       .title = "Invisible", .number = "14(3)", .date = "2002"},
        (expect){"@s", "Human Rights Watch, *Invisible*, no. 14(3) (2002).",
                 "Human Rights Watch, *Invisible*.", "@s, 2", "Human Rights Watch, *Invisible*, 2.",
                 "Human Rights Watch. *Invisible*. No. 14(3). 2002."});
}

static void test_testimony(void)
{
    pin("testimony with its committee and date",
        (brief_source){.type = SOURCE_TESTIMONY, .authors = lee, .n_authors = 1,
                       .title = "North Korean Refugees and the Imminent Danger of Forced "
                                "Repatriation from China",
                       .short_title = "North Korean Refugees",
                       .venue = "testimony before the Congressional-Executive Commission on China",
                       .date = "2023-06-13"},
        (expect){"@s, 4",
                 "Jung-Hoon Lee, " LQ "North Korean Refugees and the Imminent Danger of Forced "
                 "Repatriation from China," RQ " testimony before the Congressional-Executive "
                 "Commission on China, 13 June 2023, 4.",
                 "Lee, " LQ "North Korean Refugees." RQ,
                 "@s, 4", "Lee, " LQ "North Korean Refugees," RQ " 4.",
                 "Lee, Jung-Hoon. " LQ "North Korean Refugees and the Imminent Danger of Forced "
                 "Repatriation from China." RQ " Testimony before the Congressional-Executive "
                 "Commission on China, 13 June 2023."});
}

static void test_article(void)
{
    pin("article in a journal's volume and issue",
        (brief_source){.type = SOURCE_ARTICLE, .authors = scarlatoiu, .n_authors = 1,
                       .title = "Human Security in North Korea", .short_title = "Human Security",
                       .venue = "International Journal of Korean Studies", .volume = "14",
                       .issue = "2", .pages = "128-31", .date = "2015"},
        (expect){"@s, p. 130",
                 "Greg Scarlatoiu, " LQ "Human Security in North Korea," RQ " *International "
                 "Journal of Korean Studies* 14, no. 2 (2015): 130.",
                 "Scarlatoiu, " LQ "Human Security." RQ,
                 "@s, 131", "Scarlatoiu, " LQ "Human Security," RQ " 131.",
                 "Scarlatoiu, Greg. " LQ "Human Security in North Korea." RQ " *International "
                 "Journal of Korean Studies* 14, no. 2 (2015): 128" NDASH "31."});
    pin("article in a journal, cited whole",
        (brief_source){.type = SOURCE_ARTICLE, .authors = scarlatoiu, .n_authors = 1,
                       .title = "Human Security", .venue = "Journal", .volume = "14",
                       .pages = "128--31", .date = "2015"},
        (expect){"@s", "Greg Scarlatoiu, " LQ "Human Security," RQ " *Journal* 14 (2015): 128" NDASH "31.",
                 "Scarlatoiu, " LQ "Human Security." RQ,
                 "@s, table 2", "Scarlatoiu, " LQ "Human Security," RQ " table 2.",
                 "Scarlatoiu, Greg. " LQ "Human Security." RQ " *Journal* 14 (2015): 128" NDASH "31."});
    pin("article in a journal, a locator that is not a page",
        (brief_source){.type = SOURCE_ARTICLE, .authors = scarlatoiu, .n_authors = 1,
                       .title = "Human Security", .venue = "Journal", .issue = "2",
                       .pages = "128-31", .date = "2015-09"},
        (expect){"@s, table 2",
                 "Greg Scarlatoiu, " LQ "Human Security," RQ " *Journal*, no. 2 (September 2015): "
                 "128" NDASH "31, table 2.",
                 "Scarlatoiu, " LQ "Human Security." RQ, "@s, pp. 129--30",
                 "Scarlatoiu, " LQ "Human Security," RQ " pp. 129" NDASH "30.",
                 "Scarlatoiu, Greg. " LQ "Human Security." RQ " *Journal*, no. 2 (September 2015): "
                 "128" NDASH "31."});
    /* Bug 1: the short note doubled its comma: "fear,", 3. */
    pin("article on a publisher's site",
        (brief_source){.type = SOURCE_ARTICLE, .authors = seymour, .n_authors = 1,
                       .title = "Well-founded fear: China ignores international law",
                       .publisher = "Human Rights in China", .date = "2000-07-20"},
        (expect){"@s",
                 "James D. Seymour, " LQ "Well-founded fear: China ignores international law," RQ
                 " Human Rights in China, 20 July 2000.",
                 "Seymour, " LQ "Well-founded fear." RQ,
                 "@s, 3", "Seymour, " LQ "Well-founded fear," RQ " 3.",
                 "Seymour, James D. " LQ "Well-founded fear: China ignores international law." RQ
                 " Human Rights in China, 20 July 2000."});
    pin("article in a newspaper",
        (brief_source){.type = SOURCE_ARTICLE, .authors = author, .n_authors = 1,
                       .title = "Why Return?", .venue = "The Daily", .date = "2005-03-03"},
        (expect){"@s, A1", "Ann Author, " LQ "Why Return?" RQ " *The Daily*, 3 March 2005, A1.",
                 "Author, " LQ "Why Return?" RQ, "@s, A2", "Author, " LQ "Why Return?" RQ " A2.",
                 "Author, Ann. " LQ "Why Return?" RQ " *The Daily*, 3 March 2005."});
}

static void test_press_release(void)
{
    pin("press release with publisher and date",
        (brief_source){.type = SOURCE_PRESS_RELEASE, .authors = hrw, .n_authors = 1,
                       .title = "China: Protect North Korean Refugees",
                       .short_title = "Protect North Korean Refugees",
                       .publisher = "Human Rights Watch, New York", .date = "2005-03-15",
                       .url = "https://example.org/pr"},
        (expect){"@s",
                 "Human Rights Watch, " LQ "China: Protect North Korean Refugees," RQ " Human "
                 "Rights Watch, New York, 15 March 2005, https://example.org/pr.",
                 "Human Rights Watch, " LQ "Protect North Korean Refugees." RQ,
                 "@s, para. 4", "Human Rights Watch, " LQ "Protect North Korean Refugees," RQ " para. 4.",
                 "Human Rights Watch. " LQ "China: Protect North Korean Refugees." RQ " Human "
                 "Rights Watch, New York, 15 March 2005. https://example.org/pr."});
}

static void test_book(void)
{
    pin("book with series, place and publisher",
        (brief_source){.type = SOURCE_BOOK, .authors = author, .n_authors = 1,
                       .title = "A Book on Borders: Law and Practice", .series = "Studies in Law",
                       .number = "5", .place = "Amsterdam", .publisher = "North-Holland",
                       .date = "1985"},
        (expect){"@s, 257",
                 "Ann Author, *A Book on Borders: Law and Practice*, Studies in Law no. 5 "
                 "(Amsterdam: North-Holland, 1985), 257.",
                 "Author, *A Book on Borders*.", "@s, 12", "Author, *A Book on Borders*, 12.",
                 "Author, Ann. *A Book on Borders: Law and Practice*. Studies in Law no. 5. "
                 "Amsterdam: North-Holland, 1985."});
    pin("book by three authors, a place and no publisher",
        (brief_source){.type = SOURCE_BOOK, .authors = three, .n_authors = 3,
                       .title = "Borders", .place = "Seoul", .date = "1999"},
        (expect){"@s", "Ann Author, Bo Baker, and Cy Carter, *Borders* (Seoul, 1999).",
                 "Author, Baker, and Carter, *Borders*.", "@s, 9",
                 "Author, Baker, and Carter, *Borders*, 9.",
                 "Author, Ann, Bo Baker, and Cy Carter. *Borders*. Seoul, 1999."});
    pin("book by four authors",
        (brief_source){.type = SOURCE_BOOK, .authors = four, .n_authors = 4,
                       .title = "Borders", .publisher = "Press", .date = "1999"},
        (expect){"@s", "Ann Author et al., *Borders* (Press, 1999).",
                 "Author et al., *Borders*.", "@s, 9", "Author et al., *Borders*, 9.",
                 "Author, Ann, Bo Baker, Cy Carter, and Di Dunn. *Borders*. Press, 1999."});
}

static void test_web(void)
{
    pin("web page with site and access date",
        (brief_source){.type = SOURCE_WEB, .authors = gmt, .n_authors = 1,
                       .title = "DCW-GMT: The Digital Chart of the World for GMT",
                       .venue = "GitHub", .publisher = "Generic Mapping Tools",
                       .accessed = "2026-12-01", .url = "https://github.com/GenericMappingTools/dcw-gmt"},
        (expect){"@s",
                 "The GMT Team, " LQ "DCW-GMT: The Digital Chart of the World for GMT," RQ
                 " GitHub, Generic Mapping Tools, accessed 1 December 2026, "
                 "https://github.com/GenericMappingTools/dcw-gmt.",
                 "The GMT Team, " LQ "DCW-GMT." RQ, "@s, sec. 2", "The GMT Team, " LQ "DCW-GMT," RQ " sec. 2.",
                 "The GMT Team. " LQ "DCW-GMT: The Digital Chart of the World for GMT." RQ
                 " GitHub, Generic Mapping Tools. Accessed 1 December 2026. "
                 "https://github.com/GenericMappingTools/dcw-gmt."});
}

static void test_treaty(void)
{
    /* Bug 2: the treaty series was dropped. A treaty's name is roman. */
    pin("treaty with its series, volume and page",
        (brief_source){.type = SOURCE_TREATY, .title = "Convention Relating to the Status of Refugees",
                       .short_title = "Refugee Convention", .date = "1951-07-28",
                       .series = "U.N.T.S.", .volume = "189", .page = "137"},
        (expect){"@s, art. 33",
                 "Convention Relating to the Status of Refugees, 28 July 1951, 189 U.N.T.S. 137, "
                 "art. 33.",
                 "Refugee Convention.", "@s, art. 1", "Refugee Convention, art. 1.",
                 "Convention Relating to the Status of Refugees. 28 July 1951. 189 U.N.T.S. 137."});
    pin("treaty with a series only, and a venue",
        (brief_source){.type = SOURCE_TREATY, .title = "Protocol Relating to the Status of Refugees",
                       .short_title = "Refugee Protocol", .venue = "adopted by the General Assembly", .date = "1967",
                       .series = "U.N.T.S."},
        (expect){"@s, art. 2",
                 "Protocol Relating to the Status of Refugees, adopted by the General Assembly, "
                 "1967, U.N.T.S., art. 2.",
                 "Refugee Protocol.", "@s, art. 1", "Refugee Protocol, art. 1.",
                 "Protocol Relating to the Status of Refugees. Adopted by the General Assembly. "
                 "1967. U.N.T.S."});
}

static void test_un_document(void)
{
    pin("UN document with its symbol",
        (brief_source){.type = SOURCE_UN_DOCUMENT, .authors = hrc, .n_authors = 1,
                       .title = "Report of the Detailed Findings of the Commission of Inquiry",
                       .short_title = "COI Detailed Findings", .symbol = "A/HRC/25/CRP.1",
                       .place = "Geneva", .publisher = "United Nations", .date = "2014-02"},
        (expect){"@s, 130",
                 "UN Human Rights Council, *Report of the Detailed Findings of the Commission of "
                 "Inquiry*, A/HRC/25/CRP.1 (Geneva: United Nations, February 2014), 130.",
                 "UN Human Rights Council, *COI Detailed Findings*.", "@s, para. 4",
                 "UN Human Rights Council, *COI Detailed Findings*, para. 4.",
                 "UN Human Rights Council. *Report of the Detailed Findings of the Commission of "
                 "Inquiry*. A/HRC/25/CRP.1. Geneva: United Nations, February 2014."});
    /* Bug 3: a UN document's venue was dropped from its note. */
    pin("UN document with a venue",
        (brief_source){.type = SOURCE_UN_DOCUMENT, .authors = hrc, .n_authors = 1,
                       .title = "Report", .venue = "twenty-fifth session", .symbol = "A/HRC/25/63",
                       .date = "2014-02-07"},
        (expect){"@s",
                 "UN Human Rights Council, *Report*, twenty-fifth session, A/HRC/25/63 "
                 "(7 February 2014).",
                 "UN Human Rights Council, *Report*.", "@s, 3", "UN Human Rights Council, *Report*, 3.",
                 "UN Human Rights Council. *Report*. Twenty-fifth session. A/HRC/25/63. "
                 "7 February 2014."});
}

/* Several sources in one note: the prefix kept and capitalised, each
 * source in its own form, the period once at the end. */
static void test_shared_note(void)
{
    arena *a = arena_new();
    diag_list *d = diag_new();
    brief_source s[2] = {
        {.id = "lee", .type = SOURCE_TESTIMONY, .authors = lee, .n_authors = 1,
         .title = "North Korean Refugees", .date = "2023-06-13", .selected = true},
        {.id = "sey", .type = SOURCE_ARTICLE, .authors = seymour, .n_authors = 1,
         .title = "Well-founded fear", .publisher = "HRIC", .date = "2000", .selected = true},
    };
    brief b = {.path = "b.yaml", .sources = s, .n_sources = 2};
    cite_state cs;
    cite_init(&cs, a, &b);
    CHECK_STR(note(a, d, &cs, "see @lee; @sey, 3"),
              "See Jung-Hoon Lee, " LQ "North Korean Refugees," RQ " 13 June 2023; James D. Seymour, "
              LQ "Well-founded fear," RQ " HRIC, 2000, 3.",
              "two full notes in one note");
    CHECK_STR(note(a, d, &cs, "@sey; @lee"),
              "Seymour, " LQ "Well-founded fear" RQ "; Lee, " LQ "North Korean Refugees." RQ,
              "two short notes in one: the period only at the end");
    CHECK_INT(diag_count(d), 0, "no diagnostics");
    cite_fini(&cs);
    diag_free(d);
    arena_free(a);
}

int main(void)
{
    test_report();
    test_testimony();
    test_article();
    test_press_release();
    test_book();
    test_web();
    test_treaty();
    test_un_document();
    test_shared_note();
    return harness_done();
}
