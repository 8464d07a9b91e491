/* cd-cli-revocation.c — revocation lists from the command line
 *
 *   --generate=thu-hoi|mau-05 --output=FILE.docx [--reason=TEXT]
 *                [--template=FILE.docx] [--letter=… …]
 *       without --staff: the list the revocation wizard suggests
 *       (cd_wizard_suggest: one row per chuyên dùng certificate in force
 *       of whoever left, the certificates of lost devices, nothing
 *       already on a revocation list sent to the provider), written and
 *       recorded as a batch as the wizard does (cd_wizard_draft_generate)
 *
 * The rule is the wizard's, in core; this file only asks for it and tells
 * the clerk at the terminal what the window would show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-cli-form.h"
#include "cd-cli-revocation.h"
#include "cd-device-link.h"
#include "cd-doc-people.h"
#include "cd-docx.h"
#include "cd-settings.h"
#include "cd-wizard-generate.h"
#include "cd-wizard-kind.h"
#include "cd-wizard-preview.h"
#include "cd-wizard-suggest.h"

gboolean
cd_cli_revocation_kind (const char *kind)
{
  return g_strcmp0 (kind, "thu-hoi") == 0 || g_strcmp0 (kind, "mau-05") == 0;
}

typedef struct {
  const CdDocContext *ctx;
  GPtrArray          *names;   /* of the people with no reason */
} Unreasoned;

static gboolean
collect_unreasoned (const CdDocPerson  *person,
                    guint               index,
                    gpointer            user_data,
                    GError            **error)
{
  Unreasoned *u = user_data;
  /* the reason as printed: --reason, the revocation's, why they left */
  g_autofree char *reason = cd_doc_field_value (u->ctx, person, index, "ly_do");

  if (*g_strstrip (reason) == '\0' && person->staff != NULL)
    g_ptr_array_add (u->names, g_strdup (person->staff->full_name));
  return TRUE;
}

/* The clerk may fill the column by hand, so the list is still written;
 * the window asks for the reason instead. */
gboolean
cd_cli_revocation_warn_unreasoned (const CdDocContext  *ctx,
                                   const char          *kind,
                                   GError             **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  Unreasoned data = { ctx, names };

  if (!cd_cli_revocation_kind (kind))
    return TRUE;
  if (!cd_doc_context_foreach_person (ctx, collect_unreasoned, &data, error))
    return FALSE;
  if (names->len == 0)
    return TRUE;
  cd_cli_printerr (g_dngettext (GETTEXT_PACKAGE,
                                "%u person has no reason for revocation: the column is left empty for them. Give it with --reason=TEXT, or record in the staff record why they left:",
                                "%u people have no reason for revocation: the column is left empty for them. Give it with --reason=TEXT, or record in the staff records why they left:",
                                names->len),
                   names->len);
  for (guint i = 0; i < names->len; i++)
    g_printerr ("  %s\n", (const char *) g_ptr_array_index (names, i));
  return TRUE;
}

/* A certificate linked to no device: no device is printed for it and
 * none is taken back (issue 16); said with how to link it, as the list
 * of the register said it before. */
static void
warn_unknown_devices (const CdDocContext *ctx)
{
  for (guint i = 0; i < ctx->people->len; i++)
    {
      const CdDocPerson *p = g_ptr_array_index (ctx->people, i);
      g_autofree char *note = NULL;

      if (p->cert == NULL || p->cert->device_id != 0 || p->staff == NULL)
        continue;
      note = cd_devices_unknown_device_note (p->staff->full_name, p->cert->serial);
      cd_cli_printerr ("%s", note);
    }
}

/* The Sở's own form (no placeholders): the columns CertDesk cannot fill,
 * told as the other lists tell them, of the table a revocation fills
 * (a form may hold the request list too, seed 002). */
static void
tell_empty_columns (const char *template_path,
                    const char *kind)
{
  g_autoptr(CdWizardTemplateInfo) info = NULL;

  if (template_path == NULL
      || (info = cd_wizard_template_inspect (template_path, kind, NULL)) == NULL
      || info->columns == NULL)
    return;
  for (guint i = 0; i < info->columns->len; i++)
    {
      CdFormColumn *c = g_ptr_array_index (info->columns, i);
      if (c->field == NULL)
        g_print (_("Column %u “%s” was left empty: CertDesk does not know what to put in it.\n"),
                 c->column + 1, c->header);
    }
}

int
cd_cli_revocation_generate (CdCliEnv      *env,
                            GVariantDict  *options,
                            const char    *kind,
                            CdWizardDraft *draft,
                            const char    *output,
                            const char    *template_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(CdDocContext) ctx = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *abs = NULL;
  g_autofree char *xlsx = NULL;
  g_autofree char *no = NULL;
  const char *given = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int threshold = cd_settings_expiry_threshold_days (NULL);
  CdStore *store;

  if (g_variant_dict_lookup (options, "reason", "&s", &given))
    {
      reason = g_strstrip (g_strdup (given));
      if (*reason == '\0')
        {
          cd_cli_printerr ("%s", _("--reason is empty: give the text to print, for example --reason=\"Mất thiết bị\""));
          return 2;
        }
    }
  store = cd_cli_env_get_store (env, &error);
  if (store == NULL)
    goto fail;
  /* Mẫu 05 is the Sở's form of the same list: the wizard's thu-hoi */
  items = cd_wizard_suggest (store, cd_wizard_kind_of_document (kind), now, threshold, NULL, &error);
  if (items == NULL)
    goto fail;
  /* each suggestion a row: a revocation is one row per certificate */
  for (guint i = 0; i < items->len; i++)
    {
      CdWizardItem *item = cd_wizard_item_copy (g_ptr_array_index (items, i));

      if (reason != NULL)
        cd_wizard_item_set_revoke_reason (item, CD_REVOKE_OTHER, reason);
      g_ptr_array_add (draft->items, item);
    }
  if (template_path != NULL)
    cd_wizard_draft_set_text (&draft->template_path, template_path);
  ctx = cd_wizard_draft_context (draft, store, now, threshold, &error);
  if (ctx == NULL
      || !cd_doc_context_check_header (ctx, &error)
      || !cd_doc_context_check_people (ctx, kind, &error))
    goto fail;
  warn_unknown_devices (ctx);
  if (!cd_cli_revocation_warn_unreasoned (ctx, kind, &error))
    goto fail;
  abs = g_canonicalize_filename (output, NULL);
  if (!cd_wizard_draft_generate (draft, store, abs, env->force, now, threshold, &xlsx, &error))
    goto fail;
  /* what filling changed in the form (a narrow column's size) */
  for (guint i = 0; draft->notes != NULL && draft->notes[i] != NULL; i++)
    cd_cli_printerr ("%s", draft->notes[i]);
  no = g_strdup_printf ("%" G_GINT64_FORMAT, draft->batch_id);
  /* Translators: %s is the number of the list in the register */
  g_print (_("Recorded as list no. %s (see --list-batches).\n"), no);
  tell_empty_columns (template_path, draft->kind);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u person\n", "%s: %u people\n", draft->items->len),
           output, draft->items->len);
  return 0;

fail:
  cd_cli_generate_failed (error, template_path);
  return 1;
}
