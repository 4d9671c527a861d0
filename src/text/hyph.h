/*
 * hyph.h: where a word may be hyphenated, from Liang's patterns (Debian's
 * hyphen-en-us dictionary through libhyphen). Only Latin-script words are
 * hyphenated; Korean and Chinese never are.
 */
#ifndef BRIEFC_TEXT_HYPH_H
#define BRIEFC_TEXT_HYPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag/diag.h"

typedef struct text_hyph text_hyph;

/* The default English patterns' file. */
#define TEXT_HYPH_DEFAULT "/usr/share/hyphen/hyph_en_US.dic"

/* The patterns of a file, parsed when the first word needs them; each
 * word's answer is kept for the next time it is asked (the object may be
 * shared by threads: it has its own lock). When the file cannot be read
 * warns (text is then not hyphenated) and returns NULL. Free with
 * text_hyph_free. */
text_hyph *text_hyph_load(diag_list *d, const char *path);
void text_hyph_free(text_hyph *h);       /* text_hyph_free(NULL) is a no-op */

/* Minimum lengths, as TeX's \lefthyphenmin, \righthyphenmin and a minimum
 * word length: hyphens leave at least 2 letters before and 3 after, in
 * words of 5 letters or more. */
#define TEXT_HYPH_LEFT_MIN 2
#define TEXT_HYPH_RIGHT_MIN 3
#define TEXT_HYPH_WORD_MIN 5

/* For the word of n code points (letters only), sets after[i] to true
 * where a hyphen may follow letter i. Returns the number of places. A
 * word with capitals only (an acronym) or with letters outside the Latin
 * script gets none. after must hold n entries. */
size_t text_hyphenate(const text_hyph *h, const uint32_t *word, size_t n, bool *after);

#endif
