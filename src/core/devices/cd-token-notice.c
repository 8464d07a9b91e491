/* cd-token-notice.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-token-notice.h"

void
cd_token_notice_free (CdTokenNotice *notice)
{
  if (notice == NULL)
    return;
  g_free (notice->text);
  g_free (notice);
}

/* "còn 30 ngày", "quá hạn 3 ngày", "Đã thu hồi": a revoked certificate is
 * revoked whatever its end date says. */
char *
cd_token_notice_certificate_state (const CdCertificate *cert,
                                   gint64               now,
                                   int                  threshold_days,
                                   gboolean            *needs_action)
{
  gboolean ignored;

  if (needs_action == NULL)
    needs_action = &ignored;
  CdCertStatus status = cd_certificate_status (cert, now, threshold_days);
  int days = cd_certificate_days_left (cert, now);

  switch (status)
    {
    case CD_CERT_STATUS_REVOKED:
    case CD_CERT_STATUS_NOT_YET_VALID:
      *needs_action = TRUE;
      return g_utf8_strdown (cd_cert_status_label (status), -1);
    case CD_CERT_STATUS_EXPIRED:
      *needs_action = TRUE;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "expired %d day ago", "expired %d days ago",
                                           (gulong) ABS (days)), ABS (days));
    case CD_CERT_STATUS_VALID:
    case CD_CERT_STATUS_EXPIRING:
    case CD_CERT_STATUS_NONE:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left",
                                           (gulong) MAX (days, 0)), MAX (days, 0));
    }
}

CdTokenNotice *
cd_token_notice_new (CdStore                   *store,
                     const CdToken             *t,
                     const CdTokenRegistration *reg,
                     gint64                     now,
                     int                        threshold_days)
{
  CdTokenNotice *notice = g_new0 (CdTokenNotice, 1);
  g_autoptr(CdCertificate) cert = NULL;
  g_autoptr(CdStaff) staff = NULL;
  const char *serial = t->serial && *t->serial ? t->serial : t->label;

  g_return_val_if_fail (CD_IS_STORE (store), notice);

  cert = reg->cert_id ? cd_store_get_certificate (store, reg->cert_id, NULL) : NULL;
  staff = reg->holder_id ? cd_store_get_staff (store, reg->holder_id, NULL) : NULL;

  if (cert == NULL)
    {
      notice->text = g_strdup_printf (_("Token %s plugged in: it holds no certificate."), serial);
      notice->needs_action = TRUE;
    }
  else if (staff != NULL)
    {
      g_autofree char *state = cd_token_notice_certificate_state (cert, now, threshold_days, &notice->needs_action);

      notice->text = g_strdup_printf (_("Token of %s · serial %s · %s"), staff->full_name, cert->serial, state);
      notice->staff_id = staff->id;
    }
  else if (cert->holder_kind == CD_CERT_HOLDER_UNIT || cert->holder_kind == CD_CERT_HOLDER_SERVICE)
    {
      /* The unit's seal or a service's certificate: nobody to link. */
      g_autoptr(CdUnit) unit = cd_store_get_unit (store);
      g_autoptr(CdService) service = cert->holder_kind == CD_CERT_HOLDER_SERVICE
                                     ? cd_store_get_service (store, cert->service_id, NULL) : NULL;

      notice->text = cert->holder_kind == CD_CERT_HOLDER_UNIT
        ? g_strdup_printf (_("Token with the seal of the unit %s · serial %s"),
                           unit && unit->name ? unit->name : "", cert->serial)
        : g_strdup_printf (_("Token of the service %s · serial %s"), service ? service->name : "?", cert->serial);
    }
  else
    {
      notice->text = g_strdup_printf (_("Token with the certificate of %s (serial %s) is not linked to any staff member."),
                                      cert->subject_cn ? cert->subject_cn : "?", cert->serial);
      notice->cert_id = cert->id;
      notice->needs_action = TRUE;
    }

  /* The PIN flags are read without logging in; a locked token has just
   * marked its device locked (cd_token_register), hence khôi phục. */
  if (t->pin_state == CD_TOKEN_PIN_LOCKED)
    {
      g_autofree char *plain = g_steal_pointer (&notice->text);

      notice->text = g_strdup_printf (_("%s · %s: make a request to restore the device (khôi phục)."),
                                      plain, cd_token_pin_state_describe (t->pin_state));
      notice->needs_action = TRUE;
    }
  else if (t->pin_state != CD_TOKEN_PIN_OK)
    {
      g_autofree char *plain = g_steal_pointer (&notice->text);

      notice->text = g_strdup_printf ("%s · %s", plain, cd_token_pin_state_describe (t->pin_state));
      notice->needs_action = TRUE;
    }
  return notice;
}

char *
cd_token_notice_summarize (GPtrArray *notices,
                           guint     *n_action)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(GPtrArray) action = g_ptr_array_new ();
  guint quoted;

  if (n_action != NULL)
    *n_action = 0;
  if (notices == NULL || notices->len == 0)
    return NULL;

  for (guint i = 0; i < notices->len; i++)
    {
      CdTokenNotice *n = g_ptr_array_index (notices, i);
      if (n->needs_action)
        g_ptr_array_add (action, n->text);
    }
  if (n_action != NULL)
    *n_action = action->len;

  text = g_string_new (NULL);
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u token read.", "%u tokens read.",
                                             notices->len), notices->len);
  if (action->len == 0)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, _("None needs attention."));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  /* Those needing the clerk first, in the order they were read; two are
   * quoted whole (a toast holds about that much), the rest counted. */
  g_string_append_c (text, ' ');
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u needs attention:", "%u need attention:",
                                             action->len), action->len);
  quoted = MIN (action->len, 2);
  for (guint i = 0; i < quoted; i++)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, g_ptr_array_index (action, i));
      if (i + 1 < quoted)
        g_string_append (text, ";");
    }
  if (action->len > quoted)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "(and %u more: see Devices)",
                                                 "(and %u more: see Devices)", action->len - quoted),
                              action->len - quoted);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
