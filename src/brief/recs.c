/*
 * recs.c: recommendations and the parties they address. addressees.yaml
 * maps each key to the heading its group gets; recommendations.yaml lists
 * recommendations, each addressed to one key. The brief's
 *   recommendations: {to: [keys, in order], select: all | [ids] | {tags: [...]}}
 * picks the groups and the recommendations in them.
 */
#include <string.h>

#include "brief/check.h"

static bool r_id(checker *c, const ynode *k, const ynode *v)
{
    if (brief_want_string(c, k, v, true))
        c->rec->id = v->text;
    return true;
}

static bool r_to(checker *c, const ynode *k, const ynode *v)
{
    if (brief_want_string(c, k, v, true))
        c->rec->to = v->text;
    return true;
}

/* Its text in the brief's language (or en, warned about if shown). */
static bool r_text(checker *c, const ynode *k, const ynode *v)
{
    bool fell_back;
    const ynode *t = brief_lang_text(c, k, v, &fell_back);
    if (!t || !brief_want_string(c, k, t, true))
        return true;
    c->rec_text = t;
    c->rec->text = t->text;
    c->rec->len = t->len;
    if (fell_back)
        c->rec->untranslated = t->loc;
    return true;
}

static bool r_sources(checker *c, const ynode *k, const ynode *v)
{
    if (v->kind != YNODE_SEQUENCE)
        return diag_error(c->d, v->loc, "'%s' must be a list of source ids", k->text);
    c->rec->has_sources = v->n > 0;
    c->rec->sources = arena_alloc(c->a, (v->n + 1) * sizeof *c->rec->sources);
    c->rec->source_locs = arena_alloc(c->a, (v->n + 1) * sizeof *c->rec->source_locs);
    for (size_t i = 0; i < v->n; i++)
        if (brief_want_string(c, k, v->items[i], true)) {
            c->rec->sources[c->rec->n_sources] = v->items[i]->text;
            c->rec->source_locs[c->rec->n_sources++] = v->items[i]->loc;
        }
    return true;
}

static bool r_tags(checker *c, const ynode *k, const ynode *v)
{
    brief_names(c, k, v, false, &c->rec->tags, &c->rec->n_tags);
    return true;
}

static const field rec_fields[] = {
    {"id", FIELD_ANY, true, r_id},
    {"to", FIELD_ANY, true, r_to},
    {"text", FIELD_ANY, true, r_text},
    {"sources", FIELD_ANY, false, r_sources},
    {"tags", FIELD_ANY, false, r_tags},
};

static const brief_addressee *addressee(const brief *b, const char *key)
{
    for (size_t i = 0; i < b->n_addressees; i++)
        if (strcmp(b->addressees[i].key, key) == 0)
            return &b->addressees[i];
    return NULL;
}

static void unknown_addressee(checker *c, const ynode *v)
{
    brief *b = c->b;
    diag_error(c->d, v->loc, "unknown addressee '%s'", v->text);
    const char **keys = arena_alloc(c->a, (b->n_addressees + 1) * sizeof *keys);
    for (size_t i = 0; i < b->n_addressees; i++)
        keys[i] = b->addressees[i].key;
    brief_hint_near(c, v->text, keys, b->n_addressees,
                    "addressees are defined in %s", brief_library_file(c, "addressees.yaml"));
}

static void load_addressees(checker *c)
{
    brief *b = c->b;
    const char *path = brief_library_file(c, "addressees.yaml");
    ynode *root = brief_read_yaml(c, path, c->recs->loc,
                                  "recommendations need the library's addressees.yaml", NULL, NULL);
    if (!root)
        return;
    if (root->kind != YNODE_MAPPING) {
        diag_error(c->d, root->loc, "addressees.yaml maps each key to its heading "
                                    "(china: To the Government of ...), not %s",
                   ynode_kind_name(root));
        return;
    }
    b->addressees = arena_alloc(c->a, (root->n + 1) * sizeof *b->addressees);
    for (size_t i = 0; i < root->n; i++) {
        bool fell_back;
        const ynode *h = brief_lang_text(c, root->keys[i], root->items[i], &fell_back);
        if (!h || !brief_want_string(c, root->keys[i], h, true))
            continue;
        brief_addressee *ad = &b->addressees[b->n_addressees++];
        ad->key = root->keys[i]->text;
        ad->heading = h->text;
        ad->loc = root->keys[i]->loc;
        ad->untranslated = fell_back ? h->loc : (src_loc){0};
    }
}

static void load_recs(checker *c)
{
    brief *b = c->b;
    const char *path = brief_library_file(c, "recommendations.yaml");
    const char *data;
    size_t len;
    ynode *root = brief_read_yaml(c, path, c->recs->loc,
                                  "recommendations come from the library's recommendations.yaml",
                                  &data, &len);
    if (!root)
        return;
    if (root->kind != YNODE_SEQUENCE) {
        diag_error(c->d, root->loc, "recommendations.yaml is a list ('- id: ...'), not %s",
                   ynode_kind_name(root));
        return;
    }
    b->recs = arena_alloc(c->a, (root->n + 1) * sizeof *b->recs);
    for (size_t i = 0; i < root->n; i++) {
        const ynode *e = root->items[i];
        if (e->kind != YNODE_MAPPING) {
            diag_error(c->d, e->loc, "a recommendation is a mapping of keys (id:, to:, text:, ...)");
            continue;
        }
        c->rec = &b->recs[b->n_recs];
        memset(c->rec, 0, sizeof *c->rec);
        c->rec->loc = e->loc;
        c->rec->file = path;
        c->rec_text = NULL;
        int errors = diag_error_count(c->d);
        brief_check_mapping(c, e, rec_fields, sizeof rec_fields / sizeof rec_fields[0],
                            "a recommendation");
        if (diag_error_count(c->d) > errors || !c->rec->id)
            continue;
        /* Positions in the text chosen (a mapping's entry) map back to it. */
        brief_markdown_offsets(data, len, c->rec_text, &c->rec->line_offset, &c->rec->col_offset);
        const ynode *to = ynode_get(e, "to");
        if (!addressee(b, c->rec->to)) {
            unknown_addressee(c, to);
            continue;
        }
        bool dup = false;
        for (size_t k = 0; k < b->n_recs && !dup; k++)
            if (strcmp(b->recs[k].id, c->rec->id) == 0) {
                const ynode *idn = ynode_get(e, "id");
                diag_error(c->d, idn->loc, "duplicate recommendation id '%s'", c->rec->id);
                diag_note(c->d, b->recs[k].loc, "'%s' is first defined here", c->rec->id);
                dup = true;
            }
        if (!dup)
            b->n_recs++;
    }
    c->rec = NULL;
}

static int source_index(const brief *b, const char *id)
{
    for (size_t i = 0; i < b->n_sources; i++)
        if (strcmp(b->sources[i].id, id) == 0)
            return (int)i;
    return -1;
}

/* Whether a recommendation appears in the brief: selected, and addressed
 * to one of its groups. */
static bool shown(const brief *b, const brief_rec *r)
{
    if (!r->selected)
        return false;
    for (size_t g = 0; g < b->n_groups; g++)
        if (strcmp(b->groups[g], r->to) == 0)
            return true;
    return false;
}

/* Every recommendation's sources: exist in the library (when the brief
 * loaded it); those of one the brief shows are selected by it, else one error
 * per source at the brief's select:, naming the recommendations. */
static void check_rec_sources(checker *c)
{
    brief *b = c->b;
    bool library = c->selection != NULL;
    if (library) {
        const char **ids = arena_alloc(c->a, (b->n_sources + 1) * sizeof *ids);
        for (size_t i = 0; i < b->n_sources; i++)
            ids[i] = b->sources[i].id;
        for (size_t r = 0; r < b->n_recs; r++)
            for (size_t k = 0; k < b->recs[r].n_sources; k++)
                if (source_index(b, b->recs[r].sources[k]) < 0) {
                    diag_error(c->d, b->recs[r].source_locs[k], "unknown source '%s'",
                               b->recs[r].sources[k]);
                    brief_hint_near(c, b->recs[r].sources[k], ids, b->n_sources,
                                    "the library's sources are defined in %s",
                                    brief_library_file(c, "sources.yaml"));
                }
    }
    for (size_t r = 0; r < b->n_recs; r++) {
        const brief_rec *rec = &b->recs[r];
        for (size_t k = 0; shown(b, rec) && k < rec->n_sources; k++) {
            const char *id = rec->sources[k];
            int i = source_index(b, id);
            if ((library && i < 0) || (i >= 0 && b->sources[i].selected))
                continue;
            /* Reported with the first recommendation that names it. */
            bool earlier = false;
            for (size_t q = 0; q < r && !earlier; q++)
                for (size_t m = 0; shown(b, &b->recs[q]) && m < b->recs[q].n_sources; m++)
                    if (strcmp(b->recs[q].sources[m], id) == 0)
                        earlier = true;
            for (size_t m = 0; m < k && !earlier; m++)
                if (strcmp(rec->sources[m], id) == 0)
                    earlier = true;
            if (earlier)
                continue;
            size_t others = 0;
            for (size_t q = r + 1; q < b->n_recs; q++)
                for (size_t m = 0; shown(b, &b->recs[q]) && m < b->recs[q].n_sources; m++)
                    if (strcmp(b->recs[q].sources[m], id) == 0) {
                        others++;
                        break;
                    }
            if (others)
                diag_error(c->d, b->recs_select_at, "recommendation '%s' (and %zu more) cites "
                           "source '%s', which this brief does not select", rec->id, others, id);
            else
                diag_error(c->d, b->recs_select_at, "recommendation '%s' cites source '%s', which "
                           "this brief does not select", rec->id, id);
            diag_note(c->d, rec->source_locs[k], "'%s' names '%s' among its sources here", rec->id, id);
            diag_hint(c->d, "add '%s' to the brief's 'sources:' list, or leave '%s' out of its "
                            "recommendations", id, rec->id);
        }
    }
}

/* Texts the brief shows in en for want of its language's: a
 * recommendation it shows, and the heading of a group that has one. */
static void untranslated(checker *c)
{
    brief *b = c->b;
    for (size_t i = 0; i < b->n_recs; i++) {
        const brief_rec *r = &b->recs[i];
        if (r->untranslated.file && shown(b, r))
            brief_lang_warn(c, r->untranslated,
                            arena_printf(c->a, "recommendation '%s'", r->id));
    }
    for (size_t g = 0; g < b->n_groups; g++) {
        const brief_addressee *ad = addressee(b, b->groups[g]);
        bool any = false;
        for (size_t i = 0; i < b->n_recs && !any; i++)
            any = shown(b, &b->recs[i]) && strcmp(b->recs[i].to, ad->key) == 0;
        bool before = false;   /* a group listed twice is warned about once */
        for (size_t k = 0; k < g && !before; k++)
            before = strcmp(b->groups[k], b->groups[g]) == 0;
        if (any && !before && ad->untranslated.file)
            brief_lang_warn(c, ad->untranslated,
                            arena_printf(c->a, "the heading of addressee '%s'", ad->key));
    }
}

static bool has_tag(const brief_rec *r, const ynode *tags)
{
    for (size_t i = 0; i < tags->n; i++)
        for (size_t k = 0; k < r->n_tags; k++)
            if (tags->items[i]->kind == YNODE_SCALAR && strcmp(r->tags[k], tags->items[i]->text) == 0)
                return true;
    return false;
}

void brief_load_recommendations(checker *c)
{
    brief *b = c->b;
    const ynode *v = c->recs;
    if (!v)
        return;
    if (v->kind != YNODE_MAPPING) {
        diag_error(c->d, v->loc, "'recommendations' is a mapping: to: [addressees] and select:");
        return;
    }
    for (size_t i = 0; i < v->n; i++) {
        const char *k = v->keys[i]->text;
        if (strcmp(k, "to") != 0 && strcmp(k, "select") != 0) {
            static const char *const keys[] = {"to", "select"};
            diag_error(c->d, v->keys[i]->loc, "unknown key '%s' in recommendations", k);
            brief_hint_near(c, k, keys, 2, "the keys are to and select");
        }
    }
    const ynode *select_key = ynode_get_key(v, "select");
    b->recs_select_at = select_key ? select_key->loc : c->recs_key ? c->recs_key->loc : v->loc;
    load_addressees(c);
    load_recs(c);
    const ynode *to = ynode_get(v, "to");
    if (!to || to->kind != YNODE_SEQUENCE) {
        diag_error(c->d, to ? to->loc : v->loc,
                   "'to' must list the addressees whose recommendations the brief makes, in order");
        return;
    }
    b->groups = arena_alloc(c->a, (to->n + 1) * sizeof *b->groups);
    for (size_t i = 0; i < to->n; i++) {
        const ynode *g = to->items[i];
        if (!brief_want_string(c, to, g, true))
            continue;
        if (!addressee(b, g->text)) {
            unknown_addressee(c, g);
            continue;
        }
        b->groups[b->n_groups++] = g->text;
    }
    const ynode *sel = ynode_get(v, "select");
    if (!sel || (sel->kind == YNODE_SCALAR && strcmp(sel->text, "all") == 0)) {
        for (size_t i = 0; i < b->n_recs; i++)
            b->recs[i].selected = true;
    } else if (sel->kind == YNODE_SEQUENCE) {
        const char **ids = arena_alloc(c->a, (b->n_recs + 1) * sizeof *ids);
        for (size_t i = 0; i < b->n_recs; i++)
            ids[i] = b->recs[i].id;
        for (size_t i = 0; i < sel->n; i++) {
            const ynode *s = sel->items[i];
            if (!brief_want_string(c, sel, s, true))
                continue;
            size_t k = 0;
            while (k < b->n_recs && strcmp(b->recs[k].id, s->text) != 0)
                k++;
            if (k == b->n_recs) {
                diag_error(c->d, s->loc, "unknown recommendation '%s'", s->text);
                brief_hint_near(c, s->text, ids, b->n_recs, NULL);
                continue;
            }
            b->recs[k].selected = true;
        }
    } else if (sel->kind == YNODE_MAPPING && ynode_get(sel, "tags") &&
               ynode_get(sel, "tags")->kind == YNODE_SEQUENCE) {
        for (size_t i = 0; i < b->n_recs; i++)
            b->recs[i].selected = has_tag(&b->recs[i], ynode_get(sel, "tags"));
    } else {
        diag_error(c->d, sel->loc, "'select' is all, a list of recommendation ids, or {tags: [...]}");
    }
    for (size_t i = 0; i < b->n_recs; i++)
        if (b->recs[i].selected && !b->recs[i].has_sources)
            diag_warning(c->d, b->recs[i].loc, "recommendation '%s' gives no source", b->recs[i].id);
    untranslated(c);
    check_rec_sources(c);
}
