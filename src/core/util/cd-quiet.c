/* cd-quiet.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cd-quiet.h"

struct _CdQuiet {
  int saved;    /* the real stderr, -1 when nothing was redirected */
  int buffer;   /* what was written meanwhile */
};

static GMutex quiet_lock;

CdQuiet *
cd_quiet_begin (void)
{
  CdQuiet *q = g_new0 (CdQuiet, 1);

  g_mutex_lock (&quiet_lock);
  q->saved = -1;
  q->buffer = memfd_create ("certdesk-stderr", MFD_CLOEXEC);
  if (q->buffer < 0)
    return q;
  fflush (stderr);
  q->saved = fcntl (STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
  if (q->saved < 0 || dup2 (q->buffer, STDERR_FILENO) < 0)
    {
      if (q->saved >= 0)
        close (q->saved);
      q->saved = -1;
    }
  return q;
}

static gboolean
is_library_line (const char *line)
{
  return g_str_has_prefix (line, "[ERROR]") || g_str_has_prefix (line, "[WARNING]");
}

void
cd_quiet_end (CdQuiet *q)
{
  if (q == NULL)
    return;
  if (q->saved >= 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      char buf[4096];
      ssize_t n;

      fflush (stderr);
      dup2 (q->saved, STDERR_FILENO);
      close (q->saved);
      lseek (q->buffer, 0, SEEK_SET);
      while ((n = read (q->buffer, buf, sizeof buf)) > 0)
        g_string_append_len (text, buf, n);
      if (text->len > 0)
        {
          g_auto(GStrv) lines = g_strsplit (text->str, "\n", -1);

          for (guint i = 0; lines[i] != NULL; i++)
            {
              if (lines[i][0] == '\0')
                continue;
              if (is_library_line (lines[i]))
                g_debug ("libxlsxwriter: %s", lines[i]);
              else
                fprintf (stderr, "%s\n", lines[i]);
            }
        }
    }
  if (q->buffer >= 0)
    close (q->buffer);
  g_free (q);
  g_mutex_unlock (&quiet_lock);
}
