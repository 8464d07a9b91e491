/* cd-ca-trust-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-ca-trust-group.h"
#include "cd-gui-util.h"
#include "cd-store-trust.h"
#include "cd-trust.h"

struct _CdCaTrustGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Not template */
  GPtrArray           *rows;      /* GtkWidget, borrowed from the group */

  /* Owned */
  CdStore             *store;
};

G_DEFINE_FINAL_TYPE (CdCaTrustGroup, cd_ca_trust_group, ADW_TYPE_PREFERENCES_GROUP)

static void
add_row (CdCaTrustGroup *self,
         GtkWidget      *row)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
}

static void
trust_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   CdCaTrustGroup   *self)
{
  const char *fingerprint = g_object_get_data (G_OBJECT (dialog), "cd-fingerprint");
  gboolean trusted = g_strcmp0 (response, "trust") == 0;
  GtkWidget *where = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  g_autoptr(GError) error = NULL;

  if ((!trusted && g_strcmp0 (response, "distrust") != 0) || self->store == NULL)
    return;
  if (!cd_store_set_ca_trusted (self->store, fingerprint, trusted, &error))
    {
      cd_gui_toast (where, error->message);
      return;
    }
  cd_gui_toast (where, trusted ? _("The authority is trusted: its revocation lists will be applied.")
                               : _("The authority is no longer trusted: its revocation lists will not be applied."));
  cd_ca_trust_group_reload (self);
}

/* The explicit act: the fingerprint in full, to compare, then Trust. */
static void
decide_clicked_cb (GtkButton      *button,
                   CdCaTrustGroup *self)
{
  const char *fingerprint = g_object_get_data (G_OBJECT (button), "cd-fingerprint");
  const char *dn = g_object_get_data (G_OBJECT (button), "cd-subject");
  gboolean trusted = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "cd-trusted"));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *grouped = cd_trust_format_fingerprint (fingerprint);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, NULL));
  if (!trusted)
    {
      adw_message_dialog_set_heading (dialog, _("Trust this certificate authority?"));
      adw_message_dialog_format_body (dialog,
                                      _("%s\n\nSHA-256 fingerprint:\n%s\n\nCompare every group with the fingerprint "
                                        "the provider publishes (its website or its letter). Trust it only if they "
                                        "are the same: its revocation lists will then mark certificates revoked."),
                                      dn, grouped);
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "trust", _("_Trust"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "trust", ADW_RESPONSE_SUGGESTED);
    }
  else
    {
      adw_message_dialog_set_heading (dialog, _("Stop trusting this certificate authority?"));
      adw_message_dialog_format_body (dialog, _("%s\n\nSHA-256 fingerprint:\n%s\n\nIts revocation lists will no "
                                                "longer be applied."), dn, grouped);
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "distrust", _("_Stop Trusting"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "distrust", ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cd-fingerprint", g_strdup (fingerprint), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (trust_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
cd_ca_trust_group_reload (CdCaTrustGroup *self)
{
  g_autoptr(GPtrArray) cas = NULL;
  g_autoptr(GHashTable) trusted_names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  g_return_if_fail (CD_IS_CA_TRUST_GROUP (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  if (self->store == NULL)
    return;
  cas = cd_store_list_cas (self->store, &error);
  if (cas == NULL)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
      add_row (self, row);
      return;
    }
  if (cas->len == 0)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No certificate authority yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Import the provider's CA certificate file (Import Certificates), then trust it here."));
      add_row (self, row);
      return;
    }
  for (guint i = 0; i < cas->len; i++)
    {
      const CdCaTrust *ca = g_ptr_array_index (cas, i);
      if (ca->trusted)
        g_hash_table_add (trusted_names, ca->subject_dn);
    }
  for (guint i = 0; i < cas->len; i++)
    {
      const CdCaTrust *ca = g_ptr_array_index (cas, i);
      g_autofree char *grouped = cd_trust_format_fingerprint (ca->fingerprint);
      const char *state;
      g_autofree char *subtitle = NULL;
      GtkWidget *button;

      if (ca->trusted)
        state = _("Trusted");
      else if (g_hash_table_contains (trusted_names, ca->subject_dn))
        state = _("Not trusted — a look-alike: a trusted authority has this name and another key");
      else
        state = _("Not trusted: its revocation lists are not applied");
      /* Translators: the trust state, then the SHA-256 fingerprint */
      subtitle = g_strdup_printf (_("%s\nSHA-256: %s"), state, grouped);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ca->subject_dn);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
      button = gtk_button_new_with_mnemonic (ca->trusted ? _("_Stop Trusting…") : _("_Trust…"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (button, !cd_store_is_read_only (self->store));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      ca->trusted ? _("Stop trusting this authority") : _("Trust this authority"), -1);
      g_object_set_data_full (G_OBJECT (button), "cd-fingerprint", g_strdup (ca->fingerprint), g_free);
      g_object_set_data_full (G_OBJECT (button), "cd-subject", g_strdup (ca->subject_dn), g_free);
      g_object_set_data (G_OBJECT (button), "cd-trusted", GINT_TO_POINTER (ca->trusted));
      g_signal_connect (button, "clicked", G_CALLBACK (decide_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      add_row (self, row);
    }
}

static void
cd_ca_trust_group_dispose (GObject *object)
{
  CdCaTrustGroup *self = CD_CA_TRUST_GROUP (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_CA_TRUST_GROUP);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cd_ca_trust_group_parent_class)->dispose (object);
}

static void
cd_ca_trust_group_finalize (GObject *object)
{
  CdCaTrustGroup *self = CD_CA_TRUST_GROUP (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (cd_ca_trust_group_parent_class)->finalize (object);
}

static void
cd_ca_trust_group_class_init (CdCaTrustGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_ca_trust_group_dispose;
  object_class->finalize = cd_ca_trust_group_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/certdesk/CertDesk/cd-ca-trust-group.ui");
}

static void
cd_ca_trust_group_init (CdCaTrustGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

void
cd_ca_trust_group_set_store (CdCaTrustGroup *self,
                             CdStore        *store)
{
  g_return_if_fail (CD_IS_CA_TRUST_GROUP (self));

  g_set_object (&self->store, store);
  cd_ca_trust_group_reload (self);
}
