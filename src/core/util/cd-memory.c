/* cd-memory.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>   /* defines __GLIBC__ */
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cd-memory.h"

void
cd_memory_release_free (void)
{
#ifdef __GLIBC__
  /* Trims every arena, not only the main one, and releases free pages
   * inside the heap too (not just its top). */
  malloc_trim (0);
#endif
}

static guint idle_id;

static gboolean
release_idle_cb (gpointer data)
{
  idle_id = 0;
  cd_memory_release_free ();
  return G_SOURCE_REMOVE;
}

void
cd_memory_release_free_when_idle (void)
{
  if (idle_id == 0)
    idle_id = g_idle_add_full (G_PRIORITY_LOW, release_idle_cb, NULL, NULL);
}
