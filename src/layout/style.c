/*
 * style.c: the default style. Sizes follow common report practice: 10.5 pt
 * text on 14 pt leading for a measure of about 75 characters, notes two
 * points smaller, headings in the sans face.
 */
#include "layout/style.h"

#include <string.h>

void layout_style_default(layout_style *s, bool a4)
{
    memset(s, 0, sizeof *s);
    s->page_w = a4 ? 595.276 : 612.0;
    s->page_h = a4 ? 841.89 : 792.0;
    s->margin_top = 72.0;
    s->margin_bottom = 72.0;
    s->margin_left = 79.0;
    s->margin_right = 79.0;
    s->body_size = 10.5;
    s->body_leading = 14.5;
    s->note_size = 8.5;
    s->note_leading = 10.8;
    s->code_size = 8.5;
    s->code_leading = 11.0;
    /* Level 1 is the body's top level: the title above it is 24 pt. */
    static const double h[6] = {14.0, 12.0, 10.5, 10.5, 10.5, 10.5};
    for (int i = 0; i < 6; i++)
        s->heading_size[i] = h[i];
    s->para_skip = 6.0;
    s->list_indent = 18.0;
    s->quote_indent = 20.0;
    s->note_skip = 10.0;
    s->text = (disp_color){0.10, 0.10, 0.10};
    s->accent = (disp_color){0.05, 0.25, 0.45};
    s->muted = (disp_color){0.40, 0.40, 0.40};
    s->code_bg = (disp_color){0.95, 0.95, 0.94};
    s->rule = (disp_color){0.60, 0.60, 0.60};
}
