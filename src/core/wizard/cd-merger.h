/* cd-merger.h — a merger or a new name of the unit, and the paperwork it
 * calls for (seed 004)
 *
 * When units merge into one with a new name, one organisation
 * certificate (the unit's seal) survives and is changed to the new name;
 * the other seals are revoked; every person whose chuyên dùng
 * certificate carries the old name asks for a change of content.
 * Commercial certificates are none of the Ban Cơ yếu's business and are
 * only listed as left out. A merger plan says all of that before
 * anything is written; applying it renames the unit, keeps the old name
 * among its former names and in its history, and saves the lists as
 * draft batches ("thay-doi" and "thu-hoi").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_MERGER_ERROR (cd_merger_error_quark ())

typedef enum {
  CD_MERGER_ERROR_NO_NAME,      /* the new name is empty */
  CD_MERGER_ERROR_PICK_SEAL,    /* several seals and none chosen to survive */
  CD_MERGER_ERROR_NO_SUCH_SEAL, /* the chosen one is not a live seal */
  CD_MERGER_ERROR_NOTHING,      /* nothing would change */
} CdMergerError;

GQuark cd_merger_error_quark (void);

/* What the clerk enters. Fields NULL or empty are left as they are. */
typedef struct {
  char   *new_name;
  char   *new_parent;         /* managing body (tên đơn vị quản lý) */
  char   *new_province;
  char   *new_email;
  gint64  keep_seal_id;       /* the surviving seal; 0: the only one */
  char   *date;               /* ISO; NULL: today */
} CdMergerRequest;

CdMergerRequest *cd_merger_request_new  (void);
CdMergerRequest *cd_merger_request_copy (const CdMergerRequest *req);
void             cd_merger_request_free (CdMergerRequest *req);

/* One certificate of the plan. */
typedef struct {
  CdCertHolderKind holder_kind;   /* PERSON or UNIT */
  gint64           staff_id;      /* 0 for a seal */
  char            *holder_name;   /* the person, or the name on the seal */
  gint64           certificate_id;
  gint64           device_id;     /* 0 = unknown */
  char            *serial;
  char            *provider;
  char            *matched;       /* the old name found in the subject */
} CdMergerEntry;

void cd_merger_entry_free (CdMergerEntry *entry);

typedef struct {
  char       *old_name;
  CdUnit     *unit;           /* the unit's details as they will be */
  gboolean    renamed;        /* the name changes */
  gint64      keep_seal_id;   /* 0 when the unit has no live seal */
  GPtrArray  *change;         /* CdMergerEntry: thay đổi nội dung */
  GPtrArray  *revoke;         /* CdMergerEntry: thu hồi (the other seals) */
  GPtrArray  *left_out;       /* CdMergerEntry: commercial ones with an old name */
  /* Set by cd_merger_apply(): the draft batches written (0 = none). */
  gint64      change_batch_id;
  gint64      revoke_batch_id;
} CdMergerPlan;

void cd_merger_plan_free (CdMergerPlan *plan);
/* "merge" when seals are revoked, else "rename": unit_history's kind. */
const char *cd_merger_plan_kind (const CdMergerPlan *plan);

/* The plan as the clerk reads it, in lines: the unit's old and new
 * name, then who gets a change of content, which seals are revoked and
 * which commercial certificates are left out. */
char         *cd_merger_plan_describe (const CdMergerPlan *plan);

/* What @req would do to the register at @now (Unix seconds): a person's
 * chuyên dùng certificates that are neither revoked nor expired and name
 * the unit's current or a former name (or, when the managing body
 * changes, the old one) in O, OU, L or CN, compared as
 * cd_text_name_key() does, get a change of content (one row per person:
 * the certificate the procedure picks); the surviving seal too; the
 * other live seals are revoked. CD_MERGER_ERROR_PICK_SEAL when the unit
 * has several live seals and @req names none. */
CdMergerPlan *cd_merger_plan (CdStore                *store,
                              const CdMergerRequest  *req,
                              gint64                  now,
                              GError                **error);

/* Plans @req again and applies it in one transaction: the unit's new
 * details (the old name appended to former_names when it changes), a
 * unit_history row, and the draft batches. Returns the plan applied. */
CdMergerPlan *cd_merger_apply (CdStore                *store,
                               const CdMergerRequest  *req,
                               GError                **error);

/* cd_merger_apply() on a worker with its own connection; emits
 * "changed::unit" on @store when done. */
void          cd_merger_apply_async  (CdStore                *store,
                                      const CdMergerRequest  *req,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data);
CdMergerPlan *cd_merger_apply_finish (CdStore                *store,
                                      GAsyncResult           *result,
                                      GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdMergerRequest, cd_merger_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdMergerPlan, cd_merger_plan_free)

G_END_DECLS
