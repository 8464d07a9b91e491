/* cd-cli-box.c — a delivered box of tokens handed out at once, headless
 *
 *   --hand-out-box --output=FILE.pdf [--devices=ID,ID…]
 *       matches each token plugged in now (or each device named) to its
 *       holder by the certificate on it, hands them all out today and
 *       writes every Mẫu 07 (two copies each) and the notice to the Cục
 *       into one PDF; what cannot be handed is listed with the reason
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-box-handover.h"
#include "cd-cli-areas.h"
#include "cd-text.h"

const GOptionEntry cd_cli_box_entries[] = {
  { "hand-out-box", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Hand a delivered box of tokens to their holders at once: the tokens plugged in now (or --devices), matched by their certificates; writes every handover record and the notice into --output (PDF), then exit"),
    NULL },
  { "devices", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --hand-out-box: the devices to hand out, by id (as --list-devices --json shows), instead of the tokens plugged in"),
    N_("ID,ID…") },
  { NULL }
};

static gboolean
parse_ids (const char  *text,
           GArray      *ids)
{
  g_auto(GStrv) parts = g_strsplit_set (text, ", ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 id;

      if (*parts[i] == '\0')
        continue;
      if (!g_ascii_string_to_unsigned (parts[i], 10, 1, G_MAXINT64, &id, NULL))
        return FALSE;
      g_array_append_val (ids, id);
    }
  return ids->len > 0;
}

int
cd_cli_box_run (GVariantDict *options,
                CdCliEnv     *env)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdBoxPlan) plan = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) tokens = NULL;
  g_autofree char *today = NULL;
  const char *output;
  const char *devices = NULL;
  CdStore *store;

  if (!g_variant_dict_contains (options, "hand-out-box"))
    return -1;
  output = cd_cli_option_path (options, "output");
  if (output == NULL)
    {
      cd_cli_printerr ("%s", _("Give the PDF file to write the handover records into, e.g. --output=ban-giao.pdf."));
      return 2;
    }
  if (g_variant_dict_lookup (options, "devices", "&s", &devices) && devices != NULL
      && !parse_ids (devices, ids))
    {
      cd_cli_printerr ("%s", _("--devices takes device ids separated by commas, e.g. --devices=3,4,7."));
      return 2;
    }
  if (!env->force && g_file_test (output, G_FILE_TEST_EXISTS))
    {
      cd_cli_printerr (_("The file “%s” already exists. Choose another name, or allow replacing it (--force)."),
                       output);
      return 1;
    }
  store = cd_cli_env_get_store (env, &error);
  if (store == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  if (ids->len == 0)
    {
      g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);

      tokens = cd_cli_tokens_read_plugged (options, NULL, errors);
      for (guint i = 0; i < errors->len; i++)
        {
          g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (errors, i), "\n", 2);
          cd_cli_printerr ("%s", parts[1] ? parts[1] : parts[0]);
        }
      if (tokens->len == 0)
        {
          cd_cli_printerr ("%s", _("No token is plugged in. Plug the tokens of the box in, or name the devices with --devices."));
          return 1;
        }
    }
  plan = cd_box_plan_make (store, (const gint64 *) (gpointer) ids->data, ids->len, tokens);
  for (guint i = 0; i < plan->set_aside->len; i++)
    {
      const CdBoxItem *it = g_ptr_array_index (plan->set_aside, i);
      /* Translators: a device serial, then why it is not handed out */
      g_print (_("Set aside %s: %s\n"), it->serial ? it->serial : "?", it->reason);
    }
  if (plan->ready->len == 0)
    {
      cd_cli_printerr ("%s", _("No device of the box can be handed out: each was set aside (see the reasons)."));
      return 1;
    }
  today = cd_text_today_iso ();
  if (!cd_box_hand_out (store, plan, today, output, env->force, &error))
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  for (guint i = 0; i < plan->ready->len; i++)
    {
      const CdBoxItem *it = g_ptr_array_index (plan->ready, i);
      /* Translators: a device serial, then the staff member's name */
      g_print (_("Handed %s to %s\n"), it->serial ? it->serial : "?", it->holder_name ? it->holder_name : "?");
    }
  /* Translators: %u devices, %s the PDF */
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u device handed out; records and notice written to %s\n",
                        "%u devices handed out; records and notice written to %s\n", plan->ready->len),
           plan->ready->len, output);
  return 0;
}
