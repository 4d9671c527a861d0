/*
 * packet.h: a hearing packet's model, the typed and validated form of a
 * packet file (a YAML file whose one top-level key is `packet:`): the
 * hearing's metadata, the witnesses by panel, and the documents in order,
 * each a brief to compile or a PDF made elsewhere to bind. The briefs and
 * PDFs themselves are read by later stages.
 */
#ifndef BRIEFC_BRIEF_PACKET_H
#define BRIEFC_BRIEF_PACKET_H

#include "brief/brief.h"

typedef enum { PACKET_DOC_BRIEF, PACKET_DOC_PDF } packet_doc_kind;

typedef struct packet_document {
    packet_doc_kind kind;
    const char *path;          /* resolved against the packet's folder */
    const char *file;          /* the path as the packet gives it, for messages */
    src_loc loc;               /* the list entry */
    src_loc path_loc;          /* the brief: or pdf: value */
    const char *id;            /* id: (witnesses refer to it), or NULL */
    const char *title;         /* required for a PDF; NULL: the brief's own title */
    const char *label;         /* the running reference; NULL: chosen later */
} packet_document;

typedef struct packet_witness {
    const char *name;
    const char **titles;       /* one line each */
    size_t n_titles;
    const char *organisation;  /* or NULL */
    int document;              /* index into the documents, -1: none */
    src_loc loc;
} packet_witness;

typedef struct packet_panel {
    const char *heading;
    packet_witness *witnesses;
    size_t n_witnesses;
    src_loc loc;
} packet_panel;

typedef struct brief_packet {
    const char *path, *dir;
    const char *title;
    const char *subtitle, *committee, *time, *location;   /* NULL when absent */
    bool has_date;
    int year, month, day;      /* as a brief's date */
    brief_paper paper;
    bool paper_given;
    brief_style style;         /* the packet's own pages */
    brief_lang lang;           /* lang:, else its style's, else en: the words of
                                * its front matter, folios and stamps */
    unsigned pdf_standard;     /* pdf-standard: (BRIEF_STD_*), else its style's */
    bool recto;                /* each document starts on a right-hand page */
    bool toc;                  /* the contents page (default true) */
    packet_panel *panels;
    size_t n_panels;
    packet_document *documents;
    size_t n_documents;
} brief_packet;

/* Whether the YAML file at path is a packet: its root mapping has a
 * `packet` key. Quiet: a broken file is left for the real load. */
bool brief_is_packet(arena *a, const char *path);

/* Loads and checks a packet; reports every problem to d at file:line:col
 * and returns NULL after any. `today` as for brief_load. */
brief_packet *brief_packet_load(arena *a, diag_list *d, const char *path, const char *today);

#endif
