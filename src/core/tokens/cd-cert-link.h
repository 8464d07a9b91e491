/* cd-cert-link.h — certificates into the register, given to their holder
 *
 * A certificate read from a token or a file is stored (by fingerprint)
 * and given to its holder (issue 14), in this order:
 *  1. its CN names the unit (its name or a former name): the unit's seal;
 *  2. its CN names a service of the register: that service's;
 *  3. its CN looks like a service ("Bộ phận Một cửa", "dịch vụ công"…)
 *     none is registered under: left unattached and offered for a
 *     service, never given to a person (its email may be the duty
 *     officer's);
 *  4. it names no person (no CCCD, CMND or passport UID) and its O is
 *     the unit's name with no other CN, or its email is the unit's
 *     official email, or its UID MST is the unit's tax code: the unit's;
 *  5. a staff member by, in order: the official email, the CCCD (or
 *     CMND) from a UID attribute, the normalised full name.
 * A match that is missing or ambiguous is left unlinked and reported so
 * the clerk decides: never guessed. A certificate authority (CA:TRUE)
 * that none of these steps gives to a holder is recorded in the trust table, not trusted until the
 * clerk accepts its fingerprint (cd-store-trust.h), and the message says
 * so — louder when it has the name of a trusted authority (a look-alike). A certificate that already has a
 * holder in the register keeps it (the clerk may have chosen it by hand).
 *
 * Runs on the store's thread (a GTask worker for a batch).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-crl.h"
#include "cd-store.h"

G_BEGIN_DECLS

typedef enum {
  CD_LINK_BY_EMAIL,
  CD_LINK_BY_CCCD,
  CD_LINK_BY_NAME,
  CD_LINK_KEPT,        /* already linked in the register */
  CD_LINK_AMBIGUOUS,   /* several staff members have this name */
  CD_LINK_NO_MATCH,
  CD_LINK_UNIT_NAME,        /* the unit's seal: CN (or O) is its name */
  CD_LINK_UNIT_FORMER_NAME, /* … or a name it had before a merger */
  CD_LINK_UNIT_EMAIL,       /* … its email is the unit's official email */
  CD_LINK_UNIT_TAX_CODE,    /* … its UID MST is the unit's tax code */
  CD_LINK_SERVICE,          /* CN names a registered service */
  CD_LINK_SERVICE_OFFERED,  /* CN looks like a service none is registered as */
  CD_LINK_CA_UNTRUSTED,     /* a certificate authority, recorded not trusted */
  CD_LINK_CA_TRUSTED,       /* a certificate authority the clerk trusts */
} CdLinkHow;

typedef struct {
  gint64     cert_id;
  char      *serial;
  char      *holder;     /* the certificate's CN */
  CdLinkHow  how;
  gint64     staff_id;   /* 0 unless a person holds it */
  char      *staff_name;
  char      *message;    /* translated, one line for the clerk */
  CdCertHolderKind holder_kind; /* NONE when left unattached */
  gint64     service_id; /* for a service's */
  char      *holder_name; /* the person's, the unit's or the service's name */
} CdLinkOutcome;

void cd_link_outcome_free (CdLinkOutcome *o);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdLinkOutcome, cd_link_outcome_free)

/* Stores @cert (insert or update by fingerprint; cert->id set) and gives
 * it to its holder (see above). Returns NULL on a store error. */
CdLinkOutcome *cd_cert_link_store       (CdStore        *store,
                                         CdCertificate  *cert,
                                         GError        **error);

/* Reads @path (any certificate format) and stores every certificate in
 * it. Each one whose issuer is known (in the register or in the same
 * file) must carry its issuer's valid signature, else nothing of the file
 * is stored (CD_X509_ERROR_BAD_SIGNATURE). Element type CdLinkOutcome. */
GPtrArray     *cd_cert_link_import_file (CdStore        *store,
                                         const char     *path,
                                         GError        **error);

/* TRUE when @cn reads like the name of a service of a unit rather than
 * a person's ("Bộ phận Một cửa", "Bộ phận tiếp nhận và trả kết quả",
 * "… dịch vụ công"): accent and case do not matter. */
gboolean       cd_cert_link_looks_like_service (const char *cn);

/* Fills the fields the register does not keep (issuer DN, UIDs, key
 * usage, URLs) again from the certificate's DER; no-op without DER. */
void           cd_cert_link_refresh     (CdCertificate  *cert);

typedef struct {
  char   *issuer_dn;
  guint   listed;       /* entries in the CRL */
  guint   revoked;      /* certificates of the register newly marked */
  guint   already;      /* already marked revoked */
  GPtrArray *serials;   /* serials newly marked (char *) */
} CdCrlReport;

void cd_crl_report_free (CdCrlReport *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCrlReport, cd_crl_report_free)

/* Verifies @crl against an issuer certificate in the register and marks
 * the register's certificates it lists revoked, with the CRL's date and
 * reason. Fails (CD_CRL_ERROR_NO_ISSUER / _BAD_SIGNATURE) without
 * changing anything when the CRL cannot be verified, and with
 * CD_CRL_ERROR_UNTRUSTED when its issuer chains to no authority the clerk
 * trusts (the message names the issuer and its fingerprint, and says
 * when a trusted authority has the same name: a look-alike). */
CdCrlReport   *cd_cert_link_apply_crl   (CdStore        *store,
                                         const CdCrl    *crl,
                                         GError        **error);

/* The same two actions on a GTask worker, for the window, with a
 * connection of the worker's own (cd_store_open_secondary): @store stays
 * free for its thread. The _finish functions, on @store's thread, emit
 * "changed::certificate" on @store when something was read. */
void           cd_cert_link_import_file_async  (CdStore             *store,
                                                const char          *path,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* Element type CdLinkOutcome. */
GPtrArray     *cd_cert_link_import_file_finish (CdStore             *store,
                                                GAsyncResult        *result,
                                                GError             **error);
/* Reads the CRL at @path and applies it (cd_cert_link_apply_crl). */
void           cd_cert_link_apply_crl_file_async  (CdStore             *store,
                                                   const char          *path,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
CdCrlReport   *cd_cert_link_apply_crl_file_finish (CdStore             *store,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
