/* cd-wizard-check.h — the missing and invalid fields of a list's people
 * for the chosen template
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-store.h"
#include "cd-wizard-draft.h"

G_BEGIN_DECLS

/* One gap of a person's record for the chosen template. */
typedef struct {
  gint64   staff_id;
  char    *full_name;
  char    *field;      /* "cccd", "cccd_date", "birth_date", "phone", "email";
                        * "device" on a revocation: the certificate's
                        * device is unknown (a warning, nothing to type);
                        * "reason" on a revocation: "Other" with no reason
                        * typed (an error, typed in the people step);
                        * "mailbox" on the mailbox list: none can be
                        * proposed, the unit has no email, or the one
                        * typed is somebody's already or asked for
                        * another row (an error, typed in the step:
                        * into the draft, cd-wizard-mailbox) */
  char    *label;      /* translated field name */
  char    *value;      /* current value or NULL when missing */
  char    *message;    /* translated: what is wrong and what to do */
  gboolean error;      /* FALSE: a warning (e.g. not an official domain) */
  gboolean blocks;     /* the list is not written while it stays, so
                        * no going on past it, not even on purpose: a
                        * mailbox kept on the mailbox list that
                        * cd_wizard_mailbox_check_list() refuses when
                        * cd_wizard_draft_generate() writes the list
                        * (somebody's in the register by now, asked for
                        * another row, or no official address). Every
                        * other gap, error or not, is written as it is
                        * and may be gone on with. */
} CdWizardGap;

void       cd_wizard_gap_free (CdWizardGap *gap);
/* How many of @gaps (element type CdWizardGap) block going on: those
 * with blocks set, which the clerk must put right in the gaps step. */
guint      cd_wizard_gaps_n_blocking (GPtrArray *gaps);
/* The gaps of every listed person for the written @fields (from
 * cd_wizard_template_inspect()). Element type CdWizardGap. */
GPtrArray *cd_wizard_draft_check (const CdWizardDraft *draft,
                                  CdStore             *store,
                                  const char * const  *fields,
                                  const char * const  *official_domains,
                                  const char          *today_iso,
                                  GError             **error);
/* cd_wizard_draft_check() on a worker with its own connection, on a
 * copy of @draft (the caller may change it meanwhile): the gaps step
 * and the preview read no register on the window's thread. @fields
 * NULL: those of the draft's template, inspected on the worker (an
 * unreadable template is the run's error). */
void       cd_wizard_check_async  (CdStore             *store,
                                   const CdWizardDraft *draft,
                                   const char * const  *fields,
                                   const char * const  *official_domains,
                                   const char          *today_iso,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
/* The gaps (element type CdWizardGap), or NULL with @error set. */
GPtrArray *cd_wizard_check_finish (CdStore             *store,
                                   GAsyncResult        *result,
                                   GError             **error);

/* Why @staff_id is not offered for @draft's procedure, or NULL when the
 * person may be listed (a translated sentence): on a request list,
 * nobody who left; on a revocation, nobody without a chuyên dùng
 * certificate still in force (already revoked, or ended), nor anybody
 * whose certificates in force are all on a revocation list already sent
 * (other than @draft's own batch). */
char       *cd_wizard_draft_refusal     (const CdWizardDraft *draft,
                                         CdStore             *store,
                                         gint64               staff_id,
                                         gint64               now);
/* For a renewal (gia hạn): the kind the person belongs on instead, or
 * NULL when the draft's kind fits. A certificate that expired, was
 * revoked or never existed cannot be renewed: "cap-moi", with
 * @warning (may be NULL) set to a translated sentence naming the person
 * and why. */
const char *cd_wizard_draft_better_kind (const CdWizardDraft *draft,
                                         CdStore             *store,
                                         gint64               staff_id,
                                         gint64               now,
                                         char               **warning);
/* Whether certificate @certificate_id is on a revocation list already
 * (the Danh sách thu hồi or Mẫu 05) sent to the provider (not done
 * yet), other than batch @except_batch. */
gboolean    cd_wizard_certificate_on_sent_revocation (CdStore *store,
                                                      gint64   certificate_id,
                                                      gint64   except_batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdWizardGap, cd_wizard_gap_free)

G_END_DECLS
