/* cd-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sqlite3.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cd-store.h"

struct _CdStore
{
  GObject  parent_instance;

  sqlite3 *db;
  char    *path;
};

G_DEFINE_FINAL_TYPE (CdStore, cd_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (cd-store-error-quark, cd_store_error)

static void
cd_store_finalize (GObject *object)
{
  CdStore *self = CD_STORE (object);

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (cd_store_parent_class)->finalize (object);
}

static void
cd_store_class_init (CdStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_store_finalize;
}

static void
cd_store_init (CdStore *self)
{
}

static gboolean
exec (CdStore     *self,
      const char  *sql,
      GError     **error)
{
  char *msg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                   _("The register could not be updated (%s)."), msg ? msg : "?");
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

CdStore *
cd_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(CdStore) self = NULL;
  g_autofree char *dir = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_OPEN,
                   _("Cannot open the register “%s”: the folder “%s” does not exist. Create the folder first or choose another file."),
                   path, dir);
      return NULL;
    }

  /* Create the file ourselves so it is never readable by others, even
   * for the instant before a chmod. */
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_OPEN,
                   _("Cannot open the register “%s”: %s. Check that you may read and write this file."),
                   path, g_strerror (saved));
      return NULL;
    }
  close (fd);

  self = g_object_new (CD_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_OPEN,
                   _("Cannot open the register “%s”: %s."),
                   path, sqlite3_errmsg (self->db));
      return NULL;
    }

  if (!exec (self, "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL;", error))
    {
      g_clear_error (error);
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a CertDesk register (not an SQLite database). Choose the right file, or restore the newest backup."),
                   path);
      return NULL;
    }

  if (!exec (self,
             "CREATE TABLE IF NOT EXISTS unit ("
             "  id INTEGER PRIMARY KEY CHECK (id = 1),"
             "  name TEXT, parent_name TEXT, place TEXT, province TEXT,"
             "  head_title TEXT, head_name TEXT, address TEXT, phone TEXT,"
             "  email TEXT, org1 TEXT, org2 TEXT, org3 TEXT, org4 TEXT);",
             error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
cd_store_get_path (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return self->path;
}

gboolean
cd_store_is_empty (CdStore *self)
{
  sqlite3_stmt *st = NULL;
  gboolean empty = TRUE;

  g_return_val_if_fail (CD_IS_STORE (self), TRUE);

  if (sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM unit WHERE coalesce(name,'') <> ''",
                          -1, &st, NULL) == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    empty = sqlite3_column_int (st, 0) == 0;
  sqlite3_finalize (st);
  return empty;
}

static char *
col_text (sqlite3_stmt *st, int i)
{
  const unsigned char *t = sqlite3_column_text (st, i);
  return t ? g_strdup ((const char *) t) : NULL;
}

CdUnit *
cd_store_get_unit (CdStore *self)
{
  CdUnit *u = cd_unit_new ();
  sqlite3_stmt *st = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), u);

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT name, parent_name, place, province, head_title, head_name,"
                          " address, phone, email, org1, org2, org3, org4 FROM unit WHERE id = 1",
                          -1, &st, NULL) == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    {
      u->name = col_text (st, 0);
      u->parent_name = col_text (st, 1);
      u->place = col_text (st, 2);
      u->province = col_text (st, 3);
      u->head_title = col_text (st, 4);
      u->head_name = col_text (st, 5);
      u->address = col_text (st, 6);
      u->phone = col_text (st, 7);
      u->email = col_text (st, 8);
      for (int i = 0; i < 4; i++)
        u->org_level[i] = col_text (st, 9 + i);
    }
  sqlite3_finalize (st);
  return u;
}

gboolean
cd_store_save_unit (CdStore      *self,
                    const CdUnit *u,
                    GError      **error)
{
  sqlite3_stmt *st = NULL;
  const char *vals[13];
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);

  vals[0] = u->name; vals[1] = u->parent_name; vals[2] = u->place;
  vals[3] = u->province; vals[4] = u->head_title; vals[5] = u->head_name;
  vals[6] = u->address; vals[7] = u->phone; vals[8] = u->email;
  for (int i = 0; i < 4; i++)
    vals[9 + i] = u->org_level[i];

  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT OR REPLACE INTO unit (id, name, parent_name, place, province,"
                           " head_title, head_name, address, phone, email, org1, org2, org3, org4)"
                           " VALUES (1,?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &st, NULL);
  for (int i = 0; rc == SQLITE_OK && i < 13; i++)
    rc = sqlite3_bind_text (st, i + 1, vals[i], -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
  if (rc != SQLITE_OK)
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                 _("The unit's details could not be saved (%s)."), sqlite3_errmsg (self->db));
  sqlite3_finalize (st);
  return rc == SQLITE_OK;
}
