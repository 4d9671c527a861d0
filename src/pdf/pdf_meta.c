/*
 * pdf_meta.c: the document information dictionary (Title, Author,
 * Subject, Creator, Producer, dates) and the UTF-8 clean-up every string
 * handed to libharu's UTF-8 encoder goes through; and the catalog's
 * /Lang, the document's language, which screen readers and text
 * extraction read. Dates come from the display list only, never from the
 * clock, so output is reproducible.
 */
#include <string.h>
#include <time.h>

#include <hpdf_doc.h>

#include "base/utf8.h"
#include "pdf/pdf_writer.h"

/* PDF strings are at most 65,535 bytes (libharu refuses longer ones and
 * the document with them): metadata and bookmarks are cut, with an
 * ellipsis, well before, however long the text they come from. */
#define MAX_TEXT_CHARS 4000

const char *pdf_meta_bmp_text(pdf_writer *w, const char *s)
{
    buf b;
    buf_init(&b);
    size_t len = strlen(s), chars = 0;
    for (size_t i = 0; i < len; chars++) {
        if (chars == MAX_TEXT_CHARS) {
            buf_puts(&b, "\xe2\x80\xa6");
            break;
        }
        bool valid;
        uint32_t cp = utf8_decode(s, len, &i, &valid);
        if (!valid || cp > 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            cp = UTF8_REPLACEMENT;
        char u[4];
        buf_append(&b, u, utf8_encode(cp, u));
    }
    const char *out = buf_to_arena(&b, w->a);
    buf_fini(&b);
    return out;
}

static bool set_text(pdf_writer *w, HPDF_InfoType type, const char *key, const char *value)
{
    if (!value)
        return true;
    return pdf_check(w, HPDF_SetInfoAttr(w->pdf, type, pdf_meta_bmp_text(w, value)),
                     "cannot set the document's %s", key);
}

/* created as a PDF date in UTC; false when it is out of PDF's range. */
static bool to_date(long long created, HPDF_Date *out)
{
    if (created < 0 || created > 253402300799LL)   /* up to 9999-12-31 23:59:59 */
        return false;
    time_t t = (time_t)created;
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        return false;
    /* '+' 00'00: the 'Z' indicator fails in libharu 2.3.0 and would
     * poison the document. */
    *out = (HPDF_Date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                       tm.tm_sec > 59 ? 59 : tm.tm_sec, '+', 0, 0};
    return true;
}

/* /Lang in the catalog: libharu 2.3.0 has no call for it, so the entry
 * is added to its catalog dictionary (a text string, PDF 1.4 14.9.2). */
static bool set_lang(pdf_writer *w, const char *lang)
{
    if (!lang)
        return true;
    HPDF_String s = HPDF_String_New(w->pdf->mmgr, lang, NULL);
    return pdf_check_ptr(w, s, "cannot write the document's language") &&
           pdf_check(w, HPDF_Dict_Add(w->pdf->catalog, "Lang", s),
                     "cannot set the document's language");
}

bool pdf_meta_set(pdf_writer *w)
{
    const display_doc *doc = w->doc;
    if (!set_lang(w, doc->lang))
        return false;
    /* Producer before the UTF-8 encoder is current: plain ASCII. */
    if (!pdf_check(w, HPDF_SetInfoAttr(w->pdf, HPDF_INFO_PRODUCER, "briefc"),
                   "cannot set the document's producer") ||
        !pdf_check(w, HPDF_SetCurrentEncoder(w->pdf, "UTF-8"),
                   "cannot select UTF-8 for the document information") ||
        !set_text(w, HPDF_INFO_TITLE, "title", doc->title) ||
        !set_text(w, HPDF_INFO_AUTHOR, "author", doc->author) ||
        !set_text(w, HPDF_INFO_SUBJECT, "subject", doc->subject) ||
        !set_text(w, HPDF_INFO_CREATOR, "creator", doc->creator))
        return false;
    if (doc->created < 0)
        return true;
    HPDF_Date date;
    if (!to_date(doc->created, &date)) {
        diag_warning(w->d, (src_loc){w->name, 0, 0},
                     "the creation date (%lld seconds after 1970) is out of range; "
                     "the PDF has no dates", doc->created);
        return true;
    }
    return pdf_check(w, HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE, date),
                     "cannot set the document's creation date") &&
           pdf_check(w, HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_MOD_DATE, date),
                     "cannot set the document's modification date");
}
