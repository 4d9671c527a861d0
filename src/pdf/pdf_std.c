/*
 * pdf_std.c: what a file claiming PDF/UA-1 or PDF/A-2 carries beyond the
 * tags every file has: the XMP metadata stream that names the standards
 * (pdfaid, pdfuaid) and repeats the information dictionary (dc:title,
 * dc:creator, xmp dates, pdf:Producer), an sRGB output intent (the pages
 * paint in DeviceRGB), the file /ID, and the version 1.7 header both
 * standards are written against. libharu's own PDF/A call writes a
 * misspelt XMP and an /ID from the clock (shared/research/libraries.md),
 * so none of it is used: the objects are built here.
 */
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "pdf/pdf_writer.h"

/* ---- the sRGB profile ---- */

static void be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static void be16(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

static uint32_t s15f16(double v)
{
    return (uint32_t)(int32_t)lround(v * 65536.0);
}

/* An XYZType tag's data at p: 20 bytes. */
static size_t xyz(unsigned char *p, double x, double y, double z)
{
    memcpy(p, "XYZ ", 4);
    be32(p + 4, 0);
    be32(p + 8, s15f16(x));
    be32(p + 12, s15f16(y));
    be32(p + 16, s15f16(z));
    return 20;
}

#define TRC_POINTS 256

/* A minimal ICC version 2.1 display profile of sRGB (IEC 61966-2-1):
 * the colorants adapted to D50 as the ICC's own sRGB profile has them,
 * and the sRGB transfer curve sampled at 256 points. Made here rather
 * than shipped, so the repository carries no third-party profile. */
static size_t srgb_profile(unsigned char *p)
{
    static const char desc[] = "sRGB IEC61966-2.1";
    static const char cprt[] = "No copyright, use freely";
    enum { N_TAGS = 9 };
    memset(p, 0, 128);
    be32(p + 8, 0x02100000);
    memcpy(p + 12, "mntr", 4);
    memcpy(p + 16, "RGB ", 4);
    memcpy(p + 20, "XYZ ", 4);
    be16(p + 24, 2026);   /* a fixed date: the same bytes every time */
    be16(p + 26, 1);
    be16(p + 28, 1);
    memcpy(p + 36, "acsp", 4);
    be32(p + 68, s15f16(0.9642));
    be32(p + 72, s15f16(1.0));
    be32(p + 76, s15f16(0.8249));
    size_t at = 128 + 4 + 12 * N_TAGS;
    be32(p + 128, N_TAGS);
    unsigned char *table = p + 132;
    size_t k = 0;
#define TAG(sig, len)                                   \
    do {                                                \
        memcpy(table + 12 * k, sig, 4);                 \
        be32(table + 12 * k + 4, (uint32_t)start);      \
        be32(table + 12 * k + 8, (uint32_t)(len));      \
        k++;                                            \
    } while (0)
    size_t start = at;
    /* textDescriptionType: ASCII, then empty Unicode and ScriptCode parts. */
    memcpy(p + at, "desc", 4);
    memset(p + at + 4, 0, 4);
    be32(p + at + 8, sizeof desc);
    memcpy(p + at + 12, desc, sizeof desc);
    size_t n = 12 + sizeof desc;
    memset(p + at + n, 0, 4 + 4 + 2 + 1 + 67);
    n += 4 + 4 + 2 + 1 + 67;
    TAG("desc", n);
    at = (at + n + 3) & ~(size_t)3;
    start = at;
    memcpy(p + at, "text", 4);
    memset(p + at + 4, 0, 4);
    memcpy(p + at + 8, cprt, sizeof cprt);
    n = 8 + sizeof cprt;
    TAG("cprt", n);
    at = (at + n + 3) & ~(size_t)3;
    /* The white point (D50), then sRGB's primaries adapted to it. */
    static const struct {
        char sig[5];
        double x, y, z;
    } points[] = {{"wtpt", 0.9642, 1.0, 0.8249},
                  {"rXYZ", 0.4361, 0.2225, 0.0139},
                  {"gXYZ", 0.3851, 0.7169, 0.0971},
                  {"bXYZ", 0.1431, 0.0606, 0.7141}};
    for (size_t i = 0; i < sizeof points / sizeof *points; i++) {
        start = at;
        at += xyz(p + at, points[i].x, points[i].y, points[i].z);
        TAG(points[i].sig, 20);
    }
    /* One curve shared by the three channels. */
    start = at;
    memcpy(p + at, "curv", 4);
    memset(p + at + 4, 0, 4);
    be32(p + at + 8, TRC_POINTS);
    for (int i = 0; i < TRC_POINTS; i++) {
        double v = i / (double)(TRC_POINTS - 1);
        double lin = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
        be16(p + at + 12 + 2 * i, (uint32_t)lround(lin * 65535.0));
    }
    n = 12 + 2 * TRC_POINTS;
    TAG("rTRC", n);
    TAG("gTRC", n);
    TAG("bTRC", n);
#undef TAG
    at += n;
    be32(p, (uint32_t)at);
    return at;
}

#define PROFILE_MAX (128 + 4 + 12 * 9 + 128 + 48 + 5 * 20 + 12 + 2 * TRC_POINTS + 16)

static bool output_intent(pdf_writer *w)
{
    HPDF_MMgr mm = w->pdf->mmgr;
    unsigned char icc[PROFILE_MAX] = {0};   /* the padding between tags too */
    size_t len = srgb_profile(icc);
    HPDF_Dict prof = HPDF_DictStream_New(mm, w->pdf->xref);
    HPDF_Dict oi = HPDF_Dict_New(mm);
    HPDF_Array arr = HPDF_Array_New(mm);
    if (!prof || !oi || !arr)
        return false;
    prof->filter = HPDF_STREAM_FILTER_NONE;
    const char *cond = "sRGB IEC61966-2.1";
    return HPDF_Dict_AddNumber(prof, "N", 3) == HPDF_OK &&
           HPDF_Stream_Write(prof->stream, icc, (HPDF_UINT)len) == HPDF_OK &&
           HPDF_Dict_AddName(oi, "Type", "OutputIntent") == HPDF_OK &&
           HPDF_Dict_AddName(oi, "S", "GTS_PDFA1") == HPDF_OK &&
           HPDF_Dict_Add(oi, "OutputConditionIdentifier", HPDF_String_New(mm, cond, NULL)) ==
               HPDF_OK &&
           HPDF_Dict_Add(oi, "Info", HPDF_String_New(mm, cond, NULL)) == HPDF_OK &&
           HPDF_Dict_Add(oi, "RegistryName", HPDF_String_New(mm, "http://www.color.org", NULL)) ==
               HPDF_OK &&
           HPDF_Dict_Add(oi, "DestOutputProfile", prof) == HPDF_OK &&
           HPDF_Array_Add(arr, oi) == HPDF_OK &&
           HPDF_Dict_Add(w->pdf->catalog, "OutputIntents", arr) == HPDF_OK;
}

/* ---- XMP ---- */

static void xml_text(buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': buf_puts(b, "&amp;"); break;
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        default:
            /* Control characters are no XML. */
            if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n')
                buf_putc(b, *s);
        }
    }
}

/* The creation date as XMP writes it, the same instant as the Info
 * dictionary's D:...+00'00' (pdf_meta.c); false without one. */
static bool xmp_date(long long created, char *out, size_t size)
{
    if (created < 0 || created > 253402300799LL)
        return false;
    time_t t = (time_t)created;
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        return false;
    snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d+00:00", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec > 59 ? 59 : tm.tm_sec);
    return true;
}

static void xmp_alt(buf *b, const char *name, const char *text)
{
    buf_printf(b, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", name);
    xml_text(b, text);
    buf_printf(b, "</rdf:li></rdf:Alt></%s>\n", name);
}

/* PDF/A-2 knows pdfuaid only when the file describes its schema. */
static const char ua_schema[] =
    "  <rdf:Description rdf:about=\"\"\n"
    "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
    "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
    "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
    "   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
    "    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
    "    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
    "    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
    "    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
    "     <pdfaProperty:name>part</pdfaProperty:name>\n"
    "     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
    "     <pdfaProperty:category>internal</pdfaProperty:category>\n"
    "     <pdfaProperty:description>Indicates, which part of ISO 14289 standard is "
    "followed</pdfaProperty:description>\n"
    "    </rdf:li></rdf:Seq></pdfaSchema:property>\n"
    "   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
    "  </rdf:Description>\n";

static bool metadata(pdf_writer *w)
{
    const display_doc *doc = w->doc;
    const pdf_standard *std = w->std;
    buf b;
    buf_init(&b);
    buf_puts(&b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                 "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                 " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                 "  <rdf:Description rdf:about=\"\"\n"
                 "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                 "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                 "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                 "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
                 "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
                 "   <dc:format>application/pdf</dc:format>\n");
    /* The same texts as the Info dictionary, cleaned the same way. */
    if (doc->title)
        xmp_alt(&b, "dc:title", pdf_meta_bmp_text(w, doc->title));
    if (doc->author) {
        buf_puts(&b, "   <dc:creator><rdf:Seq><rdf:li>");
        xml_text(&b, pdf_meta_bmp_text(w, doc->author));
        buf_puts(&b, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    if (doc->subject)
        xmp_alt(&b, "dc:description", pdf_meta_bmp_text(w, doc->subject));
    if (doc->lang) {
        buf_puts(&b, "   <dc:language><rdf:Bag><rdf:li>");
        xml_text(&b, doc->lang);
        buf_puts(&b, "</rdf:li></rdf:Bag></dc:language>\n");
    }
    buf_puts(&b, "   <pdf:Producer>briefc</pdf:Producer>\n");
    if (doc->creator) {
        buf_puts(&b, "   <xmp:CreatorTool>");
        xml_text(&b, pdf_meta_bmp_text(w, doc->creator));
        buf_puts(&b, "</xmp:CreatorTool>\n");
    }
    char date[40];
    if (xmp_date(doc->created, date, sizeof date))
        buf_printf(&b,
                   "   <xmp:CreateDate>%s</xmp:CreateDate>\n"
                   "   <xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                   "   <xmp:MetadataDate>%s</xmp:MetadataDate>\n",
                   date, date, date);
    if (std->pdfa2)
        buf_printf(&b,
                   "   <pdfaid:part>2</pdfaid:part>\n"
                   "   <pdfaid:conformance>%c</pdfaid:conformance>\n",
                   std->pdfa2);
    if (std->ua1)
        buf_puts(&b, "   <pdfuaid:part>1</pdfuaid:part>\n");
    buf_puts(&b, "  </rdf:Description>\n");
    if (std->ua1 && std->pdfa2)
        buf_puts(&b, ua_schema);
    buf_puts(&b, " </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    HPDF_Dict m = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
    bool ok = m;
    if (ok) {
        /* Uncompressed, as PDF/A asks, so any tool can find it. */
        m->filter = HPDF_STREAM_FILTER_NONE;
        ok = HPDF_Dict_AddName(m, "Type", "Metadata") == HPDF_OK &&
             HPDF_Dict_AddName(m, "Subtype", "XML") == HPDF_OK &&
             HPDF_Stream_Write(m->stream, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len) ==
                 HPDF_OK &&
             HPDF_Dict_Add(w->pdf->catalog, "Metadata", m) == HPDF_OK;
    }
    buf_fini(&b);
    return ok;
}

/* ---- the file ID ---- */

void pdf_std_hash(pdf_writer *w, const void *data, size_t len)
{
    const unsigned char *p = data;
    /* Two FNV-1a hashes from different offsets: 128 bits of the pages'
     * content, so equal pages give an equal ID and nothing else does. */
    unsigned long long h0 = w->id_hash[0] ? w->id_hash[0] : 0xcbf29ce484222325ULL;
    unsigned long long h1 = w->id_hash[1] ? w->id_hash[1] : 0x84222325cbf29ce4ULL;
    for (size_t i = 0; i < len; i++) {
        h0 = (h0 ^ p[i]) * 0x100000001b3ULL;
        h1 = (h1 ^ p[i] ^ 0x5a) * 0x100000001b3ULL;
    }
    w->id_hash[0] = h0;
    w->id_hash[1] = h1;
}

static bool file_id(pdf_writer *w)
{
    const display_doc *doc = w->doc;
    char meta[64];
    snprintf(meta, sizeof meta, "%zu %lld", doc->n_pages, doc->created);
    pdf_std_hash(w, meta, strlen(meta));
    if (doc->title)
        pdf_std_hash(w, doc->title, strlen(doc->title));
    unsigned char id[16];
    for (int i = 0; i < 8; i++) {
        id[i] = (unsigned char)(w->id_hash[0] >> (56 - 8 * i));
        id[8 + i] = (unsigned char)(w->id_hash[1] >> (56 - 8 * i));
    }
    HPDF_MMgr mm = w->pdf->mmgr;
    HPDF_Array arr = HPDF_Array_New(mm);
    return arr && HPDF_Array_Add(arr, HPDF_Binary_New(mm, id, 16)) == HPDF_OK &&
           HPDF_Array_Add(arr, HPDF_Binary_New(mm, id, 16)) == HPDF_OK &&
           HPDF_Dict_Add(w->pdf->trailer, "ID", arr) == HPDF_OK;
}

bool pdf_std_write(pdf_writer *w)
{
    const pdf_standard *std = w->std;
    if (!std->ua1 && !std->pdfa2)
        return true;
    w->pdf->pdf_version = HPDF_VER_17;
    return pdf_check(w, metadata(w) ? HPDF_OK : HPDF_INVALID_OBJECT,
                     "cannot write the XMP metadata") &&
           pdf_check(w, output_intent(w) ? HPDF_OK : HPDF_INVALID_OBJECT,
                     "cannot write the sRGB output intent") &&
           pdf_check(w, file_id(w) ? HPDF_OK : HPDF_INVALID_OBJECT, "cannot write the file ID");
}
