/*
 * lang.h: the words briefc itself writes into a document, one table per
 * language (lang.c): headings it generates, figure labels, folios, the
 * packet's front matter, the draft mark, the words of citations, and
 * the date format. Content picks the table by the brief's lang: and
 * hangs it on the document tree; layout reads it from there, never from
 * the brief. Templates hold {1} and {2} where their values go (filled by
 * doc_lang_fill), since languages order them differently.
 */
#ifndef BRIEFC_CONTENT_LANG_H
#define BRIEFC_CONTENT_LANG_H

#include "base/arena.h"

typedef struct doc_lang {
    const char *code;            /* BCP 47, the PDF's /Lang: en, ko, zh-Hans, zh-Hant */
    /* headings content generates, and layout's contents */
    const char *contents, *recommendations, *sources, *witness_list;
    const char *annex;           /* "Annex {1}: " before the annex's title */
    /* figures */
    const char *figure, *table;  /* "Figure {1}", "Table {1}" */
    const char *continued;       /* "{1} (continued)": a table's label on later pages */
    const char *note;            /* "Note: " before a figure's note */
    const char *source, *sources_label;   /* "Source: ", "Sources: " */
    /* folios and a packet's stamps */
    const char *folio;           /* "Page {1} of {2}" */
    const char *folio_alone;     /* "Page {1}": roman front matter, no total */
    const char *doc_page;        /* "{1}, p. {2}": a packet document's own page */
    /* a packet's front matter */
    const char *submitted;       /* "Submitted: " before a witness's document */
    const char *weekdays[7];     /* Sunday first */
    const char *hearing_day;     /* "{1}, {2}": weekday, date */
    const char *comma;           /* between a hearing's date and its time */
    const char *draft;           /* the draft mark's text */
    /* dates: {1} the day, {2} the month's name, {3} the year */
    const char *months[12];
    const char *date_dmy, *date_my, *date_y;
    /* names of authors in notes, the title block and the source list */
    const char *and_two;         /* between two: " and " */
    const char *and_last;        /* before the last of three or more: ", and " */
    const char *and_list;        /* between the others: ", " */
    const char *et_al;           /* "{1} et al.": four authors or more */
    /* citations (docs/CITATIONS.md) */
    const char *accessed;        /* "accessed {1}" in a note */
    const char *accessed_entry;  /* "Accessed {1}" in the source list */
    const char *number;          /* "no. {1}": a report's number in its series */
} doc_lang;

/* English: the words of a document that has no table (a bound PDF's
 * placeholder pages). */
const doc_lang *doc_lang_default(void);

/* tmpl with "{1}" replaced by a1 and "{2}" by a2 (NULL: left out). */
char *doc_lang_fill(arena *a, const char *tmpl, const char *a1, const char *a2);

/* A date in the language: "13 June 2023", "2023년 6월 13일",
 * "2023年6月13日"; month or day 0 when not given ("June 2023", "2023"). */
char *doc_lang_date(arena *a, const doc_lang *l, int year, int month, int day);

#endif
