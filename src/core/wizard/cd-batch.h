/* cd-batch.h — a batch: a wizard's list saved in the register
 *
 * A batch is a CdWizardDraft kept in request_batches + batch_items. It
 * starts as Nháp (draft), turns Đã gửi (sent) when the list goes to the
 * Sở and Hoàn thành (done) when the Sở has acted on it; done on a
 * revocation list revokes its certificates and schedules the recovery of
 * their devices.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cd-store.h"
#include "cd-holidays.h"
#include "cd-batch-letter.h"

G_BEGIN_DECLS

typedef struct _CdWizardDraft CdWizardDraft;   /* cd-wizard-draft.h */

typedef enum {
  CD_BATCH_DRAFT = 0,   /* Nháp */
  CD_BATCH_SENT,        /* Đã gửi */
  CD_BATCH_DONE,        /* Hoàn thành */
} CdBatchStatus;

const char   *cd_batch_status_to_id   (CdBatchStatus status);
gboolean      cd_batch_status_from_id (const char *id, CdBatchStatus *out);
/* Translated ("Đã gửi"). */
const char   *cd_batch_status_label   (CdBatchStatus status);

/* Saves the draft as a batch (inserting, or replacing its items). */
gboolean       cd_batch_save (CdWizardDraft *draft,
                              CdStore       *store,
                              GError       **error);
/* cd_batch_save() on a worker with its own connection, on a copy of
 * @draft: the window's Lưu nháp writes nothing on its own thread. The
 * caller keeps its draft unchanged until the result. */
void           cd_batch_save_async  (CdStore             *store,
                                     const CdWizardDraft *draft,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
/* Whether the batch was saved. On success records its id in @draft
 * (the draft given to the _async call, which may have changed since:
 * whether it is still unsaved is the caller's to tell) and emits
 * "changed::batch" on @store. */
gboolean       cd_batch_save_finish (CdStore             *store,
                                     GAsyncResult        *result,
                                     CdWizardDraft       *draft,
                                     GError             **error);
/* cd_batch_save() of a list whose file was made elsewhere (the command
 * line's --generate) and recorded as @document_id (0: none). */
gboolean       cd_batch_save_with_document (CdWizardDraft *draft,
                                            CdStore       *store,
                                            gint64         document_id,
                                            GError       **error);
/* The draft a batch holds, to resume or finish it. */
CdWizardDraft *cd_batch_load (CdStore       *store,
                              gint64         batch_id,
                              GError       **error);

typedef struct {
  gint64         id;
  char          *kind;
  char          *date;          /* document date, ISO */
  char          *doc_number;
  CdBatchStatus  status;
  char          *sent_date;     /* ISO or NULL */
  char          *done_date;
  char          *path;          /* generated file or NULL */
  guint          n_items;
  /* The letter it answers (cd-batch-letter.h); any may be NULL */
  char          *letter;
  char          *deadline;      /* ISO */
  char          *recipient;     /* name, e-mail or postal address */
  CdBatchChannel channel;
  char          *sent_on;       /* ISO: the day it went, or NULL */
  CdBatchChannel sent_channel;
  guint          n_scans;       /* signed scans attached */
} CdBatchInfo;

void       cd_batch_info_free (CdBatchInfo *info);
/* @info in a few lines for Hồ sơ (cd-batch-describe.c): its date,
 * people and where it stands, the letter it answers, where it goes, its
 * file's name and signed scans. */
char      *cd_batch_info_describe (const CdBatchInfo *info);
/* Every batch, newest first. Element type CdBatchInfo. */
GPtrArray *cd_batch_list      (CdStore *store, GError **error);

/* Marks a batch sent (on @date_iso) or done. Done on a revocation batch
 * revokes its certificates (reason as listed) and adds a recovery task
 * for each device due CD_RECOVERY_WORKING_DAYS after @date_iso, before
 * the batch turns done; those steps are idempotent, so after a failure
 * marking it done again finishes the rest. @holidays may be NULL
 * (weekends only). */
gboolean   cd_batch_set_status (CdStore          *store,
                                gint64            batch_id,
                                CdBatchStatus     status,
                                const char       *date_iso,
                                const CdHolidays *holidays,
                                GError          **error);

/* One batch, as cd_batch_list() gives it; NULL with
 * CD_STORE_ERROR_NOT_FOUND when it is gone. */
CdBatchInfo *cd_batch_get (CdStore *store, gint64 batch_id, GError **error);

/* The deadline state of @info on @today_iso (cd_batch_deadline_state()):
 * a list marked sent or done counts as sent. */
CdDeadlineState cd_batch_info_deadline_state (const CdBatchInfo *info,
                                              const char        *today_iso,
                                              const CdHolidays  *holidays,
                                              int               *days_left);

/* Đã gửi: cd_batch_set_status (…, CD_BATCH_SENT, @date_iso, …) that also
 * records the channel it went by (NONE: the channel planned, if any). */
gboolean   cd_batch_mark_sent  (CdStore          *store,
                                gint64            batch_id,
                                const char       *date_iso,
                                CdBatchChannel    channel,
                                GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdBatchInfo, cd_batch_info_free)

G_END_DECLS
