/* cd-cert-link.c — certificates into the register, linked to staff
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-cert-link.h"
#include "cd-store-worker.h"
#include "cd-x509.h"

void
cd_link_outcome_free (CdLinkOutcome *o)
{
  if (o == NULL)
    return;
  g_free (o->serial);
  g_free (o->holder);
  g_free (o->staff_name);
  g_free (o->message);
  g_free (o);
}

void
cd_crl_report_free (CdCrlReport *r)
{
  if (r == NULL)
    return;
  g_free (r->issuer_dn);
  g_clear_pointer (&r->serials, g_ptr_array_unref);
  g_free (r);
}

void
cd_cert_link_refresh (CdCertificate *cert)
{
  g_autoptr(CdCertificate) full = NULL;
  const guint8 *der;
  gsize len = 0;

  if (cert == NULL || cert->der == NULL)
    return;
  der = g_bytes_get_data (cert->der, &len);
  full = cd_x509_parse_der (der, len, NULL);
  if (full == NULL)
    return;
#define TAKE(f) do { if (cert->f == NULL) cert->f = g_steal_pointer (&full->f); } while (0)
  TAKE (subject_attrs);
  TAKE (subject_uids);
  TAKE (uid_passport);
  TAKE (issuer_dn);
  TAKE (crl_urls);
  TAKE (ocsp_urls);
  TAKE (uid_cccd);
  TAKE (uid_mst);
#undef TAKE
  if (cert->key_usage == CD_KEY_USAGE_NONE)
    cert->key_usage = full->key_usage;
}

static CdLinkOutcome *
outcome_new (const CdCertificate *cert)
{
  CdLinkOutcome *o = g_new0 (CdLinkOutcome, 1);

  o->cert_id = cert->id;
  o->serial = g_strdup (cert->serial);
  o->holder = g_strdup (cert->subject_cn);
  return o;
}

static gboolean
link_to (CdStore        *store,
         CdCertificate  *cert,
         CdStaff        *staff,
         CdLinkHow       how,
         CdLinkOutcome  *o,
         GError        **error)
{
  if (!cd_store_link_certificate (store, cert->id, staff->id, error))
    return FALSE;
  cert->staff_id = staff->id;
  o->how = how;
  o->staff_id = staff->id;
  o->staff_name = g_strdup (staff->full_name);
  switch (how)
    {
    case CD_LINK_BY_EMAIL:
      o->message = g_strdup_printf (_("Certificate %s linked to %s by the official email."),
                                    cert->serial, staff->full_name);
      break;
    case CD_LINK_BY_CCCD:
      o->message = g_strdup_printf (_("Certificate %s linked to %s by the CCCD number."),
                                    cert->serial, staff->full_name);
      break;
    default:
      o->message = g_strdup_printf (_("Certificate %s linked to %s by the full name."),
                                    cert->serial, staff->full_name);
      break;
    }
  return TRUE;
}

CdLinkOutcome *
cd_cert_link_store (CdStore        *store,
                    CdCertificate  *cert,
                    GError        **error)
{
  g_autoptr(CdLinkOutcome) o = NULL;
  g_autoptr(CdStaff) staff = NULL;
  gboolean ambiguous = FALSE;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (cert != NULL, NULL);

  if (!cd_store_save_certificate (store, cert, error))
    return NULL;
  o = outcome_new (cert);

  if (cert->staff_id != 0)
    {
      g_autoptr(CdStaff) linked = cd_store_get_staff (store, cert->staff_id, NULL);
      o->how = CD_LINK_KEPT;
      o->staff_id = cert->staff_id;
      o->staff_name = linked ? g_strdup (linked->full_name) : NULL;
      o->message = g_strdup_printf (_("Certificate %s was already linked to %s."), cert->serial,
                                    o->staff_name ? o->staff_name : "?");
      return g_steal_pointer (&o);
    }

  if (cert->email != NULL && (staff = cd_store_find_staff_by_email (store, cert->email)) != NULL)
    return link_to (store, cert, staff, CD_LINK_BY_EMAIL, o, error) ? g_steal_pointer (&o) : NULL;
  if (cert->uid_cccd != NULL && (staff = cd_store_find_staff_by_cccd (store, cert->uid_cccd)) != NULL)
    return link_to (store, cert, staff, CD_LINK_BY_CCCD, o, error) ? g_steal_pointer (&o) : NULL;
  if (cert->subject_cn != NULL)
    {
      staff = cd_store_find_staff_by_name (store, cert->subject_cn, &ambiguous);
      if (staff != NULL && !ambiguous)
        return link_to (store, cert, staff, CD_LINK_BY_NAME, o, error) ? g_steal_pointer (&o) : NULL;
    }

  if (ambiguous)
    {
      o->how = CD_LINK_AMBIGUOUS;
      o->message = g_strdup_printf (_("Certificate %s (%s) was not linked: several staff members "
                                      "have this name. Link it by hand in the staff list."),
                                    cert->serial, cert->subject_cn);
    }
  else
    {
      o->how = CD_LINK_NO_MATCH;
      o->message = g_strdup_printf (_("Certificate %s (%s) was not linked: no staff member has its "
                                      "email, CCCD or name. Add the person or link it by hand."),
                                    cert->serial, cert->subject_cn ? cert->subject_cn : "");
    }
  return g_steal_pointer (&o);
}

GPtrArray *
cd_cert_link_import_file (CdStore     *store,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(GPtrArray) certs = cd_x509_load_file (path, error);
  g_autoptr(GPtrArray) out = NULL;

  if (certs == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_link_outcome_free);
  for (guint i = 0; i < certs->len; i++)
    {
      CdLinkOutcome *o = cd_cert_link_store (store, g_ptr_array_index (certs, i), error);
      if (o == NULL)
        return NULL;
      g_ptr_array_add (out, o);
    }
  return g_steal_pointer (&out);
}

CdCrlReport *
cd_cert_link_apply_crl (CdStore      *store,
                        const CdCrl  *crl,
                        GError      **error)
{
  g_autoptr(GPtrArray) all = cd_store_list_certificates (store, error);
  g_autoptr(CdCrlReport) report = NULL;

  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    cd_cert_link_refresh (g_ptr_array_index (all, i));
  if (cd_crl_find_issuer (crl, all, error) == NULL)
    return NULL;

  report = g_new0 (CdCrlReport, 1);
  report->issuer_dn = g_strdup (cd_crl_get_issuer_dn (crl));
  report->listed = cd_crl_get_entries (crl)->len;
  report->serials = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < all->len; i++)
    {
      CdCertificate *c = g_ptr_array_index (all, i);
      const CdCrlEntry *e = cd_crl_match (crl, c);

      if (e == NULL)
        continue;
      if (c->revoked)
        {
          report->already++;
          continue;
        }
      if (!cd_store_revoke_certificate (store, c->id, e->revoked_date, e->reason, error))
        return NULL;
      report->revoked++;
      g_ptr_array_add (report->serials, g_strdup (c->serial));
    }
  return g_steal_pointer (&report);
}

/* ---- On a worker thread --------------------------------------------- */

static gpointer
import_file_work (CdStore       *store,
                  gpointer       path,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return cd_cert_link_import_file (store, path, error);
}

void
cd_cert_link_import_file_async (CdStore             *store,
                                const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  cd_store_run_async (store, import_file_work, g_strdup (path), g_free,
                      (GDestroyNotify) g_ptr_array_unref, "certificate",
                      cd_cert_link_import_file_async,
                      cancellable, callback, user_data);
}

GPtrArray *
cd_cert_link_import_file_finish (CdStore       *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return cd_store_run_finish (store, result, cd_cert_link_import_file_async, error);
}

static gpointer
apply_crl_work (CdStore       *store,
                gpointer       path,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(CdCrl) crl = cd_crl_load_file (path, error);

  return crl != NULL ? cd_cert_link_apply_crl (store, crl, error) : NULL;
}

void
cd_cert_link_apply_crl_file_async (CdStore             *store,
                                   const char          *path,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  cd_store_run_async (store, apply_crl_work, g_strdup (path), g_free,
                      (GDestroyNotify) cd_crl_report_free, "certificate",
                      cd_cert_link_apply_crl_file_async,
                      cancellable, callback, user_data);
}

CdCrlReport *
cd_cert_link_apply_crl_file_finish (CdStore       *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return cd_store_run_finish (store, result, cd_cert_link_apply_crl_file_async, error);
}
