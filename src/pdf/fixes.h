/*
 * fixes.h: workarounds for libharu 2.3.0 faults that need its internals.
 * Each one is pinned by its own test in tests/pdf/, so a libharu upgrade
 * that changes the internals shows up at once.
 */
#ifndef BRIEFC_PDF_FIXES_H
#define BRIEFC_PDF_FIXES_H

#include <hpdf.h>
#include <stdbool.h>

/* Replaces the ToUnicode stream of a UTF-8 font: libharu attaches its
 * encoding CMap (a CID CMap with begincidrange), which poppler rejects;
 * this writes a valid identity bfrange CMap. */
bool pdf_fix_tounicode(HPDF_Font font);

/* A destination [page /XYZ x y null]: "keep the zoom". libharu's
 * HPDF_Destination_SetXYZ refuses a zoom of 0 and then poisons the
 * document with a sticky error. */
HPDF_Destination pdf_fix_dest_xyz(HPDF_Doc pdf, HPDF_Page page, double x, double y);

/* Writes raw operators into the page's content stream (for TJ: libharu
 * has no TJ call, and its word spacing does nothing for UTF-8 fonts). */
bool pdf_fix_write_raw(HPDF_Page page, const char *s);

/* SMask needs PDF 1.4, but libharu leaves the header at 1.3. */
void pdf_fix_version_14(HPDF_Doc pdf);

#endif
