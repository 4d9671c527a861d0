/*
 * pdf_graphics.c: rules (stroked lines), filled rectangles, images, and
 * the paths and markers of charts.
 * Images arrive decoded (src/image) and go in as raw 8-bit pixels, with
 * the alpha channel as a second raw gray image used as soft mask: that
 * way libharu's own PNG loader, which aborts on a corrupt file and never
 * compresses masks, is not involved. An image drawn twice is embedded once.
 *
 * A PNG whose rows src/image kept compressed goes in as they are, with
 * PNG's predictors: libharu has no call for Flate data made elsewhere (it
 * deflates every stream it flags, and drops /Filter from any it does
 * not), so the XObject is built from its parts, unflagged, and its own
 * write hook adds /Filter and /DecodeParms to its dictionary.
 */
#include <hpdf_doc.h>
#include <stdio.h>
#include <string.h>

#include "pdf/pdf_writer.h"

bool pdf_graphics_rule(pdf_writer *w, size_t page, const disp_item *it)
{
    HPDF_Page pg = w->pages[page];
    const disp_color *c = &it->color;
    double width = isfinite(it->u.rule.width) && it->u.rule.width > 0 ? it->u.rule.width : 0;
    return pdf_check(w, HPDF_Page_SetLineWidth(pg, pdf_real(width)),
                     "cannot set a line width of %g pt on page %zu", width, page + 1) &&
           pdf_check(w, HPDF_Page_SetRGBStroke(pg, pdf_unit(c->r), pdf_unit(c->g), pdf_unit(c->b)),
                     "cannot set the line colour on page %zu", page + 1) &&
           pdf_check(w, HPDF_Page_MoveTo(pg, pdf_real(it->u.rule.x0), pdf_real(it->u.rule.y0)),
                     "cannot draw a rule on page %zu", page + 1) &&
           pdf_check(w, HPDF_Page_LineTo(pg, pdf_real(it->u.rule.x1), pdf_real(it->u.rule.y1)),
                     "cannot draw a rule on page %zu", page + 1) &&
           pdf_check(w, HPDF_Page_Stroke(pg), "cannot draw a rule on page %zu", page + 1);
}

bool pdf_graphics_rect(pdf_writer *w, size_t page, const disp_item *it)
{
    HPDF_Page pg = w->pages[page];
    const disp_color *c = &it->color;
    return pdf_check(w, HPDF_Page_SetRGBFill(pg, pdf_unit(c->r), pdf_unit(c->g), pdf_unit(c->b)),
                     "cannot set the fill colour on page %zu", page + 1) &&
           pdf_check(w, HPDF_Page_Rectangle(pg, pdf_real(it->u.rect.x), pdf_real(it->u.rect.y),
                                            pdf_real(it->u.rect.w), pdf_real(it->u.rect.h)),
                     "cannot draw a box on page %zu", page + 1) &&
           pdf_check(w, HPDF_Page_Fill(pg), "cannot draw a box on page %zu", page + 1);
}

static bool opaque(const unsigned char *alpha, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (alpha[i] != 255)
            return false;
    return true;
}

/* Writes the filter of a stream that holds Flate data with PNG's row
 * predictors: called by libharu inside the dictionary as it writes it. */
static HPDF_STATUS png_filter(HPDF_Dict dict, HPDF_Stream stream)
{
    HPDF_Number width = HPDF_Dict_GetItem(dict, "Width", HPDF_OCLASS_NUMBER);
    HPDF_Name space = HPDF_Dict_GetItem(dict, "ColorSpace", HPDF_OCLASS_NAME);
    if (!width || !space)
        return HPDF_SetError(dict->error, HPDF_INVALID_OBJECT, 0);
    char text[160];
    snprintf(text, sizeof text,
             "/Filter /FlateDecode\012/DecodeParms << /Predictor 15 /Colors %d "
             "/BitsPerComponent 8 /Columns %d >>\012",
             strcmp(space->value, "DeviceGray") == 0 ? 1 : 3, (int)width->value);
    return HPDF_Stream_WriteStr(stream, text);
}

/* An image XObject of rows still compressed as the PNG held them. */
static HPDF_Image embed_compressed(pdf_writer *w, const image *img)
{
    HPDF_Dict x = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
    if (!x)
        return NULL;
    x->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
    x->filter = HPDF_STREAM_FILTER_NONE;       /* written as it is */
    x->write_fn = png_filter;
    if (HPDF_Dict_AddName(x, "Type", "XObject") != HPDF_OK ||
        HPDF_Dict_AddName(x, "Subtype", "Image") != HPDF_OK ||
        HPDF_Dict_AddNumber(x, "Width", img->width) != HPDF_OK ||
        HPDF_Dict_AddNumber(x, "Height", img->height) != HPDF_OK ||
        HPDF_Dict_AddName(x, "ColorSpace", img->channels == 1 ? "DeviceGray" : "DeviceRGB") !=
            HPDF_OK ||
        HPDF_Dict_AddNumber(x, "BitsPerComponent", 8) != HPDF_OK ||
        HPDF_Stream_Write(x->stream, img->zdata, (HPDF_UINT)img->zlen) != HPDF_OK)
        return NULL;
    return x;
}

/* The XObject of img, embedded on first use; NULL after reporting. */
static HPDF_Image embed(pdf_writer *w, size_t page, const image *img)
{
    for (size_t i = 0; i < w->n_images; i++)
        if (w->images[i].img == img)
            return w->images[i].xobj;
    if (img && img->zdata && img->zlen && !img->pixels && img->width > 0 && img->height > 0 &&
        (img->channels == 1 || img->channels == 3) && img->zlen < 0xFFFFFFFFu) {
        HPDF_Image xobj = embed_compressed(w, img);
        if (!pdf_check_ptr(w, xobj, "cannot embed a %dx%d image on page %zu", img->width,
                           img->height, page + 1))
            return NULL;
        struct pdf_embedded *e = ARENA_PUSH(w->a, w->images, w->n_images, w->cap_images);
        e->img = img;
        e->xobj = xobj;
        return xobj;
    }
    /* src/image refuses more than 100 megapixels; so do we, so that
     * libharu's unsigned size arithmetic cannot overflow. */
    if (!img || img->width <= 0 || img->height <= 0 || !img->pixels ||
        (img->channels != 1 && img->channels != 3) ||
        (double)img->width * img->height > 100e6) {
        diag_error(w->d, (src_loc){w->name, 0, 0},
                   "cannot embed an image on page %zu: it has no valid pixels", page + 1);
        return NULL;
    }
    HPDF_UINT iw = (HPDF_UINT)img->width, ih = (HPDF_UINT)img->height;
    HPDF_Image xobj = HPDF_LoadRawImageFromMem(w->pdf, img->pixels, iw, ih,
                                               img->channels == 1 ? HPDF_CS_DEVICE_GRAY
                                                                  : HPDF_CS_DEVICE_RGB, 8);
    if (!pdf_check_ptr(w, xobj, "cannot embed a %dx%d image on page %zu", img->width,
                       img->height, page + 1))
        return NULL;
    if (img->alpha && !opaque(img->alpha, (size_t)iw * ih)) {
        HPDF_Image mask = HPDF_LoadRawImageFromMem(w->pdf, img->alpha, iw, ih, HPDF_CS_DEVICE_GRAY, 8);
        if (!pdf_check_ptr(w, mask, "cannot embed the transparency of an image on page %zu", page + 1) ||
            !pdf_check(w, HPDF_Image_AddSMask(xobj, mask),
                       "cannot attach the transparency of an image on page %zu", page + 1))
            return NULL;
        /* SMask needs PDF 1.4, and libharu 2.3.0 leaves the header at 1.3. */
        if (w->pdf->pdf_version < HPDF_VER_14)
            w->pdf->pdf_version = HPDF_VER_14;
    }
    struct pdf_embedded *e = ARENA_PUSH(w->a, w->images, w->n_images, w->cap_images);
    e->img = img;
    e->xobj = xobj;
    return xobj;
}

bool pdf_graphics_image(pdf_writer *w, size_t page, const disp_item *it)
{
    if (!(it->u.image.w > 0) || !(it->u.image.h > 0))
        return true;           /* nothing visible */
    HPDF_Image xobj = embed(w, page, it->u.image.img);
    return xobj && pdf_check(w, HPDF_Page_DrawImage(w->pages[page], xobj, pdf_real(it->u.image.x),
                                                    pdf_real(it->u.image.y), pdf_real(it->u.image.w),
                                                    pdf_real(it->u.image.h)),
                             "cannot draw an image on page %zu", page + 1);
}

/* Chart lines: round joins and caps, so a polyline's corners and ends
 * look drawn, not cut. The graphics state is saved around each path so a
 * dash or join never leaks into later rules. libharu 2.3.0 takes dash
 * lengths in whole points. */
bool pdf_graphics_path(pdf_writer *w, size_t page, const disp_item *it)
{
    HPDF_Page pg = w->pages[page];
    const disp_color *c = &it->color;
    const double *p = it->u.path.pts;
    size_t n = it->u.path.n;
    if (n < 2 || !p)
        return true;
    bool fill = it->u.path.fill;
    double width = isfinite(it->u.path.width) && it->u.path.width > 0 ? it->u.path.width : 0;
    if (!pdf_check(w, HPDF_Page_GSave(pg), "cannot draw a chart on page %zu", page + 1))
        return false;
    bool ok = fill ? pdf_check(w, HPDF_Page_SetRGBFill(pg, pdf_unit(c->r), pdf_unit(c->g), pdf_unit(c->b)),
                               "cannot set a fill colour on page %zu", page + 1)
                   : pdf_check(w, HPDF_Page_SetRGBStroke(pg, pdf_unit(c->r), pdf_unit(c->g), pdf_unit(c->b)),
                               "cannot set a line colour on page %zu", page + 1) &&
                         pdf_check(w, HPDF_Page_SetLineWidth(pg, pdf_real(width)),
                                   "cannot set a line width on page %zu", page + 1) &&
                         pdf_check(w, HPDF_Page_SetLineJoin(pg, HPDF_ROUND_JOIN),
                                   "cannot set a line join on page %zu", page + 1) &&
                         pdf_check(w, HPDF_Page_SetLineCap(pg, HPDF_ROUND_END),
                                   "cannot set a line cap on page %zu", page + 1);
    if (ok && !fill && it->u.path.dash > 0) {
        double d = it->u.path.dash < 1 ? 1 : it->u.path.dash > 100 ? 100 : it->u.path.dash;
        HPDF_UINT16 pattern[2] = {(HPDF_UINT16)lround(d), (HPDF_UINT16)lround(d)};
        ok = pdf_check(w, HPDF_Page_SetDash(pg, pattern, 2, 0), "cannot set a dash on page %zu",
                       page + 1);
    }
    ok = ok && pdf_check(w, HPDF_Page_MoveTo(pg, pdf_real(p[0]), pdf_real(p[1])),
                         "cannot draw a chart on page %zu", page + 1);
    for (size_t i = 1; ok && i < n; i++)
        ok = pdf_check(w, HPDF_Page_LineTo(pg, pdf_real(p[2 * i]), pdf_real(p[2 * i + 1])),
                       "cannot draw a chart on page %zu", page + 1);
    if (ok)
        ok = fill ? pdf_check(w, HPDF_Page_ClosePath(pg), "cannot draw a chart on page %zu", page + 1) &&
                        pdf_check(w, HPDF_Page_Fill(pg), "cannot draw a chart on page %zu", page + 1)
                  : pdf_check(w, HPDF_Page_Stroke(pg), "cannot draw a chart on page %zu", page + 1);
    return pdf_check(w, HPDF_Page_GRestore(pg), "cannot draw a chart on page %zu", page + 1) && ok;
}

bool pdf_graphics_dot(pdf_writer *w, size_t page, const disp_item *it)
{
    HPDF_Page pg = w->pages[page];
    const disp_color *c = &it->color;
    double r = it->u.dot.r, ring = it->u.dot.ring;
    if (!(r > 0) || !isfinite(r))
        return true;
    bool ok = pdf_check(w, HPDF_Page_GSave(pg), "cannot draw a marker on page %zu", page + 1) &&
              pdf_check(w, HPDF_Page_SetRGBFill(pg, pdf_unit(c->r), pdf_unit(c->g), pdf_unit(c->b)),
                        "cannot set a fill colour on page %zu", page + 1);
    if (ok && ring > 0)
        ok = pdf_check(w, HPDF_Page_SetRGBStroke(pg, 1, 1, 1), "cannot set a line colour on page %zu",
                       page + 1) &&
             pdf_check(w, HPDF_Page_SetLineWidth(pg, pdf_real(ring)),
                       "cannot set a line width on page %zu", page + 1);
    ok = ok && pdf_check(w, HPDF_Page_Circle(pg, pdf_real(it->u.dot.x), pdf_real(it->u.dot.y), pdf_real(r)),
                         "cannot draw a marker on page %zu", page + 1) &&
         pdf_check(w, ring > 0 ? HPDF_Page_FillStroke(pg) : HPDF_Page_Fill(pg),
                   "cannot draw a marker on page %zu", page + 1);
    return pdf_check(w, HPDF_Page_GRestore(pg), "cannot draw a marker on page %zu", page + 1) && ok;
}
