/* cd-staff-pager.c — keyset pages over (sort_key, id)
 *
 * The window shows the first screenful of a 100,000-person register
 * after one page is read instead of all of them. Keyset, not OFFSET:
 * each page starts in the staff_sort index where the last one ended, so
 * reading the whole register in pages costs what one scan did. One read
 * transaction (WAL: a snapshot, writers are not blocked) so that pages
 * agree with each other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-sql.h"
#include "cd-staff-pager.h"
#include "cd-store-private.h"

struct _CdStaffPager
{
  CdStore  *store;
  gint64    now;
  int       threshold;
  gboolean  in_transaction;
  gboolean  done;
  gboolean  list_only;
  char     *after_key;    /* NULL: nothing read yet */
  gint64    after_id;
};

CdStaffPager *
cd_staff_pager_new (CdStore  *store,
                    gint64    now,
                    int       threshold_days,
                    GError  **error)
{
  g_autoptr(CdStaffPager) self = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = g_new0 (CdStaffPager, 1);
  self->store = g_object_ref (store);
  self->now = now;
  self->threshold = threshold_days;
  /* Deferred: the snapshot is taken by the first page's read. Inside a
   * transaction already (the caller's), that one is the snapshot. */
  if (sqlite3_get_autocommit (store->db))
    {
      if (!cd_sql_exec (store->db, "BEGIN", error))
        return NULL;
      self->in_transaction = TRUE;
    }
  return g_steal_pointer (&self);
}

GPtrArray *
cd_staff_pager_next (CdStaffPager  *self,
                     guint          limit,
                     GError       **error)
{
  GPtrArray *rows;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (limit > 0, NULL);

  if (self->done)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) cd_staff_row_free);
  rows = (self->list_only ? cd_store_read_staff_list_rows : cd_store_read_staff_rows)
    (self->store, self->after_key, self->after_id, (int) MIN (limit, (guint) G_MAXINT), self->now,
     self->threshold, error);
  if (rows == NULL)
    return NULL;
  if (rows->len < limit)
    self->done = TRUE;
  if (rows->len > 0)
    {
      const CdStaffRow *last = g_ptr_array_index (rows, rows->len - 1);

      g_free (self->after_key);
      self->after_key = g_strdup (last->sort_key ? last->sort_key : "");
      self->after_id = last->staff_id;
    }
  return rows;
}

void
cd_staff_pager_set_list_only (CdStaffPager *self,
                              gboolean      list_only)
{
  g_return_if_fail (self != NULL);
  self->list_only = !!list_only;
}

void
cd_staff_pager_free (CdStaffPager *self)
{
  if (self == NULL)
    return;
  /* Nothing was written: COMMIT only ends the snapshot. */
  if (self->in_transaction)
    cd_sql_exec (self->store->db, "COMMIT", NULL);
  g_clear_object (&self->store);
  g_free (self->after_key);
  g_free (self);
}
