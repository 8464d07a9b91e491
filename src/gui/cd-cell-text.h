/* cd-cell-text.h — one line of text in a cell of a long list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CD_TYPE_CELL_TEXT (cd_cell_text_get_type ())
G_DECLARE_FINAL_TYPE (CdCellText, cd_cell_text, CD, CELL_TEXT, GtkWidget)

/* @width_chars: the width asked for, in average characters, whatever the
 * text; -1 asks for the width of the text itself (for a few short,
 * repeated texts such as a status). */
GtkWidget  *cd_cell_text_new        (int          width_chars,
                                     float        xalign);
void        cd_cell_text_set_text   (CdCellText  *self,
                                     const char  *text);
const char *cd_cell_text_get_text   (CdCellText  *self);

G_END_DECLS
