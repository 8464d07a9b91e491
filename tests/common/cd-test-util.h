/* cd-test-util.h — small helpers shared by the C tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* g_test_init() with isolated XDG folders, and the UI in Vietnamese (the
 * build's catalogue) so tests check the messages the clerk reads. */
void      cd_test_init        (int *argc, char ***argv);

/* A new private temporary folder; remove it with cd_test_rm_rf(). */
char     *cd_test_tmpdir      (void);
/* Removes @path and everything below it. */
void      cd_test_rm_rf       (const char *path);
/* Damages the SQLite file @path, in its own page size: scribbles over
 * the b-tree header of every page, the schema's on page 1 included (the
 * file header stays, so the file still opens as SQLite), or, with
 * @lightly, only of the pages in its last quarter (the schema and the
 * first pages stay readable; PRAGMA quick_check still finds it). */
void      cd_test_damage_pages (const char *path,
                                gboolean    lightly);
/* Path of a file in the source tree: cd_test_srcpath ("tests", "x", NULL). */
char     *cd_test_srcpath     (const char *first, ...) G_GNUC_NULL_TERMINATED;

/* The test certificates the build made once (tests/tokens/make-certs.sh,
 * the test-certs target), from $CD_TEST_CERTS; read them, do not write
 * there. Fails the test when the variable is not set. */
const char *cd_test_certs_dir (void);
/* The Unix time those certificates were made (their made-at file):
 * "revoked now" and "expiring in 30 days" are relative to it. */
gint64    cd_test_certs_made_at (void);

/* Waiting on state in the thread-default main context (events delivered
 * there: a monitor's signals, a watch's callback waking it). */
/* A GSourceFunc setting the gboolean at @data and removing itself. */
gboolean  cd_test_flag_cb     (gpointer data);
/* Runs the main context until *@count reaches @want or @ms pass; whether
 * it did. */
gboolean  cd_test_wait_count  (const guint *count,
                               guint        want,
                               guint        ms);

G_END_DECLS
