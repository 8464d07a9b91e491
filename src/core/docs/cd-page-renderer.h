/* cd-page-renderer.h — the register and the handover minutes drawn with
 * Pango/Cairo, for printing and PDF without any other program
 *
 * The renderer lays a document out on A4 pages following Nghị định
 * 30/2020 (margins 20/20/30/15 mm, Times New Roman — Liberation Serif or
 * DejaVu Serif when it is not installed —, the two-column header with
 * Quốc hiệu and Tiêu ngữ, the table header repeated on every page, page
 * numbers from page 2) and draws page N on any cairo_t: a PDF surface
 * headless, or GtkPrintOperation's context in the GUI (set use-full-page
 * so the renderer's own margins are the page's).
 *
 * No GTK here. Not thread-safe; one renderer per thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "cd-doc-context.h"

G_BEGIN_DECLS

typedef enum {
  CD_PAGE_REGISTER,   /* sổ theo dõi chứng thư số, landscape */
  CD_PAGE_HANDOVER,   /* biên bản bàn giao thiết bị (Mẫu 07), portrait */
  CD_PAGE_CUSTOM,     /* portrait, blocks added with cd_page_renderer_add_*() */
} CdPageDocument;

typedef enum {
  CD_PAGE_ALIGN_LEFT,
  CD_PAGE_ALIGN_CENTER,
  CD_PAGE_ALIGN_BODY,   /* justified, first line indented 1.27 cm */
} CdPageAlign;

typedef struct _CdPageRenderer CdPageRenderer;

/* @ctx is borrowed and must outlive the renderer. */
CdPageRenderer *cd_page_renderer_new        (CdPageDocument      document,
                                             const CdDocContext *ctx);
void            cd_page_renderer_free       (CdPageRenderer     *self);

/* Building a CD_PAGE_CUSTOM document (another area's minutes, e.g. the
 * devices area's Mẫu 08/09 with the parties of the event), block by
 * block, with the same frame, fonts and pagination as the others. */

/* The two-column header: managing body and unit, Quốc hiệu, Tiêu ngữ,
 * place and date line (from @ctx). */
void            cd_page_renderer_add_frame  (CdPageRenderer     *self);
/* The frame of a numbered document: @number_line ("Số: 12/TB-THCSLL")
 * centred under the unit's name, on the line of the place and date. */
void            cd_page_renderer_add_numbered_frame (CdPageRenderer *self,
                                                     const char     *number_line);
void            cd_page_renderer_add_text   (CdPageRenderer     *self,
                                             const char         *text,
                                             double              size,
                                             gboolean            bold,
                                             gboolean            italic,
                                             CdPageAlign         align,
                                             double              space_before);
/* A bordered table whose header repeats on every page. @widths are
 * relative; @rows holds char** of @n_cols strings (a reference is taken). */
void            cd_page_renderer_add_table  (CdPageRenderer     *self,
                                             guint               n_cols,
                                             const double       *widths,
                                             const char * const *header,
                                             GPtrArray          *rows,
                                             double              size);
/* Signature blocks, left and right half: each {title, note, name}; a
 * NULL side is left empty. */
void            cd_page_renderer_add_signatures (CdPageRenderer     *self,
                                                 const char * const *left,
                                                 const char * const *right,
                                                 double              space_before);
/* The signature block of @right (title, note, name) with "Nơi nhận" at
 * the left, its first line level with the title: @recipients are its
 * lines ("Nơi nhận:", "- Như trên;", "- Lưu: VT."). */
void            cd_page_renderer_add_signature_and_recipients (CdPageRenderer     *self,
                                                               const char * const *right,
                                                               const char * const *recipients,
                                                               double              space_before);

/* Draws a picture (a chart) @width × @height points, the origin at its
 * top left corner. */
typedef void  (*CdPageDrawFunc)            (cairo_t            *cr,
                                             double              width,
                                             double              height,
                                             gpointer            data);
/* A picture as wide as the text, @height points high, drawn by @func
 * with @data (borrowed: must outlive the renderer). Never split. */
void            cd_page_renderer_add_drawing (CdPageRenderer     *self,
                                              double              height,
                                              CdPageDrawFunc      func,
                                              gpointer            data,
                                              double              space_before);

/* The page size the document wants, in points (A4, portrait or landscape). */
void            cd_page_renderer_page_size  (CdPageRenderer     *self,
                                             double             *width,
                                             double             *height);
/* Lays the document out for pages of @width × @height points, measuring
 * with @cr's font options. Returns the number of pages. */
int             cd_page_renderer_paginate   (CdPageRenderer     *self,
                                             cairo_t            *cr,
                                             double              width,
                                             double              height);
/* Draws page @page (0-based) on @cr, whose origin is the page's corner. */
void            cd_page_renderer_draw_page  (CdPageRenderer     *self,
                                             cairo_t            *cr,
                                             int                 page);
/* Lays out and writes a PDF to @target through a temporary file. */
gboolean        cd_page_renderer_export_pdf (CdPageRenderer     *self,
                                             const char         *target,
                                             gboolean            overwrite,
                                             GError            **error);

/* Several documents in one PDF, renderer i drawn @copies[i] times in a
 * row (@copies NULL: once each) — the minutes of a box of tokens, two
 * copies each, and the notice, printed in one go. */
gboolean        cd_page_renderers_export_pdf (CdPageRenderer * const *renderers,
                                              const guint            *copies,
                                              guint                   n_renderers,
                                              const char             *target,
                                              gboolean                overwrite,
                                              GError                **error);

/* The serif family used: "Times New Roman" or its fallback. */
const char     *cd_page_renderer_font_family (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdPageRenderer, cd_page_renderer_free)

G_END_DECLS
