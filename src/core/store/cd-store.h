/* cd-store.h — the unit's register in one SQLite file
 *
 * The single source of truth. Every public function runs on the calling
 * thread; the GUI calls the bulk ones (import, list of 30,000) from a GTask
 * worker. A CdStore is not shared between threads at the same time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-model.h"

G_BEGIN_DECLS

#define CD_STORE_ERROR (cd_store_error_quark ())

typedef enum {
  CD_STORE_ERROR_FAILED,
  CD_STORE_ERROR_OPEN,        /* cannot open/create the file */
  CD_STORE_ERROR_NOT_DATABASE,/* the file is not an SQLite database */
  CD_STORE_ERROR_DAMAGED,     /* quick_check failed; read-only */
  CD_STORE_ERROR_READ_ONLY,
  CD_STORE_ERROR_NOT_FOUND,
  CD_STORE_ERROR_CONSTRAINT,  /* duplicate CCCD, fingerprint… */
  CD_STORE_ERROR_INVALID,     /* a value failed validation */
  CD_STORE_ERROR_TOO_NEW,     /* written by a newer CertDesk */
} CdStoreError;

GQuark cd_store_error_quark (void);

#define CD_TYPE_STORE (cd_store_get_type ())
G_DECLARE_FINAL_TYPE (CdStore, cd_store, CD, STORE, GObject)

/* Opens (creating with mode 0600 when missing) the register at @path.
 * The parent folder must exist. Messages are Vietnamese and say what to
 * do. Emits nothing. */
CdStore    *cd_store_open            (const char  *path,
                                      GError     **error);
const char *cd_store_get_path        (CdStore     *self);
gboolean    cd_store_is_empty        (CdStore     *self);

/* The unit's details; never NULL (empty fields when not entered yet). */
CdUnit     *cd_store_get_unit        (CdStore     *self);
gboolean    cd_store_save_unit       (CdStore      *self,
                                      const CdUnit *unit,
                                      GError      **error);

G_END_DECLS
