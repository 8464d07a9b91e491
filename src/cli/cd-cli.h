/* cd-cli.h — headless actions on the certdesk command line
 *
 * Every headless action runs from GApplication::handle-local-options, in
 * the launching process, before any registration or display: it never
 * opens a window. Each area (store, tokens, docs, devices) keeps its
 * options and actions in its own cd-cli-<area>.c and is listed once in
 * cd-cli.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-store.h"

G_BEGIN_DECLS

typedef struct _CdCliEnv CdCliEnv;

struct _CdCliEnv {
  char     *database;   /* resolved register path */
  gboolean  custom_db;  /* --database given (its folder is not created) */
  gboolean  force;      /* --force: overwrite existing output files */
  gboolean  json;       /* --json: machine-readable output of list actions */
  CdStore  *store;      /* opened lazily by cd_cli_env_get_store() */
  gboolean  demo;       /* --demo: @database is a temporary sample register */
  char     *demo_dir;   /* --demo: its private folder, removed by cd_cli_env_clear() */
};

/* One area's options and its action. @run returns -1 when none of its
 * options were given, else the process exit status. */
typedef struct {
  const GOptionEntry *entries;
  int (*run) (GVariantDict *options, CdCliEnv *env);
} CdCliArea;

/* Adds every area's options to @app's main group, and the summary and
 * description --help prints. */
void      cd_cli_add_options     (GApplication *app);

/* Runs the headless action asked for, if any. Returns -1 to go on and
 * start the GUI, else the exit status. Fills @env for the GUI. */
int       cd_cli_handle          (GVariantDict *options,
                                  CdCliEnv     *env);

/* Whether @options name a headless action (or a detail of one): more
 * than --database, --demo, --force and --json, which alone ask for the
 * window. */
gboolean  cd_cli_asks_action     (GVariantDict *options);

/* Opens the register the first time it is asked for; prints a Vietnamese
 * message on stderr and returns NULL on failure. */
CdStore  *cd_cli_env_get_store   (CdCliEnv     *env,
                                  GError      **error);
/* Closes the register and forgets it. With --demo it also removes the
 * temporary folder of the sample register and everything in it (the
 * -wal/-shm files, backups): call it when the process is done with it. */
void      cd_cli_env_clear       (CdCliEnv     *env);

/* JSON output of the list actions: a member holding @value, or null. */
void      cd_cli_json_string     (JsonBuilder  *builder,
                                  const char   *name,
                                  const char   *value);
/* Prints the finished document of @builder, indented, on stdout. */
void      cd_cli_json_print      (JsonBuilder  *builder);
/* @unix_seconds as "YYYY-MM-DDTHH:MM:SSZ" (UTC), for JSON output. */
char     *cd_cli_iso_utc         (gint64        unix_seconds);

/* The value of the file option @name (G_OPTION_ARG_FILENAME: --output,
 * --template, --report…); NULL when it is absent or empty. The one
 * place the actions read an output-style option. */
const char *cd_cli_option_path   (GVariantDict *options,
                                  const char   *name);

/* Prints "certdesk: <message>" on stderr. */
void      cd_cli_printerr        (const char   *format,
                                  ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
