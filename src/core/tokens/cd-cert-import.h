/* cd-cert-import.h — certificate files into the register, with a report
 *
 * The clerk picks several files at once; each is read and its
 * certificates stored and linked (cd_cert_link_import_file). A file that
 * cannot be read does not stop the others: it is reported by name, and so
 * is every certificate left without a holder. A file holding a
 * certificate its known issuer did not sign is refused whole (issue 20);
 * a certificate authority is reported as recorded not trusted, with its
 * fingerprint.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-cert-link.h"

G_BEGIN_DECLS

typedef struct {
  char      *path;
  GPtrArray *outcomes;   /* CdLinkOutcome; NULL when the file failed */
  GError    *error;      /* why the file failed, else NULL */
} CdCertFileOutcome;

typedef struct {
  GPtrArray *files;      /* CdCertFileOutcome, in the order given */
  guint      n_read;     /* certificates stored */
  guint      n_linked;   /* of them, linked to a staff member */
  guint      n_unit;     /* of them, the unit's seals and its services' */
  guint      n_known;    /* of them, already linked before */
} CdCertImportReport;

void cd_cert_import_report_free (CdCertImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCertImportReport, cd_cert_import_report_free)

/* Reads and stores every file of @paths in turn. Fails only when
 * @cancellable is cancelled between two files (what was read before
 * stays written). */
CdCertImportReport *cd_cert_import_files        (CdStore             *store,
                                                 const char * const  *paths,
                                                 GCancellable        *cancellable,
                                                 GError             **error);

/* What needs the clerk's eyes, one translated line each ending in '\n':
 * "file: why" for a file that failed, the message of each certificate
 * left without a holder (person, unit or service). NULL when there is nothing to say. */
char               *cd_cert_import_report_problems (const CdCertImportReport *report);

/* cd_cert_import_files() on a worker with its own connection; the
 * _finish emits "changed::certificate" on @store. */
void                cd_cert_import_files_async  (CdStore             *store,
                                                 const char * const  *paths,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
CdCertImportReport *cd_cert_import_files_finish (CdStore             *store,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
