/* cd-box-handover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-box-handover.h"
#include "cd-device-minutes.h"
#include "cd-device-register.h"
#include "cd-handover-notice.h"
#include "cd-sql.h"
#include "cd-store-worker.h"
#include "cd-text.h"
#include "cd-token-register.h"

void
cd_box_item_free (CdBoxItem *item)
{
  if (item == NULL)
    return;
  g_free (item->serial);
  g_free (item->holder_name);
  g_free (item->holder_position);
  g_free (item->cert_serial);
  g_free (item->reason);
  g_free (item);
}

CdBoxPlan *
cd_box_plan_new (void)
{
  CdBoxPlan *plan = g_new0 (CdBoxPlan, 1);

  plan->ready = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_box_item_free);
  plan->set_aside = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_box_item_free);
  plan->event_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return plan;
}

void
cd_box_plan_free (CdBoxPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_pointer (&plan->ready, g_ptr_array_unref);
  g_clear_pointer (&plan->set_aside, g_ptr_array_unref);
  g_clear_pointer (&plan->event_ids, g_array_unref);
  g_free (plan);
}

static gboolean
in_plan (CdBoxPlan  *plan,
         gint64      device_id,
         const char *serial)
{
  GPtrArray *lists[] = { plan->ready, plan->set_aside };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        CdBoxItem *it = g_ptr_array_index (lists[l], i);
        if ((device_id != 0 && it->device_id == device_id)
            || (device_id == 0 && serial != NULL && g_strcmp0 (it->serial, serial) == 0))
          return TRUE;
      }
  return FALSE;
}

static void
set_aside (CdBoxPlan *plan,
           CdBoxItem *item,
           char      *reason)
{
  item->reason = reason;
  g_ptr_array_add (plan->set_aside, item);
}

/* Who the certificates recorded on the device belong to: the one staff
 * member (the holder's chuyên dùng signing certificate first for
 * @cert_serial), or 0 with @why set when none or several do. */
static gint64
certificate_holder (CdStore  *store,
                    gint64    device_id,
                    char    **cert_serial,
                    char    **why)
{
  g_autoptr(CdSqlStmt) st = NULL;
  gint64 holder = 0;
  gboolean several = FALSE, unit_or_service = FALSE, any = FALSE;

  st = cd_sql_prepare (cd_store_get_db (store),
                       "SELECT staff_id, held_by_unit, service_id, serial FROM certificates"
                       " WHERE device_id = ?"
                       " ORDER BY (track = 'government' AND purpose = 'signing') DESC, not_after DESC, id DESC",
                       NULL);
  if (st == NULL)
    return 0;
  sqlite3_bind_int64 (st, 1, device_id);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      gint64 staff = sqlite3_column_int64 (st, 0);

      any = TRUE;
      if (staff == 0)
        {
          unit_or_service |= sqlite3_column_int (st, 1) != 0 || sqlite3_column_int64 (st, 2) != 0;
          continue;
        }
      if (holder == 0)
        {
          holder = staff;
          *cert_serial = cd_sql_column_text (st, 3);
        }
      else if (staff != holder)
        several = TRUE;
    }
  if (several)
    {
      *why = g_strdup (_("The certificates on this device belong to several people. Check them in the staff records before handing it over."));
      return 0;
    }
  if (holder != 0)
    return holder;
  if (unit_or_service)
    *why = g_strdup (_("This device holds the unit’s or a service’s certificate: it stays with the unit. Pass it to a duty officer from the Devices view."));
  else if (any)
    *why = g_strdup (_("The certificate on this device matches nobody in the register. Link it to its holder (or add the person), then try again."));
  else
    *why = g_strdup (_("No certificate of this device is in the register. Plug the token in so its certificate is read, then try again."));
  return 0;
}

void
cd_box_plan_add_device (CdStore   *store,
                        CdBoxPlan *plan,
                        gint64     device_id)
{
  g_autoptr(CdDevice) device = NULL;
  g_autoptr(CdStaff) staff = NULL;
  g_autoptr(GError) error = NULL;
  CdBoxItem *item;
  char *why = NULL;
  CdDeviceStatus status, next;
  gint64 holder_now, next_holder;

  g_return_if_fail (CD_IS_STORE (store));
  if (in_plan (plan, device_id, NULL))
    return;
  item = g_new0 (CdBoxItem, 1);
  item->device_id = device_id;
  device = cd_store_get_device (store, device_id, NULL);
  if (device == NULL)
    {
      item->serial = g_strdup_printf ("#%" G_GINT64_FORMAT, device_id);
      set_aside (plan, item, g_strdup (_("This device is not in the register.")));
      return;
    }
  item->serial = g_strdup (device->token_serial);
  item->holder_id = certificate_holder (store, device_id, &item->cert_serial, &why);
  if (item->holder_id == 0)
    {
      set_aside (plan, item, why);
      return;
    }
  staff = cd_store_get_staff (store, item->holder_id, NULL);
  item->holder_name = g_strdup (staff != NULL ? staff->full_name : NULL);
  item->holder_position = g_strdup (staff != NULL ? staff->position : NULL);
  if (staff == NULL || staff->left)
    {
      set_aside (plan, item, g_strdup_printf (_("%s has left the unit: the device is not handed to them."),
                                              item->holder_name ? item->holder_name : "?"));
      return;
    }
  if (!cd_device_status_from_id (device->status, &status))
    status = CD_DEVICE_IN_STOCK;
  holder_now = device->holder_id;
  if (status == CD_DEVICE_WITH_HOLDER && holder_now == item->holder_id)
    {
      if (!cd_devices_awaiting_minutes (store, device))
        {
          set_aside (plan, item, g_strdup_printf (_("Already handed to %s."), item->holder_name));
          return;
        }
      /* Registered when first plugged in, never handed with minutes:
       * cd_devices_hand_out() hands it as from stock. */
      status = CD_DEVICE_IN_STOCK;
      holder_now = 0;
    }
  /* The same rule as the handover itself, asked beforehand so the clerk
   * sees every refusal in the list instead of one failed confirmation. */
  if (!cd_handover_apply (status, holder_now, NULL, CD_HANDOVER_HAND_TO_HOLDER, item->holder_id,
                          &next, &next_holder, &error))
    {
      if (holder_now != 0)
        {
          g_autoptr(CdStaff) other = cd_store_get_staff (store, holder_now, NULL);
          set_aside (plan, item, g_strdup_printf (_("This device is still held by %s. Take it back from them first."),
                                                  other != NULL ? other->full_name : "?"));
        }
      else
        set_aside (plan, item, g_strdup (error->message));
      return;
    }
  g_ptr_array_add (plan->ready, item);
}

void
cd_box_plan_add_token (CdStore       *store,
                       CdBoxPlan     *plan,
                       const CdToken *token)
{
  g_autoptr(CdTokenRegistration) reg = NULL;
  g_autoptr(CdDevice) device = NULL;
  CdBoxItem *item;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (token != NULL);

  reg = cd_token_register (store, token);
  if (token->serial != NULL && *token->serial != '\0')
    device = cd_store_find_device_by_serial (store, token->serial);
  if (device != NULL)
    {
      cd_box_plan_add_device (store, plan, device->id);
      return;
    }
  if (in_plan (plan, 0, token->serial))
    return;
  item = g_new0 (CdBoxItem, 1);
  item->serial = g_strdup (token->serial != NULL && *token->serial != '\0' ? token->serial : token->label);
  if (token->certificates == NULL || token->certificates->len == 0)
    set_aside (plan, item, g_strdup (_("No certificate could be read from this token. Check that it is the one the provider issued, and plug it in again.")));
  else
    set_aside (plan, item, g_strdup (_("The certificate on this token matches nobody in the register. Link it to its holder (or add the person), then try again.")));
}

CdBoxPlan *
cd_box_plan_make (CdStore       *store,
                  const gint64  *device_ids,
                  guint          n_devices,
                  GPtrArray     *tokens)
{
  CdBoxPlan *plan = cd_box_plan_new ();

  /* Nothing named: the box just received sits in stock. */
  if (n_devices == 0 && tokens == NULL)
    {
      g_autoptr(CdSqlStmt) st = cd_sql_prepare (cd_store_get_db (store),
                                                "SELECT id FROM devices WHERE status = 'in_stock'"
                                                " AND type = 'TOKEN' AND service_id IS NULL ORDER BY token_serial",
                                                NULL);
      while (st != NULL && sqlite3_step (st) == SQLITE_ROW)
        cd_box_plan_add_device (store, plan, sqlite3_column_int64 (st, 0));
      return plan;
    }
  for (guint i = 0; i < n_devices; i++)
    cd_box_plan_add_device (store, plan, device_ids[i]);
  for (guint i = 0; tokens != NULL && i < tokens->len; i++)
    cd_box_plan_add_token (store, plan, g_ptr_array_index (tokens, i));
  return plan;
}

typedef struct {
  GArray    *ids;
  GPtrArray *tokens;
} PlanArgs;

static void
plan_args_free (PlanArgs *a)
{
  g_array_unref (a->ids);
  g_clear_pointer (&a->tokens, g_ptr_array_unref);
  g_free (a);
}

static gpointer
plan_work (CdStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  PlanArgs *a = data;

  return cd_box_plan_make (store, (const gint64 *) (gpointer) a->ids->data, a->ids->len, a->tokens);
}

void
cd_box_plan_make_async (CdStore             *store,
                        const gint64        *device_ids,
                        guint                n_devices,
                        GPtrArray           *tokens,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  PlanArgs *a = g_new0 (PlanArgs, 1);

  a->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (n_devices > 0)
    g_array_append_vals (a->ids, device_ids, n_devices);
  if (tokens != NULL)
    {
      a->tokens = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_token_free);
      for (guint i = 0; i < tokens->len; i++)
        g_ptr_array_add (a->tokens, cd_token_copy (g_ptr_array_index (tokens, i)));
    }
  /* Plugged tokens store their certificates and may become devices. */
  cd_store_run_async (store, plan_work, a, (GDestroyNotify) plan_args_free,
                      (GDestroyNotify) cd_box_plan_free, tokens != NULL ? "device" : NULL,
                      cd_box_plan_make_async, cancellable, callback, user_data);
}

CdBoxPlan *
cd_box_plan_make_finish (CdStore       *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  return cd_store_run_finish (store, result, cd_box_plan_make_async, error);
}

gboolean
cd_box_hand_out (CdStore     *store,
                 CdBoxPlan   *plan,
                 const char  *date_iso,
                 const char  *target,
                 gboolean     overwrite,
                 GError     **error)
{
  g_autoptr(CdUnit) unit = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) holders = NULL;
  g_autoptr(GPtrArray) minutes = NULL;
  g_autoptr(GPtrArray) renderers = NULL;
  g_autoptr(CdHandoverNotice) notice = NULL;
  g_autoptr(GArray) copies = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan != NULL && target != NULL, FALSE);

  if (plan->ready->len == 0)
    {
      g_set_error_literal (error, CD_HANDOVER_ERROR, CD_HANDOVER_ERROR_INVALID,
                           _("No device of the box can be handed out: each was set aside (see the reasons)."));
      return FALSE;
    }
  if (!overwrite && g_file_test (target, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("The file “%s” already exists. Choose another name, or allow replacing it (--force)."),
                   target);
      return FALSE;
    }
  unit = cd_store_get_unit (store);
  events = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_handover_event_free);
  holders = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < plan->ready->len; i++)
    {
      CdBoxItem *it = g_ptr_array_index (plan->ready, i);
      CdHandoverEvent *ev = cd_handover_event_new (CD_HANDOVER_HAND_TO_HOLDER, date_iso);

      ev->device_id = it->device_id;
      ev->place = g_strdup (unit->name);
      /* The unit's head gives, the holder receives: the two sides of
       * Mẫu 07 as the event dialog fills them. */
      g_ptr_array_add (ev->people, cd_event_person_new ("giver", unit->head_name, unit->head_title, NULL));
      g_ptr_array_add (ev->people, cd_event_person_new ("receiver", it->holder_name, it->holder_position, NULL));
      g_ptr_array_add (events, ev);
      g_array_append_val (holders, it->holder_id);
    }
  if (!cd_devices_hand_out (store, events, (const gint64 *) (gpointer) holders->data, error))
    return FALSE;

  g_array_set_size (plan->event_ids, 0);
  minutes = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_minutes_free);
  renderers = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_page_renderer_free);
  copies = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < events->len; i++)
    {
      CdHandoverEvent *ev = g_ptr_array_index (events, i);
      CdMinutes *m;
      guint two = CD_MINUTES_COPIES;

      g_array_append_val (plan->event_ids, ev->id);
      m = cd_minutes_new (store, ev, NULL, 0, error);
      if (m == NULL)
        return FALSE;
      g_ptr_array_add (minutes, m);
      g_ptr_array_add (renderers, cd_minutes_renderer_new (m));
      g_array_append_val (copies, two);
    }
  notice = cd_handover_notice_new_for_events (store, (const gint64 *) (gpointer) plan->event_ids->data,
                                              plan->event_ids->len, date_iso, error);
  if (notice == NULL)
    return FALSE;
  {
    guint one = 1;
    g_ptr_array_add (renderers, cd_handover_notice_renderer_new (notice));
    g_array_append_val (copies, one);
  }
  if (!cd_page_renderers_export_pdf ((CdPageRenderer * const *) renderers->pdata,
                                     (const guint *) (gpointer) copies->data, renderers->len,
                                     target, TRUE, error))
    return FALSE;
  /* The file is written: a register that cannot note it is no failure. */
  cd_store_record_document (store, target, "minutes-pdf", "mau-07", NULL, NULL, NULL);
  return TRUE;
}

typedef struct {
  CdBoxPlan *plan;
  char      *date;
  char      *target;
} HandOut;

static void
hand_out_free (HandOut *h)
{
  g_free (h->date);
  g_free (h->target);
  g_free (h);
}

static gpointer
hand_out_work (CdStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  HandOut *h = data;

  return cd_box_hand_out (store, h->plan, h->date, h->target, TRUE, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
cd_box_hand_out_async (CdStore             *store,
                       CdBoxPlan           *plan,
                       const char          *date_iso,
                       const char          *target,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  HandOut *h = g_new0 (HandOut, 1);

  h->plan = plan;
  h->date = g_strdup (date_iso);
  h->target = g_strdup (target);
  cd_store_run_async (store, hand_out_work, h, (GDestroyNotify) hand_out_free, NULL, "device",
                      cd_box_hand_out_async, cancellable, callback, user_data);
}

gboolean
cd_box_hand_out_finish (CdStore       *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  return cd_store_run_finish (store, result, cd_box_hand_out_async, error) != NULL;
}
