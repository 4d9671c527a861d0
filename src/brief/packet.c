/*
 * packet.c: a packet file checked against its schema into the packet
 * model (see packet.h), with the brief's checker (check.h): a table of
 * keys per mapping, did-you-mean hints, every error at its node, and
 * checking that goes on after an error so one run reports every problem.
 */
#include "brief/packet.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/file.h"
#include "brief/check.h"
#include "brief/ynode.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct packet_check {
    brief_packet *p;
    packet_document *doc;      /* the document entry being checked */
    const ynode *doc_key;      /* its brief: or pdf: key, once seen */
    packet_witness *witness;   /* the witness being checked */
    packet_panel *panel;
    struct witness_ref {
        const ynode *v;        /* a witness's document: value */
        packet_witness *w;
    } *refs;                   /* resolved once every id is known */
    size_t n_refs, cap_refs;
};

static bool text_into(checker *c, const ynode *k, const ynode *v, bool non_empty, const char **out)
{
    if (brief_want_string(c, k, v, non_empty) && v->len)
        *out = v->text;
    return true;
}

/* ---- the hearing's metadata ---- */

static bool p_title(checker *c, const ynode *k, const ynode *v)
{
    return text_into(c, k, v, true, &c->pk->p->title);
}

static bool p_subtitle(checker *c, const ynode *k, const ynode *v)
{
    return text_into(c, k, v, false, &c->pk->p->subtitle);
}

static bool p_committee(checker *c, const ynode *k, const ynode *v)
{
    return text_into(c, k, v, true, &c->pk->p->committee);
}

static bool p_time(checker *c, const ynode *k, const ynode *v)
{
    return text_into(c, k, v, true, &c->pk->p->time);
}

static bool p_location(checker *c, const ynode *k, const ynode *v)
{
    return text_into(c, k, v, true, &c->pk->p->location);
}

/* Date, paper and style go through the brief's own handlers, into the
 * checker's scratch brief, and are copied over at the end. */
static bool p_style(checker *c, const ynode *k, const ynode *v)
{
    (void)k;
    brief_load_style(c, v);
    return true;
}

static bool p_pdf_standard(checker *c, const ynode *k, const ynode *v)
{
    if (brief_check_pdf_standard(c, k, v, &c->b->pdf_standard))
        c->std_given = true;
    return true;
}

static bool p_lang(checker *c, const ynode *k, const ynode *v)
{
    if (brief_check_lang(c, k, v, &c->b->lang))
        c->lang_given = true;
    return true;
}

static bool p_recto(checker *c, const ynode *k, const ynode *v)
{
    brief_want_bool(c, k, v, &c->pk->p->recto);
    return true;
}

static bool p_toc(checker *c, const ynode *k, const ynode *v)
{
    brief_want_bool(c, k, v, &c->pk->p->toc);
    return true;
}

/* ---- documents ---- */

static bool has_suffix(const char *s, const char *const *suffixes, size_t n)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(suffixes[i]);
        if (len > k && strcasecmp(s + len - k, suffixes[i]) == 0)
            return true;
    }
    return false;
}

static bool outside(checker *c, const ynode *v, const char *why)
{
    diag_error(c->d, v->loc, "a packet's documents must be inside its folder; '%s' %s", v->text,
               why);
    diag_hint(c->d, "put the file under %s and give its path from there", c->root);
    return false;
}

/* The file a document names: inside the packet's folder, a regular
 * file (a FIFO would block the compile), of the right kind. */
static const char *document_path(checker *c, const ynode *k, const ynode *v, bool pdf)
{
    static const char *const yaml[] = {".yaml", ".yml"};
    static const char *const pdfs[] = {".pdf"};
    if (!brief_want_string(c, k, v, true))
        return NULL;
    if (strlen(v->text) != v->len) {
        diag_error(c->d, v->loc, "'%s' must be the path of a file", k->text);
        return NULL;
    }
    if (v->text[0] == '/') {
        outside(c, v, "is an absolute path");
        return NULL;
    }
    char *path = file_join(c->a, c->pk->p->dir, v->text);
    char real[PATH_MAX];
    if (!realpath(path, real)) {
        if (brief_climbs_out(v->text))
            outside(c, v, "leads out of it");
        else
            diag_error(c->d, v->loc, "cannot open '%s': %s", path, strerror(errno));
        return NULL;
    }
    if (!brief_inside_root(c, real)) {
        outside(c, v, "leads out of it");
        return NULL;
    }
    struct stat sb;
    if (stat(real, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        diag_error(c->d, v->loc, "'%s' is not a regular file", v->text);
        return NULL;
    }
    if (!has_suffix(v->text, pdf ? pdfs : yaml, pdf ? 1 : 2)) {
        diag_error(c->d, v->loc, pdf ? "'%s' must name a PDF file (.pdf)"
                                     : "'%s' must name a brief (a .yaml file)",
                   v->text);
        diag_hint(c->d, pdf ? "a brief to compile goes under 'brief:'"
                            : "a PDF made elsewhere goes under 'pdf:', with a 'title:'");
        return NULL;
    }
    return path;
}

/* A document takes one file: the first of brief:/pdf: claims it. */
static bool claim_document(checker *c, const ynode *k)
{
    if (c->pk->doc_key) {
        diag_error(c->d, k->loc, "give either 'brief:' or 'pdf:', not both");
        diag_note(c->d, c->pk->doc_key->loc, "'%s' is given here", c->pk->doc_key->text);
        return false;
    }
    c->pk->doc_key = k;
    return true;
}

static bool d_brief(checker *c, const ynode *k, const ynode *v)
{
    if (!claim_document(c, k))
        return true;
    packet_document *pd = c->pk->doc;
    pd->kind = PACKET_DOC_BRIEF;
    pd->path_loc = v->loc;
    pd->file = v->text;
    pd->path = document_path(c, k, v, false);
    if (!pd->path)
        return true;
    char a[PATH_MAX], b[PATH_MAX];
    if ((realpath(pd->path, a) && realpath(c->pk->p->path, b) && strcmp(a, b) == 0) ||
        brief_is_packet(c->a, pd->path)) {
        diag_error(c->d, v->loc, "'%s' is a packet: a packet cannot contain a packet", v->text);
        diag_hint(c->d, "list that packet's documents here instead");
        pd->path = NULL;
    }
    return true;
}

static bool d_pdf(checker *c, const ynode *k, const ynode *v)
{
    if (!claim_document(c, k))
        return true;
    packet_document *pd = c->pk->doc;
    pd->kind = PACKET_DOC_PDF;
    pd->path_loc = v->loc;
    pd->file = v->text;
    pd->path = document_path(c, k, v, true);
    return true;
}

static bool d_id(checker *c, const ynode *k, const ynode *v)
{
    if (!brief_want_string(c, k, v, true))
        return true;
    brief_packet *p = c->pk->p;
    for (size_t i = 0; i < p->n_documents; i++)
        if (p->documents[i].id && strcmp(p->documents[i].id, v->text) == 0) {
            diag_error(c->d, v->loc, "two documents have the id '%s'", v->text);
            diag_note(c->d, p->documents[i].loc, "the first is here");
            return true;
        }
    c->pk->doc->id = v->text;
    return true;
}

static bool d_title(checker *c, const ynode *k, const ynode *v)
{
    return text_into(c, k, v, true, &c->pk->doc->title);
}

static bool d_label(checker *c, const ynode *k, const ynode *v)
{
    return text_into(c, k, v, true, &c->pk->doc->label);
}

static const field document_fields[] = {
    {"brief", FIELD_ANY, false, d_brief},
    {"pdf", FIELD_ANY, false, d_pdf},
    {"id", FIELD_ANY, false, d_id},
    {"title", FIELD_ANY, false, d_title},
    {"label", FIELD_ANY, false, d_label},
};

static bool p_documents(checker *c, const ynode *k, const ynode *v)
{
    (void)k;
    brief_packet *p = c->pk->p;
    if (v->n == 0)
        return diag_error(c->d, v->loc, "'documents' is empty: a packet binds at least one");
    p->documents = arena_alloc(c->a, v->n * sizeof *p->documents);
    for (size_t i = 0; i < v->n; i++) {
        const ynode *e = v->items[i];
        if (e->kind != YNODE_MAPPING) {
            diag_error(c->d, e->loc, "a document is a mapping ('- brief: FILE.yaml' or "
                                     "'- pdf: FILE.pdf'), not %s", ynode_kind_name(e));
            continue;
        }
        packet_document *pd = &p->documents[p->n_documents];
        *pd = (packet_document){.loc = e->loc};
        c->pk->doc = pd;
        c->pk->doc_key = NULL;
        int errors = diag_error_count(c->d);
        brief_check_mapping(c, e, document_fields, COUNT(document_fields), "a document");
        if (!c->pk->doc_key) {
            diag_error(c->d, e->loc, "a document needs 'brief:' (a brief to compile) or 'pdf:' "
                                     "(a PDF made elsewhere)");
        } else if (pd->kind == PACKET_DOC_PDF && !pd->title) {
            diag_error(c->d, c->pk->doc_key->loc, "a PDF needs a 'title:' for the contents");
            diag_hint(c->d, "add 'title: ...' to this document, as it should be listed");
        }
        if (diag_error_count(c->d) == errors)
            p->n_documents++;
    }
    c->pk->doc = NULL;
    return true;
}

/* ---- witnesses ---- */

static bool w_name(checker *c, const ynode *k, const ynode *v)
{
    return text_into(c, k, v, true, &c->pk->witness->name);
}

static bool w_title(checker *c, const ynode *k, const ynode *v)
{
    packet_witness *w = c->pk->witness;
    brief_names(c, k, v, true, &w->titles, &w->n_titles);
    return true;
}

static bool w_organisation(checker *c, const ynode *k, const ynode *v)
{
    return text_into(c, k, v, true, &c->pk->witness->organisation);
}

static bool w_document(checker *c, const ynode *k, const ynode *v)
{
    if (!brief_want_string(c, k, v, true))
        return true;
    struct packet_check *pk = c->pk;
    struct witness_ref *r = ARENA_PUSH(c->a, pk->refs, pk->n_refs, pk->cap_refs);
    *r = (struct witness_ref){v, pk->witness};
    return true;
}

static const field witness_fields[] = {
    {"name", FIELD_ANY, true, w_name},
    {"title", FIELD_TEXT_OR_LIST, false, w_title},
    {"organisation", FIELD_ANY, false, w_organisation},
    {"document", FIELD_ANY, false, w_document},
};

static bool pn_heading(checker *c, const ynode *k, const ynode *v)
{
    return text_into(c, k, v, true, &c->pk->panel->heading);
}

static bool pn_people(checker *c, const ynode *k, const ynode *v)
{
    (void)k;
    packet_panel *pn = c->pk->panel;
    if (v->n == 0)
        return diag_error(c->d, v->loc, "'people' is empty: a panel lists at least one witness");
    pn->witnesses = arena_alloc(c->a, v->n * sizeof *pn->witnesses);
    for (size_t i = 0; i < v->n; i++) {
        const ynode *e = v->items[i];
        if (e->kind != YNODE_MAPPING) {
            diag_error(c->d, e->loc, "a witness is a mapping (name:, title:, organisation:, "
                                     "document:), not %s", ynode_kind_name(e));
            continue;
        }
        packet_witness *w = &pn->witnesses[pn->n_witnesses++];
        *w = (packet_witness){.loc = e->loc, .document = -1};
        c->pk->witness = w;
        brief_check_mapping(c, e, witness_fields, COUNT(witness_fields), "a witness");
    }
    c->pk->witness = NULL;
    return true;
}

static const field panel_fields[] = {
    {"panel", FIELD_ANY, true, pn_heading},
    {"people", FIELD_LIST, true, pn_people},
};

static bool p_witnesses(checker *c, const ynode *k, const ynode *v)
{
    (void)k;
    brief_packet *p = c->pk->p;
    p->panels = arena_alloc(c->a, (v->n + 1) * sizeof *p->panels);
    for (size_t i = 0; i < v->n; i++) {
        const ynode *e = v->items[i];
        if (e->kind != YNODE_MAPPING) {
            diag_error(c->d, e->loc, "a panel is a mapping (panel: HEADING, people: [...]), "
                                     "not %s", ynode_kind_name(e));
            continue;
        }
        packet_panel *pn = &p->panels[p->n_panels++];
        *pn = (packet_panel){.loc = e->loc};
        c->pk->panel = pn;
        brief_check_mapping(c, e, panel_fields, COUNT(panel_fields), "a panel");
    }
    c->pk->panel = NULL;
    return true;
}

static const field packet_fields[] = {
    {"title", FIELD_ANY, true, p_title},
    {"subtitle", FIELD_ANY, false, p_subtitle},
    {"committee", FIELD_ANY, false, p_committee},
    {"date", FIELD_TEXT, false, brief_check_date},
    {"time", FIELD_ANY, false, p_time},
    {"location", FIELD_ANY, false, p_location},
    {"paper", FIELD_TEXT, false, brief_check_paper},
    {"style", FIELD_ANY, false, p_style},
    {"recto", FIELD_ANY, false, p_recto},
    {"toc", FIELD_ANY, false, p_toc},
    {"lang", FIELD_ANY, false, p_lang},
    {"pdf-standard", FIELD_ANY, false, p_pdf_standard},
    {"witnesses", FIELD_LIST, false, p_witnesses},
    {"documents", FIELD_LIST, true, p_documents},
};

static bool f_packet(checker *c, const ynode *k, const ynode *v)
{
    (void)k;
    brief_check_mapping(c, v, packet_fields, COUNT(packet_fields), "a packet");
    return true;
}

static const field root_fields[] = {
    {"packet", FIELD_MAPPING, true, f_packet},
};

/* Witnesses name documents by id: resolved once every id is known. */
static void resolve_witnesses(checker *c)
{
    struct packet_check *pk = c->pk;
    brief_packet *p = pk->p;
    const char **ids = arena_alloc(c->a, (p->n_documents + 1) * sizeof *ids);
    size_t n_ids = 0;
    for (size_t i = 0; i < p->n_documents; i++)
        if (p->documents[i].id)
            ids[n_ids++] = p->documents[i].id;
    for (size_t i = 0; i < pk->n_refs; i++) {
        const ynode *v = pk->refs[i].v;
        size_t k = 0;
        while (k < p->n_documents && !(p->documents[k].id && strcmp(p->documents[k].id, v->text) == 0))
            k++;
        if (k < p->n_documents) {
            pk->refs[i].w->document = (int)k;
            continue;
        }
        diag_error(c->d, v->loc, "no document of this packet has the id '%s'", v->text);
        brief_hint_near(c, v->text, ids, n_ids,
                        "give the document this witness submitted 'id: %s'", v->text);
    }
}

bool brief_is_packet(arena *a, const char *path)
{
    char *data;
    size_t len;
    if (!file_read(a, path, YNODE_MAX_BYTES, &data, &len))
        return false;
    diag_list *quiet = diag_new();
    bool empty;
    ynode *root = ynode_load(a, quiet, path, data, len, &empty);
    diag_free(quiet);
    return root && root->kind == YNODE_MAPPING && ynode_get(root, "packet") != NULL;
}

brief_packet *brief_packet_load(arena *a, diag_list *d, const char *path, const char *today)
{
    int errors = diag_error_count(d);
    char *data;
    size_t len;
    ynode *root = brief_read_root(a, d, path, "packet", "'packet:' with 'title' and 'documents'",
                                  "packet:", &data, &len);
    if (!root)
        return NULL;
    brief_packet *p = arena_alloc(a, sizeof *p);
    p->path = arena_strdup(a, path);
    p->dir = file_dirname(a, path);
    p->toc = true;
    /* The scratch brief takes what the brief's own handlers set. */
    brief *b = arena_alloc(a, sizeof *b);
    b->path = p->path;
    b->dir = p->dir;
    struct packet_check pk = {.p = p};
    checker *c = arena_alloc(a, sizeof *c);
    *c = (checker){.a = a, .d = d, .b = b, .today = today, .data = data, .len = len, .pk = &pk};
    if (!realpath(p->dir, c->root))
        snprintf(c->root, sizeof c->root, "%s", p->dir);
    brief_check_mapping(c, root, root_fields, COUNT(root_fields), "a packet file");
    resolve_witnesses(c);
    p->has_date = b->has_date;
    p->year = b->year;
    p->month = b->month;
    p->day = b->day;
    p->paper = b->paper;
    p->paper_given = b->paper_given;
    p->style = b->style;
    p->lang = c->lang_given || !b->style.has_lang ? b->lang : b->style.lang;
    p->pdf_standard = c->std_given || !b->style.has_pdf_standard ? b->pdf_standard
                                                                  : b->style.pdf_standard;
    return diag_error_count(d) > errors ? NULL : p;
}
