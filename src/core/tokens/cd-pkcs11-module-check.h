/* cd-pkcs11-module-check.h — can a library the clerk adds be used?
 *
 * Loading a vendor library runs its constructors and may be slow, so the
 * check runs on a worker. Only C_GetFunctionList is looked up: the module
 * is not initialised (that is the token monitor's job, on its thread).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-pkcs11-modules.h"

G_BEGIN_DECLS

/* TRUE when @path loads and exports C_GetFunctionList. Otherwise FALSE
 * with a CD_PKCS11_ERROR that says what to do: _NOT_FOUND (no such
 * file), _FAILED (cannot be loaded), _NOT_MODULE (not PKCS#11). */
gboolean cd_pkcs11_module_check        (const char           *path,
                                        GError              **error);

/* The same on a worker. It touches no register, so it takes no store. */
void     cd_pkcs11_module_check_async  (const char           *path,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean cd_pkcs11_module_check_finish (GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
