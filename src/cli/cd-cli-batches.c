/* cd-cli-batches.c — the lists (batches) of Hồ sơ, headless
 *
 *   --list-batches [--json]     every list: number, kind, status, the
 *                               letter it answers, its deadline and
 *                               state, recipient, channel, people, the
 *                               Word file and the signed scans
 *   --attach-scan=FILE --batch=ID
 *                               copy a signed scan (PDF, JPEG, PNG) into
 *                               the data folder and record it with the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-batch.h"
#include "cd-batch-scan.h"
#include "cd-cli-areas.h"
#include "cd-device-register.h"
#include "cd-text.h"
#include "cd-wizard-kind.h"

const GOptionEntry cd_cli_batches_entries[] = {
  { "list-batches", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the request and revocation lists with their letter, deadline, recipient and scans"), NULL },
  { "attach-scan", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Attach the signed scan (PDF, JPEG or PNG) of the list given by --batch"), N_("FILE") },
  { "batch", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --attach-scan or --generate: the number of the list, as --list-batches shows it"), N_("ID") },
  { NULL }
};

static const char *
state_id (CdDeadlineState state)
{
  static const char *const ids[] = { "none", "due", "due-soon", "overdue", "sent" };
  return ids[state];
}

static void
json_batch (JsonBuilder  *b,
            CdBatchInfo  *info,
            GPtrArray    *scans,
            const char   *today,
            CdHolidays   *holidays)
{
  int days = 0;
  CdDeadlineState state = cd_batch_info_deadline_state (info, today, holidays, &days);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, info->id);
  cd_cli_json_string (b, "kind", info->kind);
  cd_cli_json_string (b, "status", cd_batch_status_to_id (info->status));
  cd_cli_json_string (b, "doc_number", info->doc_number);
  cd_cli_json_string (b, "date", info->date);
  cd_cli_json_string (b, "letter", info->letter);
  cd_cli_json_string (b, "deadline", info->deadline);
  cd_cli_json_string (b, "deadline_state", state_id (state));
  json_builder_set_member_name (b, "days_left");
  json_builder_add_int_value (b, days);
  cd_cli_json_string (b, "recipient", info->recipient);
  cd_cli_json_string (b, "channel", cd_batch_channel_to_id (info->channel));
  cd_cli_json_string (b, "sent_on", info->sent_on);
  cd_cli_json_string (b, "sent_channel", cd_batch_channel_to_id (info->sent_channel));
  json_builder_set_member_name (b, "people");
  json_builder_add_int_value (b, info->n_items);
  cd_cli_json_string (b, "file", info->path);
  json_builder_set_member_name (b, "scans");
  json_builder_begin_array (b);
  for (guint i = 0; scans != NULL && i < scans->len; i++)
    {
      CdBatchScan *s = g_ptr_array_index (scans, i);
      json_builder_begin_object (b);
      cd_cli_json_string (b, "path", s->path);
      cd_cli_json_string (b, "name", s->name);
      cd_cli_json_string (b, "mime", s->mime);
      json_builder_set_member_name (b, "size");
      json_builder_add_int_value (b, s->size);
      cd_cli_json_string (b, "sha256", s->sha256);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static int
list_batches (CdCliEnv *env)
{
  g_autoptr(GError) error = NULL;
  CdStore *store = cd_cli_env_get_store (env, &error);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(CdHolidays) holidays = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *today = cd_text_today_iso ();

  if (store == NULL || (all = cd_batch_list (store, &error)) == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  holidays = cd_devices_load_holidays (store, NULL);
  json_builder_begin_array (b);
  for (guint i = 0; i < all->len; i++)
    {
      CdBatchInfo *info = g_ptr_array_index (all, i);
      g_autoptr(GPtrArray) scans = cd_batch_list_scans (store, info->id, NULL);
      int days = 0;
      CdDeadlineState state = cd_batch_info_deadline_state (info, today, holidays, &days);
      g_autofree char *deadline = info->deadline ? cd_text_date_display (info->deadline) : g_strdup ("");
      g_autofree char *said = cd_batch_deadline_describe (state, days, info->deadline);
      const char *title = cd_wizard_kind_title (info->kind);

      if (env->json)
        {
          json_batch (b, info, scans, today, holidays);
          continue;
        }
      /* one list a line, tab-separated: easy to read and to cut */
      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%u\t%s\t%u\n",
               info->id, title ? title : info->kind, cd_batch_status_label (info->status),
               info->letter ? info->letter : "", deadline, said,
               info->recipient ? info->recipient : "", cd_batch_channel_label (info->channel),
               info->n_items, info->path ? info->path : "", scans ? scans->len : 0);
    }
  json_builder_end_array (b);
  if (env->json)
    cd_cli_json_print (b);
  return 0;
}

static int
attach_scan (CdCliEnv     *env,
             GVariantDict *options,
             const char   *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdBatchScan) scan = NULL;
  const char *batch = NULL;
  guint64 id = 0;
  CdStore *store;

  if (!g_variant_dict_lookup (options, "batch", "&s", &batch)
      || !g_ascii_string_to_unsigned (batch, 10, 1, G_MAXINT64, &id, NULL))
    {
      cd_cli_printerr ("%s", _("Say which list the scan belongs to: --batch=ID, with the number --list-batches shows"));
      return 2;
    }
  store = cd_cli_env_get_store (env, &error);
  if (store == NULL
      || (scan = cd_batch_attach_scan (store, (gint64) id, path, &error)) == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  g_print ("%s\t%s\n", scan->path, scan->sha256);
  return 0;
}

int
cd_cli_batches_run (GVariantDict *options,
                    CdCliEnv     *env)
{
  const char *path = NULL;

  if (g_variant_dict_contains (options, "list-batches"))
    return list_batches (env);
  if (g_variant_dict_lookup (options, "attach-scan", "^&ay", &path) && path != NULL && *path != '\0')
    return attach_scan (env, options, path);
  return -1;
}
