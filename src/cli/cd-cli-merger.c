/* cd-cli-merger.c — a merger or a new name of the unit, headless
 *
 *   certdesk --merge-unit --new-name=NAME [--new-parent=…] [--new-province=…]
 *            [--new-email=…] [--keep-seal=SERIAL] [--dry-run]
 *
 * Prints the plan (who asks for a change of content, which seals are
 * revoked, which commercial certificates are left out), then applies it
 * unless --dry-run (the option of --import-staff, cd-cli-store.c): the
 * same core calls as the window's dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-cli-areas.h"
#include "cd-merger.h"

const GOptionEntry cd_cli_merger_entries[] = {
  { "merge-unit", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Rename the unit or merge it into a new one (with --new-name …): print the certificates to change and to revoke, apply it, then exit"), NULL },
  { "new-name", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --merge-unit: the unit's new name"), N_("NAME") },
  { "new-parent", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --merge-unit: the new managing body, if it changes"), N_("NAME") },
  { "new-province", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --merge-unit: the new province, if it changes"), N_("NAME") },
  { "new-email", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --merge-unit: the unit's new official email, if it changes"), N_("EMAIL") },
  { "keep-seal", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --merge-unit: the serial of the organisation certificate that survives"), N_("SERIAL") },
  { NULL }
};

static const char *
opt (GVariantDict *options,
     const char   *name)
{
  const char *value = NULL;

  if (g_variant_dict_lookup (options, name, "&s", &value) && value != NULL && *value != '\0')
    return value;
  return NULL;
}

/* The seals a clerk can name with --keep-seal. */
static void
print_seals (CdStore *store)
{
  g_autoptr(GPtrArray) seals = cd_store_list_certificates_held (store, CD_CERT_HOLDER_UNIT, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; seals != NULL && i < seals->len; i++)
    {
      CdCertificate *c = g_ptr_array_index (seals, i);
      if (!c->revoked && c->not_after > now)
        g_printerr ("  --keep-seal=%s  (%s)\n", c->serial, c->subject_cn ? c->subject_cn : "");
    }
}

static int
merge_unit (GVariantDict *options,
            CdCliEnv     *env)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdMergerRequest) req = cd_merger_request_new ();
  g_autoptr(CdMergerPlan) plan = NULL;
  const char *keep = opt (options, "keep-seal");
  gboolean dry = g_variant_dict_contains (options, "dry-run");
  CdStore *store;

  req->new_name = g_strdup (opt (options, "new-name"));
  req->new_parent = g_strdup (opt (options, "new-parent"));
  req->new_province = g_strdup (opt (options, "new-province"));
  req->new_email = g_strdup (opt (options, "new-email"));
  if (req->new_name == NULL && req->new_parent == NULL && req->new_province == NULL
      && req->new_email == NULL)
    {
      cd_cli_printerr ("%s", _("--merge-unit needs --new-name=NAME (and, if they change, --new-parent, --new-province, --new-email)."));
      return 2;
    }
  store = cd_cli_env_get_store (env, &error);
  if (store == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  if (keep != NULL)
    {
      g_autoptr(GPtrArray) seals = cd_store_list_certificates_held (store, CD_CERT_HOLDER_UNIT, 0, &error);
      for (guint i = 0; seals != NULL && i < seals->len; i++)
        {
          CdCertificate *c = g_ptr_array_index (seals, i);
          if (g_ascii_strcasecmp (c->serial, keep) == 0)
            req->keep_seal_id = c->id;
        }
      if (req->keep_seal_id == 0)
        {
          cd_cli_printerr (_("No organisation certificate of the unit has the serial “%s”. The unit's certificates:"), keep);
          print_seals (store);
          return 1;
        }
    }

  plan = cd_merger_plan (store, req, g_get_real_time () / G_USEC_PER_SEC, &error);
  if (plan == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      if (g_error_matches (error, CD_MERGER_ERROR, CD_MERGER_ERROR_PICK_SEAL))
        print_seals (store);
      return 1;
    }
  {
    g_autofree char *text = cd_merger_plan_describe (plan);
    g_print ("%s", text);
  }
  if (dry)
    {
      g_print ("%s\n", _("Nothing was written (--dry-run)."));
      return 0;
    }
  g_clear_pointer (&plan, cd_merger_plan_free);
  plan = cd_merger_apply (store, req, &error);
  if (plan == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  g_print (_("Done: the unit is now “%s”; the old name is kept among its former names.\n"), plan->unit->name);
  if (plan->change_batch_id != 0)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, plan->change_batch_id);
      g_print (_("Draft list no. %s (change of details) is in Documents.\n"), n);
    }
  if (plan->revoke_batch_id != 0)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, plan->revoke_batch_id);
      g_print (_("Draft list no. %s (revocation) is in Documents.\n"), n);
    }
  return 0;
}

int
cd_cli_merger_run (GVariantDict *options,
                   CdCliEnv     *env)
{
  if (g_variant_dict_contains (options, "merge-unit"))
    return merge_unit (options, env);
  return -1;
}
