/* env-guard.c — preloaded (LD_PRELOAD) by cli-startup-env
 *
 * Aborts the process when it adds a variable to its environment, or
 * changes its locale, while a second thread runs. Adding reallocates the
 * environment array, and a thread inside getenv() (GDBus looking up the
 * session bus for dconf's worker, gettext()) then walks freed memory: the
 * rare segfault at start of `--demo --generate=mau-09` (issue 15), seen
 * once in a hundred runs. This makes the condition certain instead of
 * rare. Replacing a variable already there only swaps one pointer (glibc
 * frees nothing), so it is let through.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <dlfcn.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
count_threads (void)
{
  DIR *d = opendir ("/proc/self/task");
  struct dirent *e;
  int n = 0;

  if (d == NULL)
    return 1;
  while ((e = readdir (d)) != NULL)
    if (e->d_name[0] != '.')
      n++;
  closedir (d);
  return n;
}

static void
refuse (const char *what,
        const char *name,
        int         threads)
{
  fprintf (stderr, "env-guard: %s (\"%s\") while %d threads run\n", what, name, threads);
  abort ();
}

int
setenv (const char *name,
        const char *value,
        int         overwrite)
{
  static int (*real) (const char *, const char *, int);
  int threads;

  if (real == NULL)
    real = (int (*) (const char *, const char *, int)) dlsym (RTLD_NEXT, "setenv");
  if (getenv (name) == NULL && (threads = count_threads ()) > 1)
    refuse ("setenv adds", name, threads);
  return real (name, value, overwrite);
}

int
putenv (char *string)
{
  static int (*real) (char *);
  const char *eq = strchr (string, '=');
  int threads;

  if (real == NULL)
    real = (int (*) (char *)) dlsym (RTLD_NEXT, "putenv");
  if (eq != NULL)
    {
      char name[256];
      size_t len = (size_t) (eq - string) < sizeof name - 1 ? (size_t) (eq - string) : sizeof name - 1;

      memcpy (name, string, len);
      name[len] = '\0';
      if (getenv (name) == NULL && (threads = count_threads ()) > 1)
        refuse ("putenv adds", name, threads);
    }
  return real (string);
}

char *
setlocale (int         category,
           const char *locale)
{
  static char *(*real) (int, const char *);
  int threads;

  if (real == NULL)
    real = (char *(*) (int, const char *)) dlsym (RTLD_NEXT, "setlocale");
  if (locale != NULL && (threads = count_threads ()) > 1)
    refuse ("setlocale", locale, threads);
  return real (category, locale);
}
