/* cd-page-renderer-private.h — the blocks a page document is made of,
 * shared by the renderer and its built-in documents
 * (cd-page-documents.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "cd-page-renderer.h"

G_BEGIN_DECLS

typedef enum { BLOCK_FRAME, BLOCK_PARA, BLOCK_TABLE, BLOCK_SIGN, BLOCK_DRAWING } BlockType;

typedef struct {
  BlockType  type;
  /* paragraph */
  char      *text;
  double     size;
  gboolean   bold, italic;
  PangoAlignment align;
  gboolean   justify;
  double     indent;       /* first line, points */
  double     before;       /* space before, points */
  /* table */
  guint      n_cols;
  double    *widths;       /* relative */
  double    *fitted;       /* points, once laid out: see fit_columns() */
  char     **header;       /* n_cols */
  GPtrArray *rows;         /* char** of n_cols */
  /* signatures: left/right title, note, name (NULL left: right only) */
  char      *sign[6];
  /* "Nơi nhận" at the left, level with the right side's title, when the
   * left side has no signature: its lines, NULL-terminated, or NULL */
  char     **recipients;
  /* drawing: a picture of a fixed height drawn by the caller */
  CdPageDrawFunc draw;
  gpointer       draw_data;
  double         draw_height;
} Block;

struct _CdPageRenderer {
  CdPageDocument      document;
  const CdDocContext *ctx;
  GPtrArray          *blocks;   /* Block */
  GPtrArray          *pages;    /* GArray of Placement */
  double              width, height;
};

/* A new block of @type at the end of the document. */
Block *cd_page_renderer_block (CdPageRenderer *self,
                               BlockType       type);
/* A new paragraph at the end of the document. */
Block *cd_page_renderer_para  (CdPageRenderer *self,
                               const char     *text,
                               double          size,
                               gboolean        bold,
                               gboolean        italic,
                               PangoAlignment  align,
                               double          before);

/* A new table at the end of the document: @n_cols columns of relative
 * @widths under @header, text of @size points, no rows yet (@t->rows
 * takes char** of @n_cols strings). */
Block *cd_page_renderer_table (CdPageRenderer     *self,
                               guint               n_cols,
                               const double       *widths,
                               const char * const *header,
                               double              size);
/* The field @name of the document (of @p, row @i), "" when empty. */
char  *cd_page_field          (const CdDocContext *ctx,
                               const CdDocPerson  *p,
                               guint               i,
                               const char         *name);

void   cd_page_build_register (CdPageRenderer *self);
void   cd_page_build_handover (CdPageRenderer *self);

G_END_DECLS
