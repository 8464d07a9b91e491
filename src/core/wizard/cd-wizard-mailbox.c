/* cd-wizard-mailbox.c — the mailbox the clerk types for a person on the
 * mailbox list (hom-thu), checked against the register and the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-store-worker.h"
#include "cd-text.h"
#include "cd-validate.h"
#include "cd-wizard-mailbox.h"
#include "cd-wizard-preview.h"

/* Whether a row's change note asks for @address (lower-cased). */
static gboolean
same_address (const char *note,
              const char *address)
{
  g_autofree char *clean = cd_text_clean (note);

  return clean != NULL && g_ascii_strcasecmp (clean, address) == 0;
}

/* What is wrong with @typed for the row @index of @draft, or NULL with
 * the cleaned address in @address. @earlier_only: another row asking
 * for the same address counts only before @index (the check says it on
 * the later row); else any other row (the clerk typing it). */
static char *
problem (const CdWizardDraft *draft,
         CdStore             *store,
         guint                index,
         const char          *typed,
         const char * const  *official_domains,
         gboolean             earlier_only,
         char               **address)
{
  const CdWizardItem *item = g_ptr_array_index (draft->items, index);
  const char * const *domains = official_domains != NULL && official_domains[0] != NULL ? official_domains : NULL;
  g_autofree char *clean = cd_text_clean (typed);
  g_autofree char *norm = NULL;
  g_autoptr(CdStaff) holder = NULL;
  char *msg = NULL;
  CdCheck c;

  *address = NULL;
  if (clean == NULL || *clean == '\0')
    return g_strdup (_("Type the official mailbox asked for this person, as name@domain."));
  c = cd_validate_email (clean, domains, &norm, &msg);
  if (c == CD_CHECK_ERROR)
    return msg;
  g_free (msg);
  if (c == CD_CHECK_WARNING)
    return g_strdup_printf (_("“%s” is not at an official (công vụ) domain: the list asks for an official mailbox. "
                              "Type one at the unit's domain, or add the domain in Preferences."), norm);
  /* the register's unique address: someone working here, or who left
   * (the Sở opened it for them) */
  holder = cd_store_find_staff_by_email (store, norm);
  if (holder != NULL && holder->id != item->staff_id)
    return holder->left
           ? g_strdup_printf (_("%s is already the email of %s, who has left the unit. Choose another address."),
                              norm, holder->full_name)
           : g_strdup_printf (_("%s is already the mailbox of %s. Choose another address."),
                              norm, holder->full_name);
  for (guint i = 0; i < (earlier_only ? index : draft->items->len); i++)
    {
      const CdWizardItem *other = g_ptr_array_index (draft->items, i);
      g_autoptr(CdStaff) s = NULL;

      if (i == index || !same_address (other->change_note, norm))
        continue;
      s = other->staff_id != 0 ? cd_store_get_staff (store, other->staff_id, NULL) : NULL;
      return g_strdup_printf (_("%s is already asked for %s on this list. Choose another address."),
                              norm, s != NULL ? s->full_name : _("another row"));
    }
  *address = g_steal_pointer (&norm);
  return NULL;
}

char *
cd_wizard_mailbox_check (const CdWizardDraft *draft,
                         CdStore             *store,
                         gint64               staff_id,
                         const char          *typed,
                         const char * const  *official_domains,
                         GError             **error)
{
  char *address = NULL;
  g_autofree char *msg = NULL;
  guint index;

  g_return_val_if_fail (draft != NULL && CD_IS_STORE (store), NULL);
  for (index = 0; index < draft->items->len; index++)
    if (((CdWizardItem *) g_ptr_array_index (draft->items, index))->staff_id == staff_id)
      break;
  if (index == draft->items->len)
    {
      g_set_error_literal (error, CD_WIZARD_ERROR, CD_WIZARD_ERROR_FAILED,
                           _("This person is no longer on the list."));
      return NULL;
    }
  msg = problem (draft, store, index, typed, official_domains, FALSE, &address);
  if (msg != NULL)
    {
      g_set_error_literal (error, CD_WIZARD_ERROR, CD_WIZARD_ERROR_FAILED, msg);
      return NULL;
    }
  return address;
}

char *
cd_wizard_mailbox_problem (const CdWizardDraft *draft,
                           CdStore             *store,
                           guint                index,
                           const char * const  *official_domains)
{
  const CdWizardItem *item;
  g_autofree char *address = NULL;

  g_return_val_if_fail (draft != NULL && index < draft->items->len, NULL);
  item = g_ptr_array_index (draft->items, index);
  return problem (draft, store, index, item->change_note, official_domains, TRUE, &address);
}

gboolean
cd_wizard_mailbox_check_list (const CdWizardDraft *draft,
                              CdStore             *store,
                              const char * const  *official_domains,
                              GError             **error)
{
  g_return_val_if_fail (draft != NULL && CD_IS_STORE (store), FALSE);
  if (g_strcmp0 (draft->kind, "hom-thu") != 0)
    return TRUE;
  for (guint i = 0; i < draft->items->len; i++)
    {
      const CdWizardItem *item = g_ptr_array_index (draft->items, i);
      g_autofree char *msg = NULL;
      g_autoptr(CdStaff) s = NULL;

      /* a row with none gets its proposal when the list is written */
      if (item->change_note == NULL || *item->change_note == '\0')
        continue;
      msg = cd_wizard_mailbox_problem (draft, store, i, official_domains);
      if (msg == NULL)
        continue;
      s = item->staff_id != 0 ? cd_store_get_staff (store, item->staff_id, NULL) : NULL;
      g_set_error (error, CD_WIZARD_ERROR, CD_WIZARD_ERROR_FAILED,
                   _("The mailbox this list asks for %s cannot be opened: %s To change it, open the list again "
                     "(Documents → Continue or Re-open) and type another address at the step “Missing or wrong "
                     "data”. Nothing was written."),
                   s != NULL ? s->full_name : _("another row"), msg);
      return FALSE;
    }
  return TRUE;
}

void
cd_wizard_mailbox_free (CdWizardMailbox *mailbox)
{
  if (mailbox == NULL)
    return;
  g_free (mailbox->full_name);
  g_free (mailbox->address);
  g_free (mailbox);
}

GPtrArray *
cd_wizard_mailbox_list (const CdWizardDraft *draft,
                        CdStore             *store,
                        const char * const  *official_domains,
                        GError             **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_wizard_mailbox_free);
  g_autoptr(CdDocContext) ctx = NULL;

  g_return_val_if_fail (draft != NULL && CD_IS_STORE (store), NULL);
  if (g_strcmp0 (draft->kind, "hom-thu") != 0)
    return g_steal_pointer (&out);
  /* the addresses the document will print: the ones kept, the others
   * proposed as the list is written (no expiry is read here) */
  ctx = cd_wizard_draft_context (draft, store, g_get_real_time () / G_USEC_PER_SEC, 60, error);
  if (ctx == NULL)
    return NULL;
  for (guint i = 0; i < draft->items->len && i < ctx->people->len; i++)
    {
      const CdWizardItem *item = g_ptr_array_index (draft->items, i);
      const CdDocPerson *p = g_ptr_array_index (ctx->people, i);
      gboolean kept = item->change_note != NULL && *item->change_note != '\0';
      CdWizardMailbox *m;

      if (item->staff_id == 0 || p->staff == NULL || p->change_note == NULL || *p->change_note == '\0')
        continue;
      /* a kept one the Sở cannot open is the gaps step's, typed there */
      if (kept)
        {
          g_autofree char *msg = cd_wizard_mailbox_problem (draft, store, i, official_domains);

          if (msg != NULL)
            continue;
        }
      m = g_new0 (CdWizardMailbox, 1);
      m->staff_id = item->staff_id;
      m->full_name = g_strdup (p->staff->full_name);
      m->address = g_strdup (p->change_note);
      m->kept = kept;
      g_ptr_array_add (out, m);
    }
  return g_steal_pointer (&out);
}

/* ---- On a worker -------------------------------------------------------- */

typedef struct {
  CdWizardDraft *draft;      /* the worker's copy */
  gint64         staff_id;
  char          *typed;
  char         **domains;
} MailboxJob;

static void
mailbox_job_free (gpointer data)
{
  MailboxJob *job = data;

  cd_wizard_draft_free (job->draft);
  g_free (job->typed);
  g_strfreev (job->domains);
  g_free (job);
}

static gpointer
mailbox_work (CdStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  MailboxJob *job = data;

  return cd_wizard_mailbox_check (job->draft, store, job->staff_id, job->typed,
                                  (const char * const *) job->domains, error);
}

void
cd_wizard_mailbox_check_async (CdStore             *store,
                               const CdWizardDraft *draft,
                               gint64               staff_id,
                               const char          *typed,
                               const char * const  *official_domains,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  MailboxJob *job;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (draft != NULL);

  job = g_new0 (MailboxJob, 1);
  /* the clerk may go on editing the window's draft meanwhile */
  job->draft = cd_wizard_draft_copy (draft);
  job->staff_id = staff_id;
  job->typed = g_strdup (typed);
  job->domains = g_strdupv ((char **) official_domains);
  cd_store_run_async (store, mailbox_work, job, mailbox_job_free, g_free, NULL,
                      cd_wizard_mailbox_check_async, cancellable, callback, user_data);
}

char *
cd_wizard_mailbox_check_finish (CdStore       *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  return cd_store_run_finish (store, result, cd_wizard_mailbox_check_async, error);
}

typedef struct {
  CdWizardDraft *draft;      /* the worker's copy */
  char         **domains;
} ListJob;

static void
list_job_free (gpointer data)
{
  ListJob *job = data;

  cd_wizard_draft_free (job->draft);
  g_strfreev (job->domains);
  g_free (job);
}

static gpointer
list_work (CdStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  ListJob *job = data;

  return cd_wizard_mailbox_list (job->draft, store, (const char * const *) job->domains, error);
}

void
cd_wizard_mailbox_list_async (CdStore             *store,
                              const CdWizardDraft *draft,
                              const char * const  *official_domains,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  ListJob *job;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (draft != NULL);

  job = g_new0 (ListJob, 1);
  job->draft = cd_wizard_draft_copy (draft);
  job->domains = g_strdupv ((char **) official_domains);
  cd_store_run_async (store, list_work, job, list_job_free, (GDestroyNotify) g_ptr_array_unref, NULL,
                      cd_wizard_mailbox_list_async, cancellable, callback, user_data);
}

GPtrArray *
cd_wizard_mailbox_list_finish (CdStore       *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  return cd_store_run_finish (store, result, cd_wizard_mailbox_list_async, error);
}
