/*
 * test_content_footnotes.c: footnote syntax (references, definitions with
 * continuation lines, inline notes), numbering, and the errors and
 * warnings at their exact places.
 */
#include "../harness.h"
#include "helpers.h"

static const doc_run *find_note_run(const doc_block *b, int number)
{
    for (const doc_block *c = b; c; c = c->next) {
        for (size_t i = 0; i < c->n_runs; i++)
            if (c->runs[i].kind == RUN_NOTE_REF && c->runs[i].note == number)
                return &c->runs[i];
        const doc_run *r = find_note_run(c->first, number);
        if (r)
            return r;
    }
    return NULL;
}

static const char *note_text(const doc *D, int n)
{
    const doc_block *p = D->notes[n - 1].first;
    return p && p->n_runs ? p->runs[0].text : "";
}

/* How many warnings say `text` at line:col (col 0: any column). */
static int warnings_at(const diag_list *d, const char *text, int line, int col)
{
    int n = 0;
    for (size_t i = 0; i < diag_count(d); i++) {
        const diag_entry *x = diag_get(d, i);
        n += x->severity == DIAG_WARNING && strstr(x->message, text) && x->loc.line == line &&
             (col == 0 || x->loc.col == col);
    }
    return n;
}

int main(void)
{
    arena *a = arena_new();
    diag_list *d = diag_new();
    char *dump = NULL;
    const char *md =
        "First call.[^b] Second call.[^a] Again b.[^b]\n"
        "One-word note.[^w] Numeric.[^1] Inline.^[An *inline* note.]\n"
        "\n"
        "[^a]: Note A, first paragraph.\n"
        "    still A.\n"
        "\n"
        "    A's second paragraph.\n"
        "[^b]: Note B.\n"
        "[^w]: Word\n"
        "[^1]: See\n"
        "\n"
        "- item with a note[^li]\n"
        "\n"
        "> quote with a note[^q]\n"
        "\n"
        "Code `[^a]` stays.\n"
        "\n"
        "[^li]: In a list.\n"
        "[^q]: In a quote.\n";
    doc *D = build_md(a, d, md, ".", &dump);
    CHECK(D != NULL, "footnotes build without errors");
    CHECK_INT(diag_count(d), 0, "no diagnostics");
    if (!D)
        return harness_done();
    CHECK_INT(D->n_notes, 7, "seven distinct notes");
    CHECK(note_text(D, 1) && strncmp(note_text(D, 1), "Note B.", 7) == 0,
          "notes are numbered in order of first call");
    CHECK(strncmp(note_text(D, 2), "Note A, first paragraph.", 24) == 0, "note 2 is A");
    int paras = 0;
    for (const doc_block *p = D->notes[1].first; p; p = p->next)
        paras++;
    CHECK_INT(paras, 2, "an indented continuation makes a second paragraph in the note");
    CHECK(strcmp(note_text(D, 3), "Word") == 0, "a one-word note survives cmark's link-definition trap");
    CHECK(strcmp(note_text(D, 4), "See") == 0, "a numeric label with a one-word note");
    CHECK(strcmp(note_text(D, 5), "An ") == 0 && D->notes[4].first->n_runs == 3,
          "an inline note keeps its markup");
    int calls_b = 0;
    for (size_t i = 0; i < D->root->first->n_runs; i++)
        calls_b += D->root->first->runs[i].kind == RUN_NOTE_REF && D->root->first->runs[i].note == 1;
    CHECK_INT(calls_b, 2, "a note called twice keeps one number");
    CHECK(strcmp(note_text(D, 6), "In a list.") == 0, "a note called in a list item");
    CHECK(strcmp(note_text(D, 7), "In a quote.") == 0, "a note called in a block quote");
    const doc_run *r = find_note_run(D->root, 2);
    CHECK(r && r->loc.line == 1 && r->loc.col == 29, "a call's position is its '[' (1:29)");
    r = find_note_run(D->root, 5);
    CHECK(r && r->loc.line == 2 && r->loc.col == 40, "an inline note's position is its '^' (2:40)");
    CHECK(strstr(dump, "text code \"[^a]\"") != NULL, "footnote syntax in a code span stays literal");
    free(dump);
    diag_free(d);

    /* Errors and warnings. */
    d = diag_new();
    const char *bad =
        "Text with an undefined note.[^missing]\n"
        "\n"
        "Near miss.[^alpha2]\n"
        "\n"
        "[^alpha]: Defined once.\n"
        "[^alpha]: Defined twice.\n"
        "[^unused]: Never called.\n";
    D = build_md(a, d, bad, ".", NULL);
    CHECK(D == NULL, "an undefined note stops the build");
    const diag_entry *e = first_diag(d, DIAG_ERROR);
    CHECK(e && strstr(e->message, "footnote '[^alpha]' is defined twice") && e->loc.line == 6 &&
              e->loc.col == 1,
          "a duplicate definition is an error at the second (6:1)");
    int undefined = 0, near = 0, unused = 0, notes = 0;
    for (size_t i = 0; i < diag_count(d); i++) {
        const diag_entry *x = diag_get(d, i);
        if (strstr(x->message, "'[^missing]' is not defined") && x->loc.line == 1 && x->loc.col == 29)
            undefined++;
        if (strstr(x->message, "'[^alpha2]' is not defined") && x->hint &&
            strstr(x->hint, "did you mean '[^alpha]'"))
            near++;
        if (x->severity == DIAG_WARNING && strstr(x->message, "'[^unused]' is defined but never used") &&
            x->loc.line == 7)
            unused++;
        if (x->severity == DIAG_NOTE && x->loc.line == 5)
            notes++;
    }
    CHECK_INT(undefined, 1, "an undefined note is an error at its line and column (1:29)");
    CHECK_INT(near, 1, "a near miss gets a did-you-mean hint");
    CHECK_INT(unused, 1, "an unused definition is a warning at its line");
    CHECK_INT(notes, 1, "the first definition is pointed at by a note");
    diag_free(d);

    /* Nested notes are refused. */
    d = diag_new();
    D = build_md(a, d, "Call.[^n]\n\n[^n]: Inner.[^m]\n[^m]: M.\n", ".", NULL);
    e = first_diag(d, DIAG_ERROR);
    CHECK(D == NULL && e && strstr(e->message, "cannot call another footnote") && e->loc.line == 3,
          "a note calling a note is an error in the note's line");
    diag_free(d);

    /* An inline note's body is set apart after the text: whatever block
     * it opens is closed before the next one, and the text's own blocks
     * keep their shape. */
    d = diag_new();
    D = build_md(a, d,
                 "One.^[<pre> not closed] Two.^[> a quote] Three.^[Plain *three*.]\n"
                 "\n"
                 "- last item^[In the list.]\n",
                 ".", NULL);
    CHECK(D && D->n_notes == 4, "four inline notes, each its own");
    if (D) {
        CHECK(strcmp(note_text(D, 3), "Plain ") == 0,
              "a note after one that opens an HTML block keeps its text");
        CHECK(D->notes[1].first && D->notes[1].first->kind == DOC_QUOTE,
              "a note that is a quote keeps it (one level, not two)");
        CHECK(strcmp(note_text(D, 4), "In the list.") == 0, "an inline note in a list item");
        CHECK(D->root->first && D->root->first->kind == DOC_PARAGRAPH && D->root->first->next &&
                  D->root->first->next->kind == DOC_LIST && !D->root->first->next->next,
              "the notes' bodies add no block to the text");
    }
    diag_free(d);

    /* A note inside a note: one error, not also a note left out. */
    d = diag_new();
    D = build_md(a, d, "Outer.^[Outer ^[inner] note.]\n", ".", NULL);
    e = first_diag(d, DIAG_ERROR);
    CHECK(D == NULL && e && strstr(e->message, "cannot contain another footnote") &&
              e->loc.line == 1 && e->loc.col == 15,
          "an inline note in an inline note is an error at its '^' (1:15)");
    CHECK_INT(diag_count(d), 1, "the error (and its hint), nothing more");
    diag_free(d);

    /* Where a note cannot be shown, it is said, not dropped. */
    d = diag_new();
    D = build_md(a, d, "See ![a map^[of 2000]](map.png) here.\n", ".", NULL);
    CHECK_INT(warnings_at(d, "inline note is left out", 1, 0), 1,
              "an inline note in an image's description is a warning");
    diag_free(d);

    /* A comment left open at the end is closed before the notes' text;
     * a comment opened in a note ends with the note. */
    d = diag_new();
    D = build_md(a, d, "One.^[<!-- in the note] Two.^[Kept.]\n\n<!-- never closed\n", ".", NULL);
    CHECK(D && D->n_notes == 2 && strcmp(note_text(D, 2), "Kept.") == 0,
          "notes after comments opened and left open keep their text");
    diag_free(d);

    /* A block left open after the call takes the note's text: said. */
    d = diag_new();
    D = build_md(a, d, "Call.^[lost text]\n\n<pre>\nnever closed\n", ".", NULL);
    CHECK_INT(warnings_at(d, "inline note's text is lost", 1, 6), 1,
              "an inline note taken in by an open HTML block is a warning at its call (1:6)");
    diag_free(d);
    arena_free(a);
    return harness_done();
}
