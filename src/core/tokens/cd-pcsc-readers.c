/* cd-pcsc-readers.c
 *
 * One SCardListReaders() call with SCARD_AUTOALLOCATE, not a size query
 * and a fetch: a reader added between the two (a multi-slot reader
 * plugged in, its slots listed one at a time) made the fetch fail with
 * SCARD_E_INSUFFICIENT_BUFFER. The PC/SC watch took that for pcscd gone
 * and stopped for 5 s (test pcsc-hotplug); the token scan saw no reader
 * at all and withdrew, then said again, an unreadable token. Both list
 * through here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-pcsc-readers.h"

GStrv
cd_pcsc_list_readers (SCARDCONTEXT  context,
                      guint         max,
                      LONG         *rv)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  char *readers = NULL;
  DWORD len = SCARD_AUTOALLOCATE;
  guint n = 0;

  *rv = SCardListReaders (context, NULL, (LPSTR) &readers, &len);
  if (*rv == SCARD_E_NO_READERS_AVAILABLE)
    *rv = SCARD_S_SUCCESS;
  for (const char *r = readers; *rv == SCARD_S_SUCCESS && r != NULL && *r != '\0' && n < max;
       r += strlen (r) + 1, n++)
    g_strv_builder_add (b, r);
  if (readers != NULL)
    SCardFreeMemory (context, readers);
  return g_strv_builder_end (b);
}
