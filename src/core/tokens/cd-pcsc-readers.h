/* cd-pcsc-readers.h — the readers pcscd knows now
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <winscard.h>

G_BEGIN_DECLS

/* The names of the readers pcscd lists now, at most @max, as a
 * NULL-terminated array (empty when there are none: *@rv is then
 * SCARD_S_SUCCESS). On another error *@rv says it and the array is
 * empty. Read in one call, so a reader plugged in while it runs cannot
 * make it fail. */
GStrv cd_pcsc_list_readers (SCARDCONTEXT  context,
                            guint         max,
                            LONG         *rv);

G_END_DECLS
