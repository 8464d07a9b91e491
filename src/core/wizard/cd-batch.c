/* cd-batch.c — a batch: a wizard's list saved in the register
 * (request_batches + batch_items), from Nháp to Đã gửi to Hoàn thành
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cd-batch.h"
#include "cd-wizard-draft.h"
#include "cd-wizard-private.h"
#include "cd-device-register.h"
#include "cd-handover.h"
#include "cd-sql.h"
#include "cd-store-worker.h"
#include "cd-text.h"

static const char *const status_ids[] = { "draft", "sent", "done" };

const char *
cd_batch_status_to_id (CdBatchStatus status)
{
  g_return_val_if_fail (status <= CD_BATCH_DONE, "draft");
  return status_ids[status];
}

gboolean
cd_batch_status_from_id (const char    *id,
                         CdBatchStatus *out)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (status_ids); i++)
    if (g_str_equal (status_ids[i], id))
      {
        *out = (CdBatchStatus) i;
        return TRUE;
      }
  return FALSE;
}

const char *
cd_batch_status_label (CdBatchStatus status)
{
  switch (status)
    {
    case CD_BATCH_DRAFT: return _("Draft");
    case CD_BATCH_SENT: return _("Sent");
    case CD_BATCH_DONE: return _("Done");
    default: return "";
    }
}

/* The batches' own error message (the store's cd_sql_set_error says less
 * about what to do) and text binding: a batch keeps an empty field as
 * typed, where cd_sql_bind_text stores it as NULL. */

static gboolean
sql_error (CdStore  *store,
           GError  **error)
{
  return cd_sql_set_last_error (cd_store_get_db (store), error);
}

static void
bind_text (sqlite3_stmt *st, int i, const char *v)
{
  if (v != NULL)
    sqlite3_bind_text (st, i, v, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (st, i);
}


static void
json_add_string (JsonBuilder *b, const char *name, const char *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

/* The batch's note: document details and per-item texts that have no
 * column, as JSON. @extra (may be NULL) keeps sent/done dates. */
static char *
draft_note (const CdWizardDraft *draft,
            const char          *sent_date,
            const char          *done_date)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_add_string (b, "signer_title", draft->signer_title);
  json_add_string (b, "signer_name", draft->signer_name);
  json_add_string (b, "recipient", draft->recipient);
  json_add_string (b, "template", draft->template_path);
  json_add_string (b, "sent_date", sent_date);
  json_add_string (b, "done_date", done_date);
  json_add_string (b, "service_name", draft->service_name);
  json_add_string (b, "service_kind", draft->service_kind);
  json_builder_set_member_name (b, "bulk_sheet");
  json_builder_add_boolean_value (b, draft->bulk_sheet);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < draft->items->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (draft->items, i);
      json_builder_begin_object (b);
      json_add_string (b, "why", item->why);
      json_add_string (b, "change_note", item->change_note);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static const char *
obj_string (JsonObject *o, const char *name)
{
  return (o != NULL && json_object_has_member (o, name)) ? json_object_get_string_member (o, name) : NULL;
}

static JsonObject *
parse_note (JsonParser *parser, const char *note)
{
  JsonNode *root;

  if (note == NULL || !json_parser_load_from_data (parser, note, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return (root != NULL && JSON_NODE_HOLDS_OBJECT (root)) ? json_node_get_object (root) : NULL;
}

static gboolean
read_batch_dates (CdStore  *store,
                  gint64    batch_id,
                  char    **sent,
                  char    **done)
{
  sqlite3_stmt *st = NULL;
  gboolean found = FALSE;

  *sent = *done = NULL;
  if (sqlite3_prepare_v2 (cd_store_get_db (store), "SELECT note FROM request_batches WHERE id = ?",
                          -1, &st, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (st, 1, batch_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *note = cd_sql_column_text (st, 0);
      JsonObject *o = parse_note (parser, note);
      *sent = g_strdup (obj_string (o, "sent_date"));
      *done = g_strdup (obj_string (o, "done_date"));
      found = TRUE;
    }
  sqlite3_finalize (st);
  return found;
}

gboolean
cd_batch_save_locked (CdWizardDraft *draft,
                      CdStore       *store,
                      gint64         document_id,
                      GError       **error)
{
  sqlite3 *db = cd_store_get_db (store);
  sqlite3_stmt *st = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *done = NULL;
  g_autofree char *note = NULL;
  gboolean insert = draft->batch_id == 0;
  int rc;

  if (!insert && !read_batch_dates (store, draft->batch_id, &sent, &done))
    insert = TRUE;
  note = draft_note (draft, sent, done);
  if (insert)
    rc = sqlite3_prepare_v2 (db, "INSERT INTO request_batches (kind, date, doc_number, status, note, document_id,"
                                 " letter, deadline, recipient, channel)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8, ?9, ?10, ?11)", -1, &st, NULL);
  else
    rc = sqlite3_prepare_v2 (db, "UPDATE request_batches SET kind = ?1, date = ?2, doc_number = ?3,"
                                 " status = ?4, note = ?5, document_id = COALESCE (?6, document_id),"
                                 " letter = ?8, deadline = ?9, recipient = ?10, channel = ?11"
                                 " WHERE id = ?7", -1, &st, NULL);
  if (rc != SQLITE_OK)
    return sql_error (store, error);
  bind_text (st, 1, draft->kind);
  bind_text (st, 2, draft->date);
  bind_text (st, 3, draft->doc_number);
  bind_text (st, 4, cd_batch_status_to_id (draft->status));
  bind_text (st, 5, note);
  cd_sql_bind_id (st, 6, document_id);
  if (!insert)
    sqlite3_bind_int64 (st, 7, draft->batch_id);
  cd_sql_bind_text (st, 8, draft->letter_ref);
  cd_sql_bind_text (st, 9, draft->deadline);
  cd_sql_bind_text (st, 10, draft->send_to);
  cd_sql_bind_text (st, 11, cd_batch_channel_to_id (draft->channel));
  rc = sqlite3_step (st);
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    return sql_error (store, error);
  if (insert)
    draft->batch_id = sqlite3_last_insert_rowid (db);

  if (sqlite3_prepare_v2 (db, "DELETE FROM batch_items WHERE batch_id = ?", -1, &st, NULL) != SQLITE_OK)
    return sql_error (store, error);
  sqlite3_bind_int64 (st, 1, draft->batch_id);
  rc = sqlite3_step (st);
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    return sql_error (store, error);

  if (sqlite3_prepare_v2 (db, "INSERT INTO batch_items (batch_id, staff_id, certificate_id, device_id,"
                              " action, reason, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
                          -1, &st, NULL) != SQLITE_OK)
    return sql_error (store, error);
  for (guint i = 0; i < draft->items->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (draft->items, i);
      sqlite3_reset (st);
      sqlite3_bind_int64 (st, 1, draft->batch_id);
      cd_sql_bind_id (st, 2, item->staff_id);
      cd_sql_bind_id (st, 3, item->certificate_id);
      cd_sql_bind_id (st, 4, item->device_id);
      bind_text (st, 5, cd_wizard_draft_is_revocation (draft)
                        ? cd_revoke_reason_to_id (item->revoke_reason) : draft->kind);
      bind_text (st, 6, item->reason);
      sqlite3_bind_int (st, 7, (int) i);
      if (sqlite3_step (st) != SQLITE_DONE)
        {
          sqlite3_finalize (st);
          return sql_error (store, error);
        }
    }
  sqlite3_finalize (st);
  return cd_store_audit (store, insert ? "insert" : "update", "batch", draft->batch_id,
                         NULL, draft->kind, error);
}

gboolean
cd_batch_save (CdWizardDraft *draft,
               CdStore       *store,
               GError       **error)
{
  return cd_batch_save_with_document (draft, store, 0, error);
}

gboolean
cd_batch_save_with_document (CdWizardDraft *draft,
                             CdStore       *store,
                             gint64         document_id,
                             GError       **error)
{
  if (!cd_store_begin (store, error))
    return FALSE;
  if (!cd_batch_save_locked (draft, store, document_id, error))
    {
      cd_store_rollback (store);
      return FALSE;
    }
  if (!cd_store_commit (store, error))
    return FALSE;
  draft->dirty = FALSE;
  cd_store_emit_changed (store, "batch");
  return TRUE;
}

static gpointer
save_work (CdStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  CdWizardDraft *draft = data;

  if (!cd_batch_save (draft, store, error))
    return NULL;
  return g_memdup2 (&draft->batch_id, sizeof draft->batch_id);
}

void
cd_batch_save_async (CdStore             *store,
                     const CdWizardDraft *draft,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (draft != NULL);

  cd_store_run_async (store, save_work, cd_wizard_draft_copy (draft),
                      (GDestroyNotify) cd_wizard_draft_free, g_free, "batch",
                      cd_batch_save_async, cancellable, callback, user_data);
}

gboolean
cd_batch_save_finish (CdStore       *store,
                      GAsyncResult  *result,
                      CdWizardDraft *draft,
                      GError       **error)
{
  g_autofree gint64 *id = cd_store_run_finish (store, result, cd_batch_save_async, error);

  if (id == NULL)
    return FALSE;
  if (draft != NULL)
    draft->batch_id = *id;
  return TRUE;
}

CdWizardDraft *
cd_batch_load (CdStore  *store,
               gint64    batch_id,
               GError  **error)
{
  sqlite3 *db = cd_store_get_db (store);
  sqlite3_stmt *st = NULL;
  g_autoptr(CdWizardDraft) draft = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *note = NULL;
  JsonObject *o;
  JsonArray *extras = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT b.kind, b.date, b.doc_number, b.status, b.note, d.path,"
                              " b.letter, b.deadline, b.recipient, b.channel"
                              " FROM request_batches b LEFT JOIN documents d ON d.id = b.document_id"
                              " WHERE b.id = ?", -1, &st, NULL) != SQLITE_OK)
    {
      sql_error (store, error);
      return NULL;
    }
  sqlite3_bind_int64 (st, 1, batch_id);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      sqlite3_finalize (st);
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("This list is no longer in the register (maybe deleted meanwhile). Reload the list of batches."));
      return NULL;
    }
  {
    g_autofree char *kind = cd_sql_column_text (st, 0);
    g_autofree char *status = cd_sql_column_text (st, 3);
    draft = cd_wizard_draft_new (kind);
    g_free (draft->date);
    draft->date = cd_sql_column_text (st, 1);
    draft->doc_number = cd_sql_column_text (st, 2);
    cd_batch_status_from_id (status, &draft->status);
    note = cd_sql_column_text (st, 4);
    draft->output_path = cd_sql_column_text (st, 5);
    draft->letter_ref = cd_sql_column_text (st, 6);
    draft->deadline = cd_sql_column_text (st, 7);
    draft->send_to = cd_sql_column_text (st, 8);
    cd_batch_channel_from_id ((const char *) sqlite3_column_text (st, 9), &draft->channel);
  }
  sqlite3_finalize (st);
  draft->batch_id = batch_id;
  o = parse_note (parser, note);
  if (o != NULL)
    {
      draft->signer_title = g_strdup (obj_string (o, "signer_title"));
      draft->signer_name = g_strdup (obj_string (o, "signer_name"));
      draft->recipient = g_strdup (obj_string (o, "recipient"));
      draft->template_path = g_strdup (obj_string (o, "template"));
      draft->service_name = g_strdup (obj_string (o, "service_name"));
      draft->service_kind = g_strdup (obj_string (o, "service_kind"));
      if (json_object_has_member (o, "bulk_sheet"))
        draft->bulk_sheet = json_object_get_boolean_member (o, "bulk_sheet");
      if (json_object_has_member (o, "items"))
        extras = json_object_get_array_member (o, "items");
    }

  if (sqlite3_prepare_v2 (db, "SELECT staff_id, certificate_id, device_id, action, reason, position"
                              " FROM batch_items WHERE batch_id = ?"
                              /* a deleted person's row goes; the unit's seal has none */
                              " AND (staff_id IS NOT NULL OR certificate_id IN"
                              " (SELECT id FROM certificates WHERE held_by_unit = 1))"
                              " ORDER BY position", -1, &st, NULL) != SQLITE_OK)
    {
      sql_error (store, error);
      return NULL;
    }
  sqlite3_bind_int64 (st, 1, batch_id);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      CdWizardItem *item = cd_wizard_item_new (sqlite3_column_int64 (st, 0));
      g_autofree char *action = cd_sql_column_text (st, 3);
      int pos = sqlite3_column_int (st, 5);

      item->certificate_id = sqlite3_column_int64 (st, 1);
      item->device_id = sqlite3_column_int64 (st, 2);
      item->reason = cd_sql_column_text (st, 4);
      if (cd_wizard_draft_is_revocation (draft))
        item->revoke_reason = cd_revoke_reason_from_id (action);
      if (extras != NULL && pos >= 0 && (guint) pos < json_array_get_length (extras))
        {
          JsonObject *e = json_array_get_object_element (extras, pos);
          item->why = g_strdup (obj_string (e, "why"));
          item->change_note = g_strdup (obj_string (e, "change_note"));
        }
      g_ptr_array_add (draft->items, item);
    }
  sqlite3_finalize (st);
  draft->dirty = FALSE;
  return g_steal_pointer (&draft);
}

void
cd_batch_info_free (CdBatchInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->kind);
  g_free (info->date);
  g_free (info->doc_number);
  g_free (info->sent_date);
  g_free (info->done_date);
  g_free (info->path);
  g_free (info->letter);
  g_free (info->deadline);
  g_free (info->recipient);
  g_free (info->sent_on);
  g_free (info);
}

/* The batches (all of them, or only @batch_id when not 0). */
static GPtrArray *
list_batches (CdStore  *store,
              gint64    batch_id,
              GError  **error)
{
  sqlite3_stmt *st = NULL;
  GPtrArray *out;

  if (sqlite3_prepare_v2 (cd_store_get_db (store),
                          "SELECT b.id, b.kind, b.date, b.doc_number, b.status, b.note, d.path,"
                          " (SELECT COUNT(*) FROM batch_items i WHERE i.batch_id = b.id),"
                          " b.letter, b.deadline, b.recipient, b.channel, b.sent_on, b.sent_channel,"
                          " (SELECT COUNT(*) FROM batch_attachments a WHERE a.batch_id = b.id)"
                          " FROM request_batches b LEFT JOIN documents d ON d.id = b.document_id"
                          " WHERE ?1 = 0 OR b.id = ?1"
                          " ORDER BY b.created DESC, b.id DESC", -1, &st, NULL) != SQLITE_OK)
    {
      sql_error (store, error);
      return NULL;
    }
  sqlite3_bind_int64 (st, 1, batch_id);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_batch_info_free);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      CdBatchInfo *b = g_new0 (CdBatchInfo, 1);
      g_autofree char *status = cd_sql_column_text (st, 4);
      g_autofree char *note = cd_sql_column_text (st, 5);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *o = parse_note (parser, note);

      b->id = sqlite3_column_int64 (st, 0);
      b->kind = cd_sql_column_text (st, 1);
      b->date = cd_sql_column_text (st, 2);
      b->doc_number = cd_sql_column_text (st, 3);
      cd_batch_status_from_id (status, &b->status);
      b->sent_date = g_strdup (obj_string (o, "sent_date"));
      b->done_date = g_strdup (obj_string (o, "done_date"));
      b->path = cd_sql_column_text (st, 6);
      b->n_items = (guint) sqlite3_column_int (st, 7);
      b->letter = cd_sql_column_text (st, 8);
      b->deadline = cd_sql_column_text (st, 9);
      b->recipient = cd_sql_column_text (st, 10);
      cd_batch_channel_from_id ((const char *) sqlite3_column_text (st, 11), &b->channel);
      b->sent_on = cd_sql_column_text (st, 12);
      if (b->sent_on == NULL && b->status != CD_BATCH_DRAFT)
        b->sent_on = g_strdup (b->sent_date);
      cd_batch_channel_from_id ((const char *) sqlite3_column_text (st, 13), &b->sent_channel);
      b->n_scans = (guint) sqlite3_column_int (st, 14);
      g_ptr_array_add (out, b);
    }
  sqlite3_finalize (st);
  return out;
}

GPtrArray *
cd_batch_list (CdStore  *store,
               GError  **error)
{
  return list_batches (store, 0, error);
}

CdBatchInfo *
cd_batch_get (CdStore  *store,
              gint64    batch_id,
              GError  **error)
{
  g_autoptr(GPtrArray) all = list_batches (store, batch_id, error);

  if (all == NULL)
    return NULL;
  if (batch_id <= 0 || all->len == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("This list is no longer in the register (maybe deleted meanwhile). Reload the list of batches."));
      return NULL;
    }
  return g_ptr_array_steal_index (all, 0);
}

CdDeadlineState
cd_batch_info_deadline_state (const CdBatchInfo *info,
                              const char        *today_iso,
                              const CdHolidays  *holidays,
                              int               *days_left)
{
  return cd_batch_deadline_state (info->deadline,
                                  info->sent_on != NULL || info->status != CD_BATCH_DRAFT,
                                  today_iso, holidays, days_left);
}

static gboolean
complete_revocation (CdStore          *store,
                     CdWizardDraft    *draft,
                     const char       *date_iso,
                     const CdHolidays *holidays,
                     GError          **error)
{
  for (guint i = 0; i < draft->items->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (draft->items, i);
      gint64 device_id = item->device_id;

      if (item->certificate_id != 0)
        {
          g_autoptr(CdCertificate) cert = cd_store_get_certificate (store, item->certificate_id, error);
          if (cert == NULL)
            return FALSE;
          if (!cert->revoked
              && !cd_store_revoke_certificate (store, item->certificate_id, date_iso,
                                               item->reason ? item->reason
                                                            : cd_revoke_reason_label (item->revoke_reason),
                                               error))
            return FALSE;
          /* The device to take back is the one the revoked certificate
           * is linked to, as it is now (a list saved before the link
           * existed may name a device guessed from the holder); none
           * when unknown: the wizard said so (cd_wizard_draft_check). */
          device_id = cert->device_id;
        }
      if (device_id != 0
          && !cd_devices_add_recovery_task (store, device_id, item->certificate_id,
                                            date_iso, holidays, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_status (CdStore          *store,
            gint64            batch_id,
            CdBatchStatus     status,
            const char       *date_iso,
            CdBatchChannel    channel,
            const CdHolidays *holidays,
            GError          **error)
{
  g_autoptr(CdWizardDraft) draft = cd_batch_load (store, batch_id, error);
  g_autofree char *sent = NULL;
  g_autofree char *done = NULL;
  g_autofree char *today = cd_text_today_iso ();
  g_autofree char *note = NULL;
  const char *date = date_iso ? date_iso : today;
  sqlite3_stmt *st = NULL;
  int rc;

  if (draft == NULL)
    return FALSE;
  if (status < draft->status || (status == draft->status && status != CD_BATCH_SENT))
    {
      g_set_error (error, CD_WIZARD_ERROR, CD_WIZARD_ERROR_STATUS,
                   _("The list is already “%s”; it cannot go back to “%s”."),
                   cd_batch_status_label (draft->status), cd_batch_status_label (status));
      return FALSE;
    }
  if (!read_batch_dates (store, batch_id, &sent, &done))
    return sql_error (store, error);
  if (status == CD_BATCH_SENT)
    { g_free (sent); sent = g_strdup (date); }
  else if (status == CD_BATCH_DONE)
    {
      g_free (done);
      done = g_strdup (date);
      if (sent == NULL)
        sent = g_strdup (date);
    }
  draft->status = status;
  note = draft_note (draft, sent, done);

  /* The store's revoke and the devices' task each write in their own
   * transaction, so these steps are not one: both are idempotent (an
   * already revoked certificate is skipped, an open task is kept) and the
   * batch turns done only after them, so marking it done again after a
   * failure finishes the rest. */
  if (status == CD_BATCH_DONE && cd_wizard_draft_is_revocation (draft)
      && !complete_revocation (store, draft, date, holidays, error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;
  rc = sqlite3_prepare_v2 (cd_store_get_db (store),
                           "UPDATE request_batches SET status = ?1, note = ?2, sent_on = ?4,"
                           " sent_channel = COALESCE (?5, sent_channel, channel) WHERE id = ?3",
                           -1, &st, NULL);
  if (rc == SQLITE_OK)
    {
      bind_text (st, 1, cd_batch_status_to_id (status));
      bind_text (st, 2, note);
      sqlite3_bind_int64 (st, 3, batch_id);
      bind_text (st, 4, sent);
      bind_text (st, 5, cd_batch_channel_to_id (channel));
      rc = sqlite3_step (st);
      sqlite3_finalize (st);
    }
  if ((rc != SQLITE_OK && rc != SQLITE_DONE)
      || !cd_store_audit (store, "status", "batch", batch_id, NULL, cd_batch_status_to_id (status), error))
    {
      if (rc != SQLITE_OK && rc != SQLITE_DONE)
        sql_error (store, error);
      cd_store_rollback (store);
      return FALSE;
    }
  if (!cd_store_commit (store, error))
    return FALSE;
  cd_store_emit_changed (store, "batch");
  return TRUE;
}

gboolean
cd_batch_set_status (CdStore          *store,
                     gint64            batch_id,
                     CdBatchStatus     status,
                     const char       *date_iso,
                     const CdHolidays *holidays,
                     GError          **error)
{
  return set_status (store, batch_id, status, date_iso, CD_BATCH_CHANNEL_NONE, holidays, error);
}

gboolean
cd_batch_mark_sent (CdStore         *store,
                    gint64           batch_id,
                    const char      *date_iso,
                    CdBatchChannel   channel,
                    GError         **error)
{
  /* sending completes nothing: no holidays needed */
  return set_status (store, batch_id, CD_BATCH_SENT, date_iso, channel, NULL, error);
}
