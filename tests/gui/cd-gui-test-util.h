/* cd-gui-test-util.h — what the C tests of the window (and the GUI
 * benchmarks) look up in a widget tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The first widget at or below @root (depth first) that is a @type, or
 * NULL. */
GtkWidget *cd_gui_test_find_type  (GtkWidget  *root,
                                   GType       type);
/* The first GtkLabel at or below @root whose text contains @text, or
 * NULL. */
GtkWidget *cd_gui_test_find_label (GtkWidget  *root,
                                   const char *text);

G_END_DECLS
