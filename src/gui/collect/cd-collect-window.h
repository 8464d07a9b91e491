/* cd-collect-window.h — Tổng hợp danh sách: every school's list
 * collected into one (issue 18)
 *
 * Files or a folder are chosen or dropped; the run (cd_collect_run_async)
 * shows its progress and can be cancelled; the preview lists the units
 * with their people and every file with what was rejected or merged;
 * Save writes the list (built-in form or the Sở's own), and if asked
 * the Cục's sheet and the report beside it. Collecting needs no
 * register: @store only lends the unit's name as the collector.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_COLLECT_WINDOW (cd_collect_window_get_type ())
G_DECLARE_FINAL_TYPE (CdCollectWindow, cd_collect_window, CD, COLLECT_WINDOW, AdwWindow)

/* A window transient for @parent; @store (may be NULL) names the unit
 * that collects, at the head of the collected list. */
CdCollectWindow *cd_collect_window_new (GtkWindow *parent,
                                        CdStore   *store);

G_END_DECLS
