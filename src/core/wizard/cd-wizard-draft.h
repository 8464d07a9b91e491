/* cd-wizard-draft.h — the state of the request and revocation wizards,
 * without widgets
 *
 * One CdWizardDraft per wizard. It holds the kind of list, the people with
 * their reasons, the document details and the template. The rules around
 * it live beside it: who to suggest (cd-wizard-suggest.h), what is
 * missing for the chosen template (cd-wizard-check.h), what the rows will
 * say (cd-wizard-preview.h), how it is saved as a batch (cd-batch.h) and
 * how the Word file is written (cd-wizard-generate.h). The wizard pages
 * only display and edit it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cd-batch.h"
#include "cd-store.h"
#include "cd-wizard-kind.h"

G_BEGIN_DECLS

#define CD_WIZARD_ERROR (cd_wizard_error_quark ())

typedef enum {
  CD_WIZARD_ERROR_FAILED,
  CD_WIZARD_ERROR_EMPTY,        /* nobody selected */
  CD_WIZARD_ERROR_UNKNOWN_KIND,
  CD_WIZARD_ERROR_STATUS,       /* the batch cannot go to that status */
} CdWizardError;

GQuark cd_wizard_error_quark (void);

/* One person of the list. */
typedef struct {
  gint64          staff_id;
  gint64          certificate_id;  /* 0 = none */
  gint64          device_id;       /* 0 = none */
  char           *why;             /* why suggested (shown, not printed) */
  char           *reason;          /* lý do as printed (cấp lại, thu hồi) */
  CdRevokeReason  revoke_reason;   /* revocation only */
  char           *change_note;     /* thay đổi nội dung */
  /* What the people step shows, read with the suggestions on their
   * worker (not saved, not printed); NULL: not read. */
  char           *name;            /* the person's full name, the unit's for 0 */
  char           *serial;          /* the certificate's serial */
  char           *born;            /* the birth date, dd/mm/yyyy: tells two
                                    * people of one name apart; NULL if none */
} CdWizardItem;

CdWizardItem *cd_wizard_item_new  (gint64 staff_id);
CdWizardItem *cd_wizard_item_copy (const CdWizardItem *item);
void          cd_wizard_item_free (CdWizardItem *item);
/* Sets the case and the printed reason (@other_text for OTHER; none
 * when it is empty, a gap cd_wizard_draft_check() reports). */
void          cd_wizard_item_set_revoke_reason (CdWizardItem   *item,
                                                CdRevokeReason  reason,
                                                const char     *other_text);

/* CdWizardDraft is declared in cd-batch.h. */
struct _CdWizardDraft {
  char       *kind;
  GPtrArray  *items;           /* CdWizardItem, in list order */
  char       *doc_number;
  char       *date;            /* ISO, default today */
  char       *signer_title;    /* NULL: the unit's */
  char       *signer_name;
  char       *recipient;       /* NULL: the template's default */
  char       *template_path;   /* NULL: the built-in of the kind */
  gboolean    bulk_sheet;      /* also write the Cục's .xlsx */
  /* Mẫu 03 only: the certificate's name (the service, device or
   * software) and its kind (NULL: the public-service certificate). */
  char       *service_name;
  char       *service_kind;
  /* The Sở's letter the list answers (issue 17): its reference
   * ("5277/KH-SGDĐT ngày 06/08/2025"), its deadline (ISO), where the list
   * goes (a name, an e-mail or a postal address: the column recipient,
   * not the printed addressee above) and how. NULL / NONE: not given. */
  char       *letter_ref;
  char       *deadline;
  char       *send_to;
  CdBatchChannel channel;
  /* Once saved */
  gint64      batch_id;
  CdBatchStatus status;
  char       *output_path;     /* last generated file */
  /* What writing it told the clerk (a narrow column's numbers set
   * smaller, who was left out), NULL: nothing. Not saved with the
   * batch: it is about that one file. */
  char      **notes;
  gboolean    dirty;           /* changed since saved/loaded */
};

CdWizardDraft *cd_wizard_draft_new   (const char *kind);
/* A deep copy, for a worker that must not share the caller's draft. */
CdWizardDraft *cd_wizard_draft_copy  (const CdWizardDraft *draft);
void           cd_wizard_draft_free  (CdWizardDraft *draft);
gboolean       cd_wizard_draft_is_revocation (const CdWizardDraft *draft);

/* The item of @staff_id, or NULL. */
CdWizardItem  *cd_wizard_draft_find   (CdWizardDraft *draft,
                                       gint64         staff_id);
/* The item of @staff_id (0: the unit's own) for @certificate_id, or NULL. */
CdWizardItem  *cd_wizard_draft_find_certificate (CdWizardDraft *draft,
                                                 gint64         staff_id,
                                                 gint64         certificate_id);
/* Adds (taking @item) unless the person is already listed — for a
 * revocation, unless the same certificate of the person is: revocation
 * is one row per certificate. Then frees @item and returns FALSE. */
gboolean       cd_wizard_draft_add    (CdWizardDraft *draft,
                                       CdWizardItem  *item);
/* Removes every row of @staff_id. */
gboolean       cd_wizard_draft_remove (CdWizardDraft *draft,
                                       gint64         staff_id);
/* Many people at once (the suggestions for a whole register, "select
 * all"): the draft's rows by the key that makes a row unique — the
 * person, or for a revocation the person and the certificate —, so each
 * look-up is O(1) rather than a pass over the rows. The index holds the
 * draft's items (not references): it is valid until the draft's rows
 * change other than through the calls below. */
GHashTable    *cd_wizard_draft_index  (const CdWizardDraft *draft);
/* The index's key of a row. */
char          *cd_wizard_draft_key    (const CdWizardDraft *draft,
                                       gint64               staff_id,
                                       gint64               certificate_id);
/* cd_wizard_draft_add() through @index, which it keeps up to date. */
gboolean       cd_wizard_draft_add_indexed (CdWizardDraft *draft,
                                            GHashTable    *index,
                                            CdWizardItem  *item);
/* Removes (and frees) the rows in @items (a set of CdWizardItem *) in
 * one pass, keeping the others' order; the number removed. */
guint          cd_wizard_draft_remove_items (CdWizardDraft *draft,
                                             GHashTable    *items);
/* Adds a person chosen by hand, filling certificate, device and (for a
 * revocation) the reason from the register. */
gboolean       cd_wizard_draft_add_staff (CdWizardDraft *draft,
                                          CdStore       *store,
                                          gint64         staff_id,
                                          GError       **error);
/* Adds a row for one certificate chosen by hand (a person's — a second
 * one of the same person gives a second row in a revocation —, or the
 * unit's seal), with its device and, for a revocation, the reason. */
gboolean       cd_wizard_draft_add_certificate (CdWizardDraft *draft,
                                                CdStore       *store,
                                                gint64         certificate_id,
                                                GError       **error);
void           cd_wizard_draft_set_text  (char         **field,
                                          const char    *value);

/* The template the draft uses: template_path or the kind's built-in. */
char          *cd_wizard_draft_template (const CdWizardDraft *draft,
                                         GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdWizardItem, cd_wizard_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdWizardDraft, cd_wizard_draft_free)

G_END_DECLS
