/* cd-docx-private.h — internals shared by the docx files: the
 * WordprocessingML helpers (cd-docx-wml.c) and the package's parts
 * (cd-docx-package.c) used by the engine (cd-docx.c) and the form filler
 * (cd-docx-form.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/tree.h>

#include "cd-docx.h"

G_BEGIN_DECLS

#define CD_W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

gboolean  cd_w_is          (const xmlNode *node,
                            const char    *local);
/* Appends every descendant element w:@local of @root (document order). */
void      cd_w_collect     (xmlNode       *root,
                            const char    *local,
                            GPtrArray     *out);
/* Appends the w:t of @node, without descending into nested paragraphs
 * (text boxes), which are paragraphs of their own. */
void      cd_w_collect_t   (xmlNode       *node,
                            GPtrArray     *out);
/* Sets a w:t's text; '\n' becomes <w:br/> and a new w:t in the same run,
 * so the following lines keep the run's formatting. */
void      cd_w_set_t_text  (xmlNode       *t,
                            const char    *text);
/* Text of a paragraph (its own runs, not nested paragraphs). */
char     *cd_w_para_text   (xmlNode       *p);
/* Replaces the paragraph's text with @text (lines split by '\n'),
 * keeping the formatting of its first run. */
void      cd_w_para_set_text (xmlNode     *p,
                              const char  *text);
/* Nearest ancestor element w:@local of @node, or NULL. */
xmlNode  *cd_w_ancestor    (xmlNode       *node,
                            const char    *local);
/* The parsed part @name (marked modified), NULL if absent. */
xmlDoc   *cd_docx_package_xml (CdDocxPackage *pkg,
                               const char    *name,
                               GError       **error);
/* A deep copy of @node to insert under @dest_parent, reusing the
 * namespace declarations in scope there (xmlDocCopyNode would repeat
 * xmlns:w on the copy). NULL when libxml2 runs out of memory: callers
 * check it. */
xmlNode  *cd_w_clone       (xmlNode       *node,
                            xmlNode       *dest_parent);
/* Adds to run @r's properties each property of the w:rPr @from that it
 * lacks (a run's own font is kept), in schema order; with @skip_emphasis,
 * bold and italic are not taken (a header's bold, a note's italic). */
void      cd_w_rpr_merge   (xmlNode       *r,
                            xmlNode       *from,
                            gboolean       skip_emphasis);
/* The w:rPr of the first run under @node with visible text, or NULL. */
xmlNode  *cd_w_first_text_rpr (xmlNode    *node);
/* Turns on the flag property w:@local (cantSplit, tblHeader) of a row. */
void      cd_w_row_set     (xmlNode       *tr,
                            const char    *local);
void      cd_w_row_unset   (xmlNode       *tr,
                            const char    *local);
/* Turns on the flag property w:@local (keepNext, keepLines…) of a
 * paragraph. */
void      cd_w_para_set    (xmlNode       *p,
                            const char    *local);
/* Keeps the end of a list with what follows it (keep-with-next on the
 * last two rows and on the paragraphs up to the signature's table), so
 * the signature and "Nơi nhận" never stand alone on the last page. */
void      cd_w_keep_table_end_with_next (xmlNode *tbl);
/* Sets the "not enough memory" error for building @part (a part name
 * such as word/document.xml). */
void      cd_docx_set_no_memory (GError    **error,
                                 const char *part);
/* Whether libxml2 failed an allocation on this thread since the last
 * xmlResetLastError(): its tree calls (copies, text of a node) then
 * return NULL or lose text without saying so otherwise. */
gboolean  cd_docx_out_of_memory (void);
/* Names of the parts holding text: document, headers, footers. */
GPtrArray *cd_docx_text_parts (CdDocxPackage *pkg);

/* ---- The Sở's form's list table (cd-docx-form.c), shared by the form
 * filler and the reader (cd-docx-form-read.c) ---------------------------- */

/* Accent-free, lower-case, words separated by one space: "Số CCCD/CMND"
 * → "so cccd cmnd". */
char      *cd_form_normalise (const char *text);
/* The grid columns a cell covers (w:gridSpan), at least 1. */
guint      cd_form_cell_span (xmlNode *tc);
/* A row's own cells (also inside content controls), not a nested table's. */
GPtrArray *cd_form_row_cells (xmlNode *tr);
/* A table's own rows. */
GPtrArray *cd_form_table_rows (xmlNode *tbl);
/* A cell's text, paragraphs and line breaks as single spaces, trimmed. */
char      *cd_form_cell_text (xmlNode *tc);
/* A row numbered in its first cell ("1", "2.") and blank elsewhere (dots
 * and "…" count as blank): a line the form left for the clerk. */
gboolean   cd_form_row_is_blank_numbered (xmlNode *tr);

typedef struct {
  xmlNode   *tbl;
  xmlNode   *header;      /* the header row */
  xmlNode   *sub_header;  /* the row under a two-row header, or NULL */
  GPtrArray *columns;     /* CdFormColumn by grid column, owned */
} CdFormTable;

/* Finds the list table: the table whose header (one of its first three
 * rows) names at least three known columns, one of them Họ và tên. With
 * @kind, a revocation table is preferred for revocations and a request
 * table otherwise; with @prefer_filled, the table with the most filled
 * rows (a form read back). FALSE when there is none. */
gboolean   cd_form_find_table  (xmlDoc      *doc,
                                const char  *kind,
                                gboolean     prefer_filled,
                                CdFormTable *out);
void       cd_form_table_clear (CdFormTable *table);

G_END_DECLS
