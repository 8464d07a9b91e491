/* cd-cell-text.h — one line of text in a cell of a long list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CD_TYPE_CELL_TEXT (cd_cell_text_get_type ())
G_DECLARE_FINAL_TYPE (CdCellText, cd_cell_text, CD, CELL_TEXT, GtkWidget)

/* @sample: a text as wide as the cells of the column should be, whatever
 * they show (longer texts are shortened with "…"); NULL asks for the width
 * of the text itself (for a few short, repeated texts such as a status).
 * @shrink: whether a narrow window may make the cell narrower than that,
 * down to "…" (not for what must be read whole, such as a serial). */
GtkWidget  *cd_cell_text_new        (const char  *sample,
                                     float        xalign,
                                     gboolean     shrink);
void        cd_cell_text_set_text   (CdCellText  *self,
                                     const char  *text);
const char *cd_cell_text_get_text   (CdCellText  *self);
/* Another sample for a cell made with one (the column's longest value
 * changed); resizes the cell only if it differs. */
void        cd_cell_text_set_sample (CdCellText  *self,
                                     const char  *sample);
/* For a cell made to shrink: no narrower than @min_sample (static, not
 * copied), so that a column giving way to others still reads. */
void        cd_cell_text_set_min_sample (CdCellText *self,
                                         const char *min_sample);
/* Where a text wider than the cell is cut: at the end (the default) or,
 * for a serial whose both ends identify it, in the middle. */
void        cd_cell_text_set_ellipsize (CdCellText        *self,
                                        PangoEllipsizeMode mode);
/* One style class that follows the text (a status's colour), in place
 * of the one set before; a static string, or NULL for none. Like the
 * text, applied only once the cell is in view. */
void        cd_cell_text_set_class  (CdCellText  *self,
                                     const char  *css_class);
/* FALSE while the cell's last draw was skipped because it was out of
 * view of its scrolled window; scrolling that window draws it again. */
gboolean    cd_cell_text_is_drawn   (CdCellText  *self);

G_END_DECLS
