/* cd-cli-suggested.c — the request lists a wizard suggests, from the
 * command line
 *
 *   --generate=cap-lai|khoi-phuc|mau-06|thay-doi --output=FILE.docx
 *       without --staff: whom the request wizard suggests
 *       (cd_wizard_suggest: the holders of devices recorded lost or
 *       damaged, of tokens recorded locked, the certificates in force
 *       whose unit or email differs from the register), each with the
 *       reason, change and device the wizard gives them, read through the
 *       wizard's draft so that the document is the one the window writes
 *
 * The rule is the wizard's, in core; this file only asks for it and says
 * at the terminal why nobody is on the list when nobody is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-cli-suggested.h"
#include "cd-doc-people.h"
#include "cd-wizard-kind.h"
#include "cd-wizard-preview.h"
#include "cd-wizard-suggest.h"

gboolean
cd_cli_suggested_kind (const char *kind)
{
  const char *wizard = cd_wizard_kind_of_document (kind);

  return g_strcmp0 (wizard, "cap-lai") == 0 || g_strcmp0 (wizard, "khoi-phuc") == 0
         || g_strcmp0 (wizard, "thay-doi") == 0;
}

/* Why the wizard suggests nobody for @wizard_kind, and what to do. */
static void
set_nobody (const char  *kind,
            const char  *wizard_kind,
            GError     **error)
{
  const char *why;

  if (g_str_equal (wizard_kind, "cap-lai"))
    why = _("no device held by a staff member is recorded as lost or damaged. Record the loss or the damage "
            "in the window (Devices → Lost… or Damaged…), or choose the people with --staff=ID,ID…");
  else if (g_str_equal (wizard_kind, "khoi-phuc"))
    why = _("no token held by a staff member is recorded as locked. Plug the locked token in and run "
            "--read-tokens (a token whose PIN is locked is recorded so), or mark it locked in the window "
            "(Devices → Locked…), or choose the people with --staff=ID,ID…");
  else
    why = _("every certificate in force names the unit and the email the register holds for its holder. "
            "When a detail changed, record it in the register first (the unit's name with --set-unit=name=…, "
            "a person's email in their staff record), or choose the people with --staff=ID,ID…");
  /* Translators: the first %s is the kind (cap-lai…), the second why
   * nobody needs it and what to do */
  g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_FAILED,
               _("Nobody needs a list of kind “%s”, so nothing was written: %s"), kind, why);
}

CdDocContext *
cd_cli_suggested_context (CdCliEnv       *env,
                          CdWizardDraft  *draft,
                          gint64          now,
                          int             threshold_days,
                          GError        **error)
{
  CdStore *store = cd_cli_env_get_store (env, error);
  const char *wizard_kind = cd_wizard_kind_of_document (draft->kind);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) index = NULL;

  if (store == NULL)
    return NULL;
  /* Mẫu 06 is the Sở's form of the same list: the wizard's khoi-phuc */
  items = cd_wizard_suggest (store, wizard_kind, now, threshold_days, NULL, error);
  if (items == NULL)
    return NULL;
  /* as the people step takes them: a person once, whichever of their
   * devices came first */
  index = cd_wizard_draft_index (draft);
  for (guint i = 0; i < items->len; i++)
    cd_wizard_draft_add_indexed (draft, index, cd_wizard_item_copy (g_ptr_array_index (items, i)));
  if (draft->items->len == 0)
    {
      set_nobody (draft->kind, wizard_kind, error);
      return NULL;
    }
  return cd_wizard_draft_context (draft, store, now, threshold_days, error);
}

void
cd_cli_suggested_keep_reasons (CdWizardDraft      *draft,
                               const CdDocContext *ctx)
{
  /* one person per row, in the draft's order (cd_wizard_draft_context) */
  for (guint i = 0; i < draft->items->len && i < ctx->people->len; i++)
    {
      CdWizardItem *item = g_ptr_array_index (draft->items, i);
      const CdDocPerson *p = g_ptr_array_index (ctx->people, i);

      cd_wizard_draft_set_text (&item->reason, p->reason);
      cd_wizard_draft_set_text (&item->change_note, p->change_note);
    }
}
