/* cd-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-model.h"

CdUnit *
cd_unit_new (void)
{
  return g_new0 (CdUnit, 1);
}

CdUnit *
cd_unit_copy (const CdUnit *u)
{
  CdUnit *c;

  if (u == NULL)
    return NULL;
  c = cd_unit_new ();
  c->name = g_strdup (u->name);
  c->parent_name = g_strdup (u->parent_name);
  c->place = g_strdup (u->place);
  c->province = g_strdup (u->province);
  c->head_title = g_strdup (u->head_title);
  c->head_name = g_strdup (u->head_name);
  c->address = g_strdup (u->address);
  c->phone = g_strdup (u->phone);
  c->email = g_strdup (u->email);
  for (guint i = 0; i < G_N_ELEMENTS (u->org_level); i++)
    c->org_level[i] = g_strdup (u->org_level[i]);
  c->tax_code = g_strdup (u->tax_code);
  c->budget_code = g_strdup (u->budget_code);
  c->focal_name = g_strdup (u->focal_name);
  c->focal_cccd = g_strdup (u->focal_cccd);
  c->focal_cccd_date = g_strdup (u->focal_cccd_date);
  c->focal_cccd_place = g_strdup (u->focal_cccd_place);
  c->focal_position = g_strdup (u->focal_position);
  c->focal_phone = g_strdup (u->focal_phone);
  c->focal_email = g_strdup (u->focal_email);
  c->former_names = g_strdupv (u->former_names);
  return c;
}

void
cd_unit_free (CdUnit *u)
{
  if (u == NULL)
    return;
  g_free (u->name);
  g_free (u->parent_name);
  g_free (u->place);
  g_free (u->province);
  g_free (u->head_title);
  g_free (u->head_name);
  g_free (u->address);
  g_free (u->phone);
  g_free (u->email);
  for (guint i = 0; i < G_N_ELEMENTS (u->org_level); i++)
    g_free (u->org_level[i]);
  g_free (u->tax_code);
  g_free (u->budget_code);
  g_free (u->focal_name);
  g_free (u->focal_cccd);
  g_free (u->focal_cccd_date);
  g_free (u->focal_cccd_place);
  g_free (u->focal_position);
  g_free (u->focal_phone);
  g_free (u->focal_email);
  g_strfreev (u->former_names);
  g_free (u);
}

CdStaff *
cd_staff_new (void)
{
  return g_new0 (CdStaff, 1);
}

CdStaff *
cd_staff_copy (const CdStaff *s)
{
  CdStaff *c;

  if (s == NULL)
    return NULL;
  c = cd_staff_new ();
  c->id = s->id;
  c->full_name = g_strdup (s->full_name);
  c->birth_date = g_strdup (s->birth_date);
  c->gender = g_strdup (s->gender);
  c->position = g_strdup (s->position);
  c->department = g_strdup (s->department);
  c->cccd = g_strdup (s->cccd);
  c->cccd_date = g_strdup (s->cccd_date);
  c->cccd_place = g_strdup (s->cccd_place);
  c->phone = g_strdup (s->phone);
  c->email = g_strdup (s->email);
  c->left = s->left;
  c->left_date = g_strdup (s->left_date);
  c->left_reason = g_strdup (s->left_reason);
  c->note = g_strdup (s->note);
  return c;
}

void
cd_staff_free (CdStaff *s)
{
  if (s == NULL)
    return;
  g_free (s->full_name);
  g_free (s->birth_date);
  g_free (s->gender);
  g_free (s->position);
  g_free (s->department);
  g_free (s->cccd);
  g_free (s->cccd_date);
  g_free (s->cccd_place);
  g_free (s->phone);
  g_free (s->email);
  g_free (s->left_date);
  g_free (s->left_reason);
  g_free (s->note);
  g_free (s);
}

CdCertificate *
cd_certificate_new (void)
{
  return g_new0 (CdCertificate, 1);
}

CdCertificate *
cd_certificate_copy (const CdCertificate *x)
{
  CdCertificate *c;

  if (x == NULL)
    return NULL;
  c = cd_certificate_new ();
  c->id = x->id;
  c->staff_id = x->staff_id;
  c->serial = g_strdup (x->serial);
  c->subject_dn = g_strdup (x->subject_dn);
  c->subject_cn = g_strdup (x->subject_cn);
  c->subject_ou = g_strdupv (x->subject_ou);
  c->subject_o = g_strdup (x->subject_o);
  c->subject_l = g_strdup (x->subject_l);
  c->subject_st = g_strdup (x->subject_st);
  c->email = g_strdup (x->email);
  c->uid_cccd = g_strdup (x->uid_cccd);
  c->uid_mst = g_strdup (x->uid_mst);
  c->issuer_cn = g_strdup (x->issuer_cn);
  c->issuer_o = g_strdup (x->issuer_o);
  c->provider = g_strdup (x->provider);
  c->not_before = x->not_before;
  c->not_after = x->not_after;
  c->fingerprint = g_strdup (x->fingerprint);
  c->der = x->der ? g_bytes_ref (x->der) : NULL;
  c->source = x->source;
  c->revoked = x->revoked;
  c->revoked_date = g_strdup (x->revoked_date);
  c->revoked_reason = g_strdup (x->revoked_reason);
  c->subject_attrs = g_strdupv (x->subject_attrs);
  c->subject_uids = g_strdupv (x->subject_uids);
  c->uid_passport = g_strdup (x->uid_passport);
  c->issuer_dn = g_strdup (x->issuer_dn);
  c->key_usage = x->key_usage;
  c->purpose = x->purpose;
  c->track = x->track;
  c->crl_urls = g_strdupv (x->crl_urls);
  c->ocsp_urls = g_strdupv (x->ocsp_urls);
  c->holder_kind = x->holder_kind;
  c->service_id = x->service_id;
  c->device_id = x->device_id;
  return c;
}

void
cd_certificate_free (CdCertificate *x)
{
  if (x == NULL)
    return;
  g_free (x->serial);
  g_free (x->subject_dn);
  g_free (x->subject_cn);
  g_strfreev (x->subject_ou);
  g_free (x->subject_o);
  g_free (x->subject_l);
  g_free (x->subject_st);
  g_free (x->email);
  g_free (x->uid_cccd);
  g_free (x->uid_mst);
  g_free (x->issuer_cn);
  g_free (x->issuer_o);
  g_free (x->provider);
  g_free (x->fingerprint);
  g_clear_pointer (&x->der, g_bytes_unref);
  g_free (x->revoked_date);
  g_free (x->revoked_reason);
  g_strfreev (x->subject_attrs);
  g_strfreev (x->subject_uids);
  g_free (x->uid_passport);
  g_free (x->issuer_dn);
  g_strfreev (x->crl_urls);
  g_strfreev (x->ocsp_urls);
  g_free (x);
}

CdDevice *
cd_device_new (void)
{
  return g_new0 (CdDevice, 1);
}

CdDevice *
cd_device_copy (const CdDevice *d)
{
  CdDevice *c;

  if (d == NULL)
    return NULL;
  c = cd_device_new ();
  c->id = d->id;
  c->token_serial = g_strdup (d->token_serial);
  c->label = g_strdup (d->label);
  c->manufacturer = g_strdup (d->manufacturer);
  c->model = g_strdup (d->model);
  c->type = g_strdup (d->type);
  c->holder_id = d->holder_id;
  c->status = g_strdup (d->status);
  c->carrier = g_strdup (d->carrier);
  c->phone = g_strdup (d->phone);
  c->ported = d->ported;
  c->service_id = d->service_id;
  return c;
}

void
cd_device_free (CdDevice *d)
{
  if (d == NULL)
    return;
  g_free (d->token_serial);
  g_free (d->label);
  g_free (d->manufacturer);
  g_free (d->model);
  g_free (d->type);
  g_free (d->status);
  g_free (d->carrier);
  g_free (d->phone);
  g_free (d);
}

CdService *
cd_service_new (void)
{
  return g_new0 (CdService, 1);
}

CdService *
cd_service_copy (const CdService *s)
{
  CdService *c;

  if (s == NULL)
    return NULL;
  c = cd_service_new ();
  c->id = s->id;
  c->name = g_strdup (s->name);
  c->note = g_strdup (s->note);
  return c;
}

void
cd_service_free (CdService *s)
{
  if (s == NULL)
    return;
  g_free (s->name);
  g_free (s->note);
  g_free (s);
}

const char *
cd_cert_holder_kind_id (CdCertHolderKind kind)
{
  switch (kind)
    {
    case CD_CERT_HOLDER_PERSON: return "person";
    case CD_CERT_HOLDER_UNIT: return "unit";
    case CD_CERT_HOLDER_SERVICE: return "service";
    case CD_CERT_HOLDER_NONE:
    default: return "none";
    }
}

CdCertHolderKind
cd_cert_holder_kind_from_id (const char *id)
{
  if (g_strcmp0 (id, "person") == 0)
    return CD_CERT_HOLDER_PERSON;
  if (g_strcmp0 (id, "unit") == 0)
    return CD_CERT_HOLDER_UNIT;
  if (g_strcmp0 (id, "service") == 0)
    return CD_CERT_HOLDER_SERVICE;
  return CD_CERT_HOLDER_NONE;
}

#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)

int
cd_certificate_days_left (const CdCertificate *cert,
                          gint64               now)
{
  gint64 diff;

  g_return_val_if_fail (cert != NULL, 0);
  diff = cert->not_after - now;
  /* Floor division: 1 second past expiry is day -1, not day 0. */
  if (diff >= 0)
    return (int) (diff / SECONDS_PER_DAY);
  return (int) -((-diff + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY);
}

gboolean
cd_cert_status_in_force (CdCertStatus status)
{
  return status == CD_CERT_STATUS_VALID || status == CD_CERT_STATUS_EXPIRING
         || status == CD_CERT_STATUS_NOT_YET_VALID;
}

const char *
cd_cert_status_id (CdCertStatus status)
{
  switch (status)
    {
    case CD_CERT_STATUS_VALID: return "valid";
    case CD_CERT_STATUS_EXPIRING: return "expiring";
    case CD_CERT_STATUS_EXPIRED: return "expired";
    case CD_CERT_STATUS_NOT_YET_VALID: return "not_yet_valid";
    case CD_CERT_STATUS_REVOKED: return "revoked";
    case CD_CERT_STATUS_NONE:
    default: return "none";
    }
}

CdCertStatus
cd_certificate_status (const CdCertificate *cert,
                       gint64               now,
                       int                  threshold_days)
{
  if (cert == NULL)
    return CD_CERT_STATUS_NONE;
  if (cert->revoked)
    return CD_CERT_STATUS_REVOKED;
  if (now < cert->not_before)
    return CD_CERT_STATUS_NOT_YET_VALID;
  if (now > cert->not_after)
    return CD_CERT_STATUS_EXPIRED;
  if (cd_certificate_days_left (cert, now) < threshold_days)
    return CD_CERT_STATUS_EXPIRING;
  return CD_CERT_STATUS_VALID;
}

const char *
cd_cert_status_label (CdCertStatus status)
{
  switch (status)
    {
    case CD_CERT_STATUS_VALID:
      return _("Valid");
    case CD_CERT_STATUS_EXPIRING:
      return _("Expiring soon");
    case CD_CERT_STATUS_EXPIRED:
      return _("Expired");
    case CD_CERT_STATUS_NOT_YET_VALID:
      return _("Not yet valid");
    case CD_CERT_STATUS_REVOKED:
      return _("Revoked");
    case CD_CERT_STATUS_NONE:
    default:
      /* Translators: a staff member without any certificate */
      return _("No certificate");
    }
}
