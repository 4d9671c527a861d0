/*
 * display.c: building and dumping the display list (see display.h).
 */
#include "layout/display.h"

#include <string.h>

#include "base/utf8.h"

display_doc *display_new(arena *a, double width, double height)
{
    display_doc *doc = arena_alloc(a, sizeof *doc);
    doc->width = width;
    doc->height = height;
    doc->created = -1;
    display_add_struct(a, doc, DISP_S_ARTIFACT, -1);
    display_add_struct(a, doc, DISP_S_DOCUMENT, -1);
    return doc;
}

disp_page *display_add_page(arena *a, display_doc *doc)
{
    disp_page *pg = ARENA_PUSH(a, doc->pages, doc->n_pages, doc->cap_pages);
    pg->width = doc->width;
    pg->height = doc->height;
    return pg;
}

disp_run *display_run_new(arena *a, size_t n)
{
    return arena_alloc(a, sizeof(disp_run) + n * sizeof(uint16_t));
}

disp_item *display_add_item(arena *a, disp_page *page, disp_kind kind)
{
    disp_item *it = ARENA_PUSH(a, page->items, page->n_items, page->cap_items);
    it->kind = kind;
    return it;
}

int display_add_dest(arena *a, display_doc *doc, int page, double x, double y)
{
    disp_dest *d = ARENA_PUSH(a, doc->dests, doc->n_dests, doc->cap_dests);
    d->page = page;
    d->x = x;
    d->y = y;
    return (int)doc->n_dests - 1;
}

void display_add_outline(arena *a, display_doc *doc, const char *title, int level, int dest)
{
    disp_outline *o = ARENA_PUSH(a, doc->outlines, doc->n_outlines, doc->cap_outlines);
    o->title = arena_strdup(a, title);
    o->level = level;
    o->dest = dest;
}

int display_add_face(arena *a, display_doc *doc, const char *path)
{
    /* No merging of equal paths: layout numbers faces as the text module
     * does, and two styles may share a file (display_append merges). */
    disp_face *f = ARENA_PUSH(a, doc->faces, doc->n_faces, doc->cap_faces);
    f->path = path;
    return (int)doc->n_faces - 1;
}

void display_add_label(arena *a, display_doc *doc, int page, bool roman, int first)
{
    disp_label *l = ARENA_PUSH(a, doc->labels, doc->n_labels, doc->cap_labels);
    *l = (disp_label){page, roman, first};
}

int display_add_struct(arena *a, display_doc *doc, disp_role role, int parent)
{
    disp_struct *s = ARENA_PUSH(a, doc->structs, doc->n_structs, doc->cap_structs);
    *s = (disp_struct){.role = role, .parent = parent};
    return (int)doc->n_structs - 1;
}

static int face_in(arena *a, display_doc *dst, const char *path)
{
    for (size_t i = 0; i < dst->n_faces; i++)
        if (strcmp(dst->faces[i].path, path) == 0)
            return (int)i;
    return display_add_face(a, dst, path);
}

size_t display_append(arena *a, display_doc *dst, const display_doc *src, int depth)
{
    int *face = arena_alloc(a, (src->n_faces + 1) * sizeof *face);
    for (size_t i = 0; i < src->n_faces; i++)
        face[i] = face_in(a, dst, src->faces[i].path);
    size_t first = dst->n_pages;
    int dest0 = (int)dst->n_dests;
    /* src's document becomes a part of dst's; its other elements follow
     * with their parents moved as they are. */
    int *tag = arena_alloc(a, (src->n_structs + 1) * sizeof *tag);
    for (size_t i = 0; i < src->n_structs; i++) {
        if (i == DISP_ARTIFACT) {
            tag[i] = DISP_ARTIFACT;
            continue;
        }
        const disp_struct *ss = &src->structs[i];
        int parent = ss->parent < 0 ? DISP_ROOT : tag[ss->parent];
        tag[i] = display_add_struct(a, dst, i == DISP_ROOT ? DISP_S_PART : ss->role, parent);
        disp_struct *ds = &dst->structs[tag[i]];
        ds->level = ss->level;
        ds->after = ss->after;
        ds->alt = ss->alt;
    }
    for (size_t i = 0; i < src->n_dests; i++)
        display_add_dest(a, dst, src->dests[i].page + (int)first, src->dests[i].x,
                         src->dests[i].y);
    for (size_t p = 0; p < src->n_pages; p++) {
        const disp_page *sp = &src->pages[p];
        disp_page *pg = ARENA_PUSH(a, dst->pages, dst->n_pages, dst->cap_pages);
        pg->width = sp->width;
        pg->height = sp->height;
        pg->bound = sp->bound > 0 && (size_t)sp->bound < src->n_structs ? tag[sp->bound] : 0;
        pg->n_items = pg->cap_items = sp->n_items;
        pg->items = arena_alloc(a, (sp->n_items + 1) * sizeof *pg->items);
        for (size_t i = 0; i < sp->n_items; i++) {
            disp_item *it = &pg->items[i];
            *it = sp->items[i];
            it->tag = it->tag > 0 && (size_t)it->tag < src->n_structs ? tag[it->tag] : 0;
            if (it->kind == DISP_TEXT && it->u.text.face >= 0 &&
                (size_t)it->u.text.face < src->n_faces)
                it->u.text.face = face[it->u.text.face];
            else if (it->kind == DISP_LINK && !it->u.link.uri && it->u.link.dest >= 0)
                it->u.link.dest += dest0;
        }
    }
    for (size_t i = 0; i < src->n_outlines; i++)
        display_add_outline(a, dst, src->outlines[i].title, src->outlines[i].level + depth,
                            src->outlines[i].dest < 0 ? -1 : src->outlines[i].dest + dest0);
    return first;
}

void display_drop_items(display_doc *doc)
{
    for (size_t p = 0; p < doc->n_pages; p++) {
        doc->pages[p].items = NULL;
        doc->pages[p].n_items = doc->pages[p].cap_items = 0;
    }
}

void display_own_texts(arena *a, display_doc *doc)
{
    for (size_t i = 0; i < doc->n_structs; i++)
        doc->structs[i].alt = arena_strdup(a, doc->structs[i].alt);
    for (size_t p = 0; p < doc->n_pages; p++)
        for (size_t i = 0; i < doc->pages[p].n_items; i++) {
            disp_item *it = &doc->pages[p].items[i];
            if (it->kind == DISP_LINK)
                it->u.link.uri = arena_strdup(a, it->u.link.uri);
        }
}

void display_dump(const display_doc *doc, FILE *out)
{
    fprintf(out, "document %.2f x %.2f, %zu pages\n", doc->width, doc->height, doc->n_pages);
    for (size_t p = 0; p < doc->n_pages; p++) {
        const disp_page *pg = &doc->pages[p];
        if (pg->width != doc->width || pg->height != doc->height)
            fprintf(out, "page %zu (%.2f x %.2f)\n", p + 1, pg->width, pg->height);
        else
            fprintf(out, "page %zu\n", p + 1);
        for (size_t i = 0; i < pg->n_items; i++) {
            const disp_item *it = &pg->items[i];
            switch (it->kind) {
            case DISP_TEXT: {
                fprintf(out, "  text f%d %.2f at %.2f,%.2f \"", it->u.text.face,
                        it->u.text.size, it->u.text.x, it->u.text.y);
                for (size_t g = 0; g < it->u.text.run->n_glyphs; g++) {
                    char u[4];
                    size_t n = utf8_encode(it->u.text.run->glyphs[g], u);
                    fwrite(u, 1, n, out);
                }
                fputc('"', out);
                if (it->u.text.angle != 0)
                    fprintf(out, " rot %.2f", it->u.text.angle);
                if (it->u.text.opacity > 0 && it->u.text.opacity < 100)
                    fprintf(out, " opacity %.2f", it->u.text.opacity / 100.0);
                if (it->u.text.mark)
                    fputs(" mark", out);
                fputc('\n', out);
                break;
            }
            case DISP_RULE:
                fprintf(out, "  rule %.2f,%.2f-%.2f,%.2f w%.2f\n", it->u.rule.x0, it->u.rule.y0,
                        it->u.rule.x1, it->u.rule.y1, it->u.rule.width);
                break;
            case DISP_RECT:
                fprintf(out, "  rect %.2f,%.2f %.2fx%.2f\n", it->u.rect.x, it->u.rect.y,
                        it->u.rect.w, it->u.rect.h);
                break;
            case DISP_IMAGE:
                fprintf(out, "  image %.2f,%.2f %.2fx%.2f (%dx%d px)\n", it->u.image.x,
                        it->u.image.y, it->u.image.w, it->u.image.h, it->u.image.img->width,
                        it->u.image.img->height);
                break;
            case DISP_PATH:
                fprintf(out, "  path%s w%.2f dash%.2f", it->u.path.fill ? " fill" : "",
                        it->u.path.width, it->u.path.dash);
                for (size_t k = 0; k < it->u.path.n; k++)
                    fprintf(out, " %.2f,%.2f", it->u.path.pts[2 * k], it->u.path.pts[2 * k + 1]);
                fputc('\n', out);
                break;
            case DISP_DOT:
                fprintf(out, "  dot %.2f,%.2f r%.2f ring%.2f\n", it->u.dot.x, it->u.dot.y,
                        it->u.dot.r, it->u.dot.ring);
                break;
            case DISP_LINK:
                if (it->u.link.uri)
                    fprintf(out, "  link %.2f,%.2f %.2fx%.2f uri %s\n", it->u.link.x, it->u.link.y,
                            it->u.link.w, it->u.link.h, it->u.link.uri);
                else
                    fprintf(out, "  link %.2f,%.2f %.2fx%.2f dest %d\n", it->u.link.x,
                            it->u.link.y, it->u.link.w, it->u.link.h, it->u.link.dest);
                break;
            }
        }
    }
    for (size_t i = 0; i < doc->n_labels; i++)
        fprintf(out, "labels from page %d: %s from %d\n", doc->labels[i].page + 1,
                doc->labels[i].roman ? "roman" : "decimal", doc->labels[i].first);
    for (size_t i = 0; i < doc->n_outlines; i++)
        fprintf(out, "outline %d \"%s\" -> dest %d\n", doc->outlines[i].level,
                doc->outlines[i].title, doc->outlines[i].dest);
    /* The files behind f0, f1, ...: what bench/floor.c loads to draw the
     * same glyphs with libharu alone. */
    for (size_t i = 0; i < doc->n_faces; i++)
        fprintf(out, "face %zu %s\n", i, doc->faces[i].path ? doc->faces[i].path : "");
}
