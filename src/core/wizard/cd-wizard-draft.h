/* cd-wizard-draft.h — the state and rules of the request and revocation
 * wizards, without widgets
 *
 * One CdWizardDraft per wizard. It holds the kind of list, the people with
 * their reasons, the document details and the template; it knows who to
 * suggest, what is missing for the chosen template, what the rows will
 * say, and how to save itself as a batch (request_batches + batch_items)
 * and generate the Word file. The wizard pages only display and edit it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <gio/gio.h>

#include "cd-store.h"
#include "cd-doc-context.h"
#include "cd-workdays.h"

G_BEGIN_DECLS

#define CD_WIZARD_ERROR (cd_wizard_error_quark ())

typedef enum {
  CD_WIZARD_ERROR_FAILED,
  CD_WIZARD_ERROR_EMPTY,        /* nobody selected */
  CD_WIZARD_ERROR_UNKNOWN_KIND,
  CD_WIZARD_ERROR_STATUS,       /* the batch cannot go to that status */
} CdWizardError;

GQuark cd_wizard_error_quark (void);

/* Kind ids are the documents engine's (cd_doc_kind_lookup()):
 * "cap-moi", "cap-lai", "gia-han", "thay-doi", "khoi-phuc", "hom-thu"
 * (request list) and "thu-hoi" (revocation list). */
#define CD_WIZARD_KIND_REVOCATION "thu-hoi"

/* The request kinds in wizard order (NULL-terminated). */
const char * const *cd_wizard_request_kinds (void);
/* Translated title ("Cấp mới") and one-line explanation of when it
 * applies. NULL for an unknown kind. */
const char *cd_wizard_kind_title       (const char *kind);
const char *cd_wizard_kind_explanation (const char *kind);

/* Revocation cases (DOMAIN.md, Điều 17 and the Hải Phòng plan). */
typedef enum {
  CD_REVOKE_MOVED_PROVINCE = 0,
  CD_REVOKE_RETIRED,            /* nghỉ hưu, thôi việc */
  CD_REVOKE_CHANGED_POSITION,
  CD_REVOKE_DIED,
  CD_REVOKE_KEY_EXPOSED,
  CD_REVOKE_DEVICE_LOST,        /* thiết bị bị mất hoặc hỏng */
  CD_REVOKE_OTHER,              /* free text */
  CD_REVOKE_N_REASONS
} CdRevokeReason;

const char    *cd_revoke_reason_to_id   (CdRevokeReason reason);
CdRevokeReason cd_revoke_reason_from_id (const char    *id);
/* Translated text as printed in the list ("Nghỉ hưu, thôi việc"). */
const char    *cd_revoke_reason_label   (CdRevokeReason reason);
/* The case a staff member's left_reason describes (accents ignored);
 * OTHER when none matches. */
CdRevokeReason cd_revoke_reason_guess   (const char    *left_reason);

/* One person of the list. */
typedef struct {
  gint64          staff_id;
  gint64          certificate_id;  /* 0 = none */
  gint64          device_id;       /* 0 = none */
  char           *why;             /* why suggested (shown, not printed) */
  char           *reason;          /* lý do as printed (cấp lại, thu hồi) */
  CdRevokeReason  revoke_reason;   /* revocation only */
  char           *change_note;     /* thay đổi nội dung */
} CdWizardItem;

CdWizardItem *cd_wizard_item_new  (gint64 staff_id);
CdWizardItem *cd_wizard_item_copy (const CdWizardItem *item);
void          cd_wizard_item_free (CdWizardItem *item);
/* Sets the case and the printed reason (@other_text for OTHER). */
void          cd_wizard_item_set_revoke_reason (CdWizardItem   *item,
                                                CdRevokeReason  reason,
                                                const char     *other_text);

typedef enum {
  CD_BATCH_DRAFT = 0,   /* Nháp */
  CD_BATCH_SENT,        /* Đã gửi */
  CD_BATCH_DONE,        /* Hoàn thành */
} CdBatchStatus;

const char   *cd_batch_status_to_id   (CdBatchStatus status);
gboolean      cd_batch_status_from_id (const char *id, CdBatchStatus *out);
const char   *cd_batch_status_label   (CdBatchStatus status);

typedef struct {
  char       *kind;
  GPtrArray  *items;           /* CdWizardItem, in list order */
  char       *doc_number;
  char       *date;            /* ISO, default today */
  char       *signer_title;    /* NULL: the unit's */
  char       *signer_name;
  char       *recipient;       /* NULL: the template's default */
  char       *template_path;   /* NULL: the built-in of the kind */
  gboolean    bulk_sheet;      /* also write the Cục's .xlsx */
  /* Once saved */
  gint64      batch_id;
  CdBatchStatus status;
  char       *output_path;     /* last generated file */
  gboolean    dirty;           /* changed since saved/loaded */
} CdWizardDraft;

CdWizardDraft *cd_wizard_draft_new   (const char *kind);
void           cd_wizard_draft_free  (CdWizardDraft *draft);
gboolean       cd_wizard_draft_is_revocation (const CdWizardDraft *draft);

/* The item of @staff_id, or NULL. */
CdWizardItem  *cd_wizard_draft_find   (CdWizardDraft *draft,
                                       gint64         staff_id);
/* Adds (taking @item) unless the person is already listed: then frees
 * @item and returns FALSE. */
gboolean       cd_wizard_draft_add    (CdWizardDraft *draft,
                                       CdWizardItem  *item);
gboolean       cd_wizard_draft_remove (CdWizardDraft *draft,
                                       gint64         staff_id);
/* Adds a person chosen by hand, filling certificate, device and (for a
 * revocation) the reason from the register. */
gboolean       cd_wizard_draft_add_staff (CdWizardDraft *draft,
                                          CdStore       *store,
                                          gint64         staff_id,
                                          GError       **error);
void           cd_wizard_draft_set_text  (char         **field,
                                          const char    *value);

/* ---- Suggestions ----------------------------------------------------- */

/* Who needs @kind on the register at @now (Unix seconds), with the reason
 * in CdWizardItem.why: see the issue. @official_domains (may be NULL) for
 * hòm thư. Element type CdWizardItem, in Vietnamese name order. */
GPtrArray     *cd_wizard_suggest (CdStore            *store,
                                  const char         *kind,
                                  gint64              now,
                                  int                 threshold_days,
                                  const char * const *official_domains,
                                  GError            **error);
/* The same in a GTask thread with a connection of its own to the register
 * at @db_path (cd_store_get_path()), so the main loop never waits. */
void           cd_wizard_suggest_async  (const char          *db_path,
                                         const char          *kind,
                                         gint64               now,
                                         int                  threshold_days,
                                         const char * const  *official_domains,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GPtrArray     *cd_wizard_suggest_finish (GAsyncResult        *result,
                                         GError             **error);

/* ---- Template, missing fields, preview ------------------------------- */

/* The template the draft uses: template_path or the kind's built-in. */
char          *cd_wizard_draft_template (const CdWizardDraft *draft,
                                         GError             **error);

/* What the template writes. For a template with placeholders, @columns
 * is NULL and the fields are its per-person placeholders; for the Sở's
 * form, the detected columns (CdFormColumn: header, field or NULL when
 * the column stays empty). */
typedef struct {
  char      **fields;        /* per-person fields written, in order */
  char      **headers;       /* column titles for the preview */
  GPtrArray  *columns;       /* CdFormColumn, Sở's form only */
  char       *sha256;
} CdWizardTemplateInfo;

void                  cd_wizard_template_info_free (CdWizardTemplateInfo *info);
CdWizardTemplateInfo *cd_wizard_template_inspect   (const char    *template_path,
                                                    GError       **error);

/* One gap of a person's record for the chosen template. */
typedef struct {
  gint64   staff_id;
  char    *full_name;
  char    *field;      /* "cccd", "cccd_date", "birth_date", "phone", "email" */
  char    *label;      /* translated field name */
  char    *value;      /* current value or NULL when missing */
  char    *message;    /* translated: what is wrong and what to do */
  gboolean error;      /* FALSE: a warning (e.g. not an official domain) */
} CdWizardGap;

void       cd_wizard_gap_free (CdWizardGap *gap);
/* The gaps of every listed person for the written @fields (from
 * cd_wizard_template_inspect()). Element type CdWizardGap. */
GPtrArray *cd_wizard_draft_check (const CdWizardDraft *draft,
                                  CdStore             *store,
                                  const char * const  *fields,
                                  const char * const  *official_domains,
                                  const char          *today_iso,
                                  GError             **error);

/* The context the document is filled with (people in list order). */
CdDocContext *cd_wizard_draft_context (const CdWizardDraft *draft,
                                       CdStore             *store,
                                       gint64               now,
                                       int                  threshold_days,
                                       GError             **error);

/* The rows exactly as written: one GStrv per person, values of @fields.
 * Element type char ** (free with g_strfreev). */
GPtrArray *cd_wizard_preview_rows (const CdDocContext  *ctx,
                                   const char * const  *fields);

/* The suggested file name: "DS_de_nghi_cap_moi_<ten-don-vi>_<yyyy-mm-dd>.docx"
 * ("DS_thu_hoi_…" for revocation), ASCII, no spaces. */
char      *cd_wizard_draft_file_name (const CdWizardDraft *draft,
                                      const CdUnit        *unit);

/* ---- Batches --------------------------------------------------------- */

/* Saves the draft as a batch (inserting, or replacing its items). */
gboolean       cd_wizard_draft_save   (CdWizardDraft *draft,
                                       CdStore       *store,
                                       GError       **error);
CdWizardDraft *cd_wizard_draft_load   (CdStore       *store,
                                       gint64         batch_id,
                                       GError       **error);

/* Writes the Word file (and the Cục's sheet next to it, same name with
 * .xlsx, when bulk_sheet), records the document, saves the batch with it
 * and logs both in the audit log. On a worker thread with its own store
 * connection if the store is shared. */
gboolean       cd_wizard_draft_generate (CdWizardDraft *draft,
                                         CdStore       *store,
                                         const char    *output,
                                         gboolean       overwrite,
                                         gint64         now,
                                         int            threshold_days,
                                         char         **out_xlsx,
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
} CdBatchInfo;

void       cd_batch_info_free (CdBatchInfo *info);
/* Every batch, newest first. Element type CdBatchInfo. */
GPtrArray *cd_wizard_list_batches (CdStore *store, GError **error);

/* Marks a batch sent (on @date_iso) or done. Done on a revocation batch
 * revokes its certificates (reason as listed) and adds a recovery task
 * for each device due CD_RECOVERY_WORKING_DAYS after @date_iso, before
 * the batch turns done; those steps are idempotent, so after a failure
 * marking it done again finishes the rest. @holidays may be NULL
 * (weekends only). */
gboolean   cd_wizard_batch_set_status (CdStore          *store,
                                       gint64            batch_id,
                                       CdBatchStatus     status,
                                       const char       *date_iso,
                                       const CdHolidays *holidays,
                                       GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdWizardItem, cd_wizard_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdWizardDraft, cd_wizard_draft_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdWizardGap, cd_wizard_gap_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdWizardTemplateInfo, cd_wizard_template_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdBatchInfo, cd_batch_info_free)

G_END_DECLS
