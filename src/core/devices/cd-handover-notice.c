/* cd-handover-notice.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <sqlite3.h>
#include <glib/gi18n.h>

#include "cd-sql.h"
#include "cd-device-register.h"
#include "cd-handover-notice.h"
#include "cd-sql.h"
#include "cd-text.h"

/* Only handovers with a day: one without (a device registered with the
 * holder who already had it, schema 10) happened in no period of ours. */
#define EVENTS_SQL \
  "SELECT e.date, s.id, s.full_name, s.position, d.token_serial, d.id, e.certificate_serial" \
  " FROM handover_events e" \
  " JOIN staff s ON s.id = e.staff_id" \
  " LEFT JOIN devices d ON d.id = e.device_id" \
  " WHERE e.kind = 'hand_to_holder' AND e.date IS NOT NULL"

struct _CdHandoverNotice
{
  CdDocContext *ctx;
  char         *from;   /* ISO */
  char         *to;
  GPtrArray    *rows;   /* char*[5]: STT, name and position, device, cert, date */
};

void
cd_handover_notice_free (CdHandoverNotice *n)
{
  if (n == NULL)
    return;
  g_clear_pointer (&n->ctx, cd_doc_context_free);
  g_free (n->from);
  g_free (n->to);
  g_clear_pointer (&n->rows, g_ptr_array_unref);
  g_free (n);
}

guint
cd_handover_notice_count (const CdHandoverNotice *n)
{
  return n->rows->len;
}

const char *const *
cd_handover_notice_get_row (const CdHandoverNotice *n,
                            guint                   i)
{
  g_return_val_if_fail (i < n->rows->len, NULL);
  return g_ptr_array_index (n->rows, i);
}

/* One row of the letter from a row of EVENTS_SQL. */
static void
add_row (CdStore          *store,
         CdHandoverNotice *n,
         sqlite3_stmt     *st)
{
  const char *date = (const char *) sqlite3_column_text (st, 0);
  const char *name = (const char *) sqlite3_column_text (st, 2);
  const char *position = (const char *) sqlite3_column_text (st, 3);
  const char *device = (const char *) sqlite3_column_text (st, 4);
  const char *then = (const char *) sqlite3_column_text (st, 6);
  g_autoptr(CdCertificate) cert = NULL;
  char **row = g_new0 (char *, 6);

  /* The certificate the device carried at the handover; when that is
   * not known (recorded before schema 8, or linked only afterwards), the
   * device's certificate today. */
  if (then == NULL)
    cert = cd_devices_device_certificate (store, sqlite3_column_int64 (st, 5));

  row[0] = g_strdup_printf ("%u", n->rows->len + 1);
  row[1] = position && *position ? g_strdup_printf ("%s\n%s", name, position) : g_strdup (name);
  row[2] = g_strdup (device ? device : "");
  row[3] = g_strdup (then != NULL ? then : cert && cert->serial ? cert->serial : "");
  row[4] = cd_text_date_display (date);
  g_ptr_array_add (n->rows, row);
}

CdHandoverNotice *
cd_handover_notice_new (CdStore     *store,
                        const char  *from_iso,
                        const char  *to_iso,
                        const char  *date_iso,
                        GError     **error)
{
  g_autoptr(CdHandoverNotice) n = g_new0 (CdHandoverNotice, 1);
  g_autoptr(CdUnit) unit = NULL;
  sqlite3_stmt *st = NULL;
  int y, m, d;

  if (from_iso == NULL || to_iso == NULL || date_iso == NULL
      || sscanf (date_iso, "%d-%d-%d", &y, &m, &d) != 3
      || g_strcmp0 (from_iso, to_iso) > 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The period of the notice is not valid. Give its first and last day as dd/mm/yyyy, the first not after the last."));
      return NULL;
    }

  unit = cd_store_get_unit (store);
  n->ctx = cd_doc_context_new (unit);
  n->ctx->year = y;
  n->ctx->month = m;
  n->ctx->day = d;
  n->from = g_strdup (from_iso);
  n->to = g_strdup (to_iso);
  n->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  /* The handovers of the period, in one query over the register's
   * history (the devices area writes it). */
  if (sqlite3_prepare_v2 (cd_store_get_db (store),
                          EVENTS_SQL " AND e.date BETWEEN ? AND ?"
                          " ORDER BY e.date, e.id", -1, &st, NULL) != SQLITE_OK)
    {
      cd_sql_set_last_error (cd_store_get_db (store), error);
      return NULL;
    }
  sqlite3_bind_text (st, 1, from_iso, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, to_iso, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (st) == SQLITE_ROW)
    add_row (store, n, st);
  sqlite3_finalize (st);

  if (n->rows->len == 0)
    {
      g_autofree char *a = cd_text_date_display (from_iso);
      g_autofree char *b = cd_text_date_display (to_iso);
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                   _("No device was handed to a staff member from %s to %s: there is nothing to notify."),
                   a, b);
      return NULL;
    }

  return g_steal_pointer (&n);
}

CdHandoverNotice *
cd_handover_notice_new_for_events (CdStore       *store,
                                   const gint64  *event_ids,
                                   guint          n_events,
                                   const char    *date_iso,
                                   GError       **error)
{
  g_autoptr(CdHandoverNotice) n = g_new0 (CdHandoverNotice, 1);
  g_autoptr(CdUnit) unit = NULL;
  g_autoptr(CdSqlStmt) st = NULL;
  int y, m, d;

  if (date_iso == NULL || sscanf (date_iso, "%d-%d-%d", &y, &m, &d) != 3)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The date of the notice is not valid. Give it as dd/mm/yyyy."));
      return NULL;
    }
  unit = cd_store_get_unit (store);
  n->ctx = cd_doc_context_new (unit);
  n->ctx->year = y;
  n->ctx->month = m;
  n->ctx->day = d;
  n->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  st = cd_sql_prepare (cd_store_get_db (store), EVENTS_SQL " AND e.id = ?", error);
  if (st == NULL)
    return NULL;
  for (guint i = 0; i < n_events; i++)
    {
      const char *date;

      sqlite3_reset (st);
      sqlite3_bind_int64 (st, 1, event_ids[i]);
      if (sqlite3_step (st) != SQLITE_ROW)
        continue;
      date = (const char *) sqlite3_column_text (st, 0);
      /* The period the letter names: the first and last handover. */
      if (n->from == NULL || g_strcmp0 (date, n->from) < 0)
        {
          g_free (n->from);
          n->from = g_strdup (date);
        }
      if (n->to == NULL || g_strcmp0 (date, n->to) > 0)
        {
          g_free (n->to);
          n->to = g_strdup (date);
        }
      add_row (store, n, st);
    }
  if (n->rows->len == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("No device was handed to a staff member: there is nothing to notify."));
      return NULL;
    }
  return g_steal_pointer (&n);
}

CdPageRenderer *
cd_handover_notice_renderer_new (const CdHandoverNotice *n)
{
  /* Widths that keep a 16-character device serial, a 20-byte certificate
   * serial and a date on one line at 11 pt in portrait. */
  static const char *heads[] = { "STT", "Họ và tên, chức vụ", "Số thiết bị",
                                 "Số hiệu chứng thư số", "Ngày bàn giao" };
  static const double widths[] = { 6, 24, 23, 31, 16 };
  CdPageRenderer *r = cd_page_renderer_new (CD_PAGE_CUSTOM, n->ctx);
  const CdUnit *unit = n->ctx->unit;
  const char *name = unit->name && *unit->name ? unit->name : "……";
  g_autofree char *from = cd_text_date_display (n->from);
  g_autofree char *to = cd_text_date_display (n->to);
  g_autofree char *subject = g_strdup_printf ("Về việc bàn giao thiết bị lưu khóa bí mật cho thuê bao từ ngày %s đến ngày %s",
                                              from, to);
  g_autofree char *body = g_strdup_printf ("Thực hiện Nghị định số 68/2024/NĐ-CP ngày 25/6/2024 của Chính phủ, "
                                           "%s thông báo đã bàn giao %u thiết bị lưu khóa bí mật cho các thuê bao "
                                           "có tên dưới đây:", name, n->rows->len);
  /* The signer's title in capitals, as Nghị định 30/2020 sets it. */
  g_autofree char *upper = cd_doc_field_value (n->ctx, NULL, 0, "chuc_danh_ky");
  const char *title = *upper ? upper : "THỦ TRƯỞNG ĐƠN VỊ";
  const char *right[3] = { title, "(Ký, ghi rõ họ tên, đóng dấu)", unit->head_name ? unit->head_name : "" };
  static const char *recipients[] = { "Nơi nhận:", "- Như trên;", "- Lưu: VT.", NULL };
  g_autofree char *closing = g_strdup_printf ("%s trân trọng thông báo./.", name);
  g_autofree char *number = cd_doc_field_value (n->ctx, NULL, 0, "so_van_ban");
  g_autofree char *number_line = g_strdup_printf ("Số: %s", number);

  /* A notice is a numbered document: its number under the unit's name. */
  cd_page_renderer_add_numbered_frame (r, number_line);
  cd_page_renderer_add_text (r, "THÔNG BÁO", 14, TRUE, FALSE, CD_PAGE_ALIGN_CENTER, 12);
  cd_page_renderer_add_text (r, subject, 14, TRUE, FALSE, CD_PAGE_ALIGN_CENTER, 0);
  cd_page_renderer_add_text (r, "Kính gửi: Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ.",
                             14, FALSE, FALSE, CD_PAGE_ALIGN_CENTER, 12);
  cd_page_renderer_add_text (r, body, 14, FALSE, FALSE, CD_PAGE_ALIGN_BODY, 12);
  cd_page_renderer_add_table (r, G_N_ELEMENTS (heads), widths, heads, n->rows, 11);
  cd_page_renderer_add_text (r, closing, 14, FALSE, FALSE, CD_PAGE_ALIGN_BODY, 6);
  cd_page_renderer_add_signature_and_recipients (r, right, recipients, 12);
  return r;
}

gboolean
cd_handover_notice_export_pdf (const CdHandoverNotice *n,
                               const char             *target,
                               gboolean                overwrite,
                               GError                **error)
{
  g_autoptr(CdPageRenderer) r = cd_handover_notice_renderer_new (n);

  return cd_page_renderer_export_pdf (r, target, overwrite, error);
}
