/* test-link-dialog.c — "whose certificate is this?" (issue 14, issue 16
 * item 4): the unit and each service are offered besides the staff,
 * nothing is chosen at first and "Link" waits for the clerk's choice.
 * Needs a display (the suite runs under Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "cd-gui-test-util.h"
#include "cd-application.h"
#include "cd-link-certificate-dialog.h"

static void
row_free (gpointer data)
{
  CdStaffRow *r = data;

  g_free (r->full_name);
  g_free (r->position);
  g_free (r);
}

/* Two people, in the order a sorted staff list would give them. */
static GListModel *
staff_model (GPtrArray **rows_out)
{
  static const char *const names[] = { "Bùi Thị An", "Hoàng Văn Thái" };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  GListStore *store = g_list_store_new (CD_TYPE_STAFF_ITEM);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      CdStaffRow *r = g_new0 (CdStaffRow, 1);

      r->staff_id = 10 + i;
      r->full_name = g_strdup (names[i]);
      r->position = g_strdup ("Giáo viên");
      g_ptr_array_add (rows, r);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(CdStaffItem) item = cd_staff_item_new (rows, g_ptr_array_index (rows, i));
      g_list_store_append (store, item);
    }
  *rows_out = g_steal_pointer (&rows);
  return G_LIST_MODEL (store);
}

static void
test_holders (void)
{
  g_autoptr(CdApplication) app = NULL;   /* registers the UI resources */
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GListModel) staff = NULL;
  g_autoptr(CdCertificate) cert = cd_certificate_new ();
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_service_free);
  CdService *desk = cd_service_new ();
  CdLinkCertificateDialog *dialog;
  GtkDropDown *drop;
  CdCertHolderKind kind = CD_CERT_HOLDER_NONE;
  gint64 id = -1;
  const char *name = NULL;

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return;
    }
  adw_init ();
  app = cd_application_new ();
  staff = staff_model (&rows);
  cert->id = 1;
  cert->serial = g_strdup ("5405EA1000000005");
  cert->subject_cn = g_strdup ("Bộ phận Một cửa");
  desk->id = 7;
  desk->name = g_strdup ("Bộ phận Một cửa");
  g_ptr_array_add (services, desk);

  dialog = cd_link_certificate_dialog_new (NULL, cert, staff, "TRƯỜNG THCS LÊ LỢI", services);
  drop = GTK_DROP_DOWN (cd_gui_test_find_type (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (drop);
  /* The unit, the service, then the two people. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (drop)), ==, 4);

  /* Nothing chosen: nothing can be linked. */
  g_assert_cmpuint (gtk_drop_down_get_selected (drop), ==, GTK_INVALID_LIST_POSITION);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "link"));
  g_assert_false (cd_link_certificate_dialog_get_holder (dialog, &kind, &id, &name));
  g_assert_null (cd_link_certificate_dialog_get_staff (dialog));
  /* Its name looks like the one-stop desk's: the body says so. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "one-stop desk"));

  gtk_drop_down_set_selected (drop, 0);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "link"));
  g_assert_true (cd_link_certificate_dialog_get_holder (dialog, &kind, &id, &name));
  g_assert_cmpint (kind, ==, CD_CERT_HOLDER_UNIT);
  g_assert_cmpint (id, ==, 0);
  g_assert_cmpstr (name, ==, "TRƯỜNG THCS LÊ LỢI");
  g_assert_null (cd_link_certificate_dialog_get_staff (dialog));

  gtk_drop_down_set_selected (drop, 1);
  g_assert_true (cd_link_certificate_dialog_get_holder (dialog, &kind, &id, &name));
  g_assert_cmpint (kind, ==, CD_CERT_HOLDER_SERVICE);
  g_assert_cmpint (id, ==, 7);
  g_assert_cmpstr (name, ==, "Bộ phận Một cửa");

  gtk_drop_down_set_selected (drop, 3);
  g_assert_true (cd_link_certificate_dialog_get_holder (dialog, &kind, &id, &name));
  g_assert_cmpint (kind, ==, CD_CERT_HOLDER_PERSON);
  g_assert_cmpint (id, ==, 11);
  g_assert_cmpstr (name, ==, "Hoàng Văn Thái");
  g_assert_nonnull (cd_link_certificate_dialog_get_staff (dialog));

  /* Back to nothing: "Link" goes off again. */
  gtk_drop_down_set_selected (drop, GTK_INVALID_LIST_POSITION);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "link"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_people_only (void)
{
  g_autoptr(CdApplication) app = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GListModel) staff = NULL;
  g_autoptr(CdCertificate) cert = cd_certificate_new ();
  CdLinkCertificateDialog *dialog;
  GtkDropDown *drop;

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return;
    }
  adw_init ();
  app = cd_application_new ();
  staff = staff_model (&rows);
  cert->serial = g_strdup ("0A1B2C3D");
  cert->subject_cn = g_strdup ("Hoàng Văn Thái");

  /* No unit name yet and no service: the people only, none chosen (it
   * used to preselect the first one alphabetically). */
  dialog = cd_link_certificate_dialog_new (NULL, cert, staff, NULL, NULL);
  drop = GTK_DROP_DOWN (cd_gui_test_find_type (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (drop)), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (drop), ==, GTK_INVALID_LIST_POSITION);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "link"));
  g_assert_null (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "one-stop desk"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gui/link-dialog/holders", test_holders);
  g_test_add_func ("/gui/link-dialog/people-only", test_people_only);
  return g_test_run ();
}
