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
/* The document's default run properties (word/styles.xml), against
 * which text inserted into a form takes the form's look
 * (cd-docx-look.c). */
typedef struct _CdDocxLook CdDocxLook;
/* Reads @pkg's styles (a form without any has Word's built-in defaults). */
CdDocxLook *cd_docx_look_new  (CdDocxPackage *pkg);
void        cd_docx_look_free (CdDocxLook    *look);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdDocxLook, cd_docx_look_free)
/* cd_w_rpr_merge() of @from into run @r, where a face (per script) or a
 * size of @r's that only restates the default of its paragraph's style
 * or the document's (as LibreOffice writes into a blank cell) counts as
 * not given, so @from's wins; @look may be NULL (no defaults known). */
void        cd_docx_look_apply (CdDocxLook   *look,
                                xmlNode      *r,
                                xmlNode      *from,
                                gboolean      skip_emphasis);
/* Writes into paragraph @p the spacing (before, after, line) that its
 * style, the style's bases or the document's defaults give it, where @p
 * sets none of its own: moved into a table, it would take the table
 * style's spacing over the document's defaults. */
void        cd_docx_look_keep_spacing (CdDocxLook *look,
                                       xmlNode    *p);
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
/* The child w:@local (spacing, ind…) of @p's w:pPr, added empty in the
 * schema's order when @p has none; NULL only when out of memory. */
xmlNode  *cd_w_para_prop   (xmlNode       *p,
                            const char    *local);
/* Moves what follows @tbl in the body — a form's closing lines and
 * signature, up to the section's end — into a new last row of @tbl: one
 * borderless cell across the table, never split. LibreOffice keeps a
 * split table's rows marked keep-with-next together but not the table's
 * end with the paragraph after it, so only a signature inside the table
 * stays with the last person's row. Returns the new row, or NULL
 * (nothing moved) when @tbl is nested, nothing with text follows, or
 * what follows is long or holds a page or section break. */
xmlNode  *cd_w_table_take_tail (xmlNode *tbl);
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

/* ---- The Sở's form's list table (cd-docx-form.c; the header's fields:
 * cd-docx-form-fields.c), shared by the form filler and the reader
 * (cd-docx-form-read.c) ---------------------------------------------------- */

/* Accent-free, lower-case, words separated by one space: "Số CCCD/CMND"
 * → "so cccd cmnd". */
char      *cd_form_normalise (const char *text);
/* Whether @needle's words stand as whole words in @hay, both normalised
 * (cd_form_normalise): " tt " does not match inside "thong tin". */
gboolean   cd_form_has_words (const char *hay,
                              const char *needle);
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

/* The same knowledge on a row's cells given as texts (cd_form_cell_text)
 * and grid spans, for the streamed reader (cd-docx-form-read.c). */
gboolean   cd_form_texts_blank_numbered   (GPtrArray    *texts);
/* Maps a header row into @out_columns (CdFormColumn by grid column);
 * returns the number of known columns, 0 when Họ và tên is not one. */
guint      cd_form_map_header_texts       (GPtrArray    *texts,
                                           const guint  *spans,
                                           GPtrArray   **out_columns);
/* Names the columns of @columns a second header row covers; FALSE when
 * it names no new one (the list's first row, not a header). */
gboolean   cd_form_merge_sub_header_texts (GPtrArray    *texts,
                                           const guint  *spans,
                                           GPtrArray    *columns);

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
void       cd_form_table_free  (CdFormTable *table);
/* Every list table of @doc, in document order: each table one of whose
 * first three rows names at least three known columns (what
 * cd_form_find_table accepts), with its best such row as the header.
 * Element type CdFormTable. With @places, appends each one's place among
 * all the tables of @doc (guint, from 0). */
GPtrArray *cd_form_list_tables (xmlDoc      *doc,
                                GArray      *places);
CdFormSort cd_form_columns_sort       (GPtrArray  *columns);
/* Whether a list of @sort takes the rows of @kind: 2 when it is of
 * @kind's sort, 1 when it may be (either), 0 when it is of the other. */
guint      cd_form_sort_serves        (CdFormSort  sort,
                                       const char *kind);
/* Whether the Sở's form @doc has a list for @kind, @picked being the
 * table cd_form_find_table() chose for it: FALSE with
 * CD_DOCS_ERROR_WRONG_LIST when every list of the form is of the other
 * sort (a request made on a form holding only a revocation list, or the
 * other way round), naming the kinds the form does make. A kind with no
 * list of its own (cd_doc_kinds), or none, is never refused. */
gboolean   cd_form_check_kind (xmlDoc            *doc,
                               const char        *kind,
                               const CdFormTable *picked,
                               GError           **error);
/* "No placeholders and no list table" (CD_DOCS_ERROR_NOT_TEMPLATE). */
void       cd_form_set_no_table_error (GError    **error);
typedef struct _CdDocxRows CdDocxRows;   /* below */
/* Fills the list table @ft (its columns taken) with @ctx's people, or
 * @rows_out's stand-ins, in @ctx's look; the frame is left as it is.
 * With @narrow, a check: see cd_form_fit_sizes. Returns the columns. */
GPtrArray *cd_form_fill_table  (CdFormTable         *ft,
                                CdDocxLook          *defaults,
                                const CdDocContext  *ctx,
                                CdDocxRows          *rows_out,
                                GPtrArray           *narrow,
                                GError             **error);
/* ---- Numbers kept whole in narrow columns (cd-docx-fit.c) ----------- */

/* For each of @columns (CdFormColumn) holding numbers that must not
 * break (CCCD, dates, phone, serial): the size in half-points its filled
 * cells in row @model of @tbl take so that its widest value fits at the
 * form's size (@look's w:sz), never below 10 pt; 0 where it fits as it
 * is. Each column adjusted is told in @ctx's notes and, with @narrow
 * (a check: a serial is then judged by a typical one), added to it as a
 * CdFormNarrowColumn. */
GArray    *cd_form_fit_sizes     (xmlNode            *tbl,
                                  xmlNode            *model,
                                  GPtrArray          *columns,
                                  xmlNode            *look,
                                  const CdDocContext *ctx,
                                  GPtrArray          *narrow);
/* Sets every run of cell @tc to @half_points (w:sz, w:szCs); 0: no change. */
void       cd_form_cell_set_size (xmlNode            *tc,
                                  guint               half_points);
/* Fits the list table of the row @model, repeated per person, to the
 * widest word of each of its cells' values (@cell_fields: per cell of
 * @model, a GPtrArray of the names of its placeholders), measured over
 * @ctx's people and, for a paged list, its widest serial. With @widen
 * (a built-in list, whose widths are CertDesk's), a column lacking room
 * is widened first with room from columns of text, which wrap at spaces,
 * then from other columns' spare room. What still does not fit, in a
 * column of numbers, is set smaller in @model, never below 10 pt, and
 * told in @ctx's notes. */
void       cd_docx_fit_list_row  (xmlNode            *model,
                                  GPtrArray          *cell_fields,
                                  const CdDocContext *ctx,
                                  gboolean            widen);
/* Whether @pkg was read from a folder of unpacked parts: a built-in
 * template, whose layout CertDesk owns. */
gboolean   cd_docx_package_is_builtin (CdDocxPackage *pkg);

/* ---- Repeated rows written per person (cd-docx-rows.c) -------------- */

typedef struct _CdDocxRows CdDocxRows;
typedef struct _CdZipWriter CdZipWriter;

/* How a value is changed before it is written. */
typedef enum {
  CD_DOCX_VALUE_PLAIN       = 0,
  CD_DOCX_VALUE_STRIP_CR    = 1 << 0,  /* '\r' becomes a space */
  CD_DOCX_VALUE_EMAIL_BREAK = 1 << 1,  /* cd_docx_breakable_email() */
} CdDocxValueFlags;

/* The rows of a fill of @ctx (borrowed: it must outlive the rows). */
CdDocxRows *cd_docx_rows_new        (const CdDocContext *ctx);
void        cd_docx_rows_free       (CdDocxRows         *rows);
/* How many copies of a repeated row to fill with stand-ins and mark:
 * min(number of people, 3). */
guint       cd_docx_rows_copies     (const CdDocxRows   *rows);
/* Text standing for the value of @field, whoever the row is written
 * for; NULL when @field is not a placeholder of the vocabulary. */
char       *cd_docx_rows_stand_in   (CdDocxRows         *rows,
                                     const char         *field,
                                     CdDocxValueFlags    flags);
/* Marks @copies of one repeated row of @part (filled with stand-ins, in
 * the tree, adjacent, in table order) to be written per person. FALSE
 * when libxml2 ran out of memory. */
gboolean    cd_docx_rows_mark       (CdDocxRows         *rows,
                                     const char         *part,
                                     xmlNode           **copies,
                                     guint               n_copies);
/* Whether @part holds marked rows. */
gboolean    cd_docx_rows_has_part   (const CdDocxRows   *rows,
                                     const char         *part);
/* Writes @part, serialised with its marks (@xml, @len), as one entry of
 * @zw, its rows repeated per person. */
gboolean    cd_docx_rows_write_part (CdDocxRows         *rows,
                                     const char         *part,
                                     const char         *xml,
                                     gsize               len,
                                     CdZipWriter        *zw,
                                     GError            **error);
/* A zero-width space after the "@" and before each "." of an address,
 * so a narrow cell breaks it there only. */
char       *cd_docx_breakable_email (const char         *value);

/* The fillers with their rows compiled into @rows rather than cloned per
 * person (cd_docx_generate streams the result). */
gboolean    cd_docx_fill_rows       (CdDocxPackage      *pkg,
                                     const CdDocContext *ctx,
                                     CdDocxRows         *rows,
                                     GError            **error);
GPtrArray  *cd_docx_fill_form_rows  (CdDocxPackage      *pkg,
                                     const CdDocContext *ctx,
                                     CdDocxRows         *rows,
                                     GError            **error);
/* Writes the package to @target like cd_docx_package_save(), deflating
 * each part as it is made: the parts @rows marked are written row by
 * row, so memory does not grow with the number of people. */
gboolean    cd_docx_package_save_streamed (CdDocxPackage *pkg,
                                           const char    *target,
                                           gboolean       overwrite,
                                           CdDocxRows    *rows,
                                           GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdDocxRows, cd_docx_rows_free)

G_END_DECLS
