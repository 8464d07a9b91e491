/* cd-store-errors.h — the register's failures in the clerk's words
 *
 * Private to src/core/store: cd-store.c sets these errors while opening,
 * backing up and reopening a damaged register read-only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets @error to what the clerk can do when the register @path could not
 * be opened or created (@errnum, an errno): READ_ONLY, OPEN or FULL, a
 * Vietnamese sentence, never the C library's English (issue 20, D16). */
void   cd_store_set_open_error   (GError     **error,
                                  const char  *path,
                                  int          errnum);

/* Sets @error for a backup @target that could not be created (@errnum):
 * FULL, READ_ONLY or FAILED; each says nothing was changed. */
void   cd_store_set_backup_error (GError     **error,
                                  const char  *target,
                                  int          errnum);

/* The read-only reason shown for a damaged register @path: where
 * quick_check's English @problem says it is damaged, in the clerk's
 * words, and how to restore the newest backup beside it (or, with none,
 * how to get the file recovered). Free with g_free(). */
char  *cd_store_damage_message   (const char  *path,
                                  const char  *problem);

G_END_DECLS
