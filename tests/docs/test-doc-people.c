/* test-doc-people.c — who goes on each kind of document, read from a
 * real register file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "cd-device-link.h"
#include "cd-doc-people.h"
#include "cd-doc-templates.h"
#include "cd-docx.h"
#include "cd-store.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"

#define DAY 86400

typedef struct {
  char    *tmp;
  CdStore *store;
  gint64   now;
  gint64   id[5];   /* a: no cert, b: expiring, c: left with a valid cert,
                     * d: valid with a device, e: left, cert revoked */
} Fixture;

static gint64
add_cert (Fixture *f, gint64 staff, const char *serial, gint64 not_after)
{
  g_autoptr(CdCertificate) c = cd_certificate_new ();
  g_autoptr(GError) error = NULL;

  c->serial = g_strdup (serial);
  c->subject_cn = g_strdup ("x");
  c->fingerprint = g_strdup_printf ("%064d", atoi (serial));
  c->not_before = f->now - 400 * DAY;
  c->not_after = not_after;
  c->provider = g_strdup ("Ban Cơ yếu Chính phủ");
  g_assert_true (cd_store_save_certificate (f->store, c, &error));
  g_assert_no_error (error);
  g_assert_true (cd_store_link_certificate (f->store, c->id, staff, &error));
  g_assert_no_error (error);
  return c->id;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autoptr(CdUnit) unit = cd_unit_new ();
  g_autoptr(CdDevice) dev = cd_device_new ();
  gint64 cert;

  f->tmp = cd_test_tmpdir ();
  db = g_build_filename (f->tmp, "so.db", NULL);
  f->store = cd_store_open (db, &error);
  g_assert_no_error (error);
  f->now = g_get_real_time () / G_USEC_PER_SEC;
  unit->name = g_strdup ("Trường THCS Lê Lợi");
  unit->place = g_strdup ("Hải Phòng");
  g_assert_true (cd_store_save_unit (f->store, unit, &error));
  g_assert_no_error (error);

  f->id[0] = cd_test_add_staff (f->store, "Nguyễn Văn An", "1985-03-07", "031085000001", "031085000001@haiphong.edu.vn");
  f->id[1] = cd_test_add_staff (f->store, "Trần Thị Bình", "1985-03-07", "031085000002", "031085000002@haiphong.edu.vn");
  add_cert (f, f->id[1], "1002", f->now + 10 * DAY);
  f->id[2] = cd_test_add_staff (f->store, "Lê Văn Cường", "1985-03-07", "031085000003", "031085000003@haiphong.edu.vn");
  add_cert (f, f->id[2], "1003", f->now + 500 * DAY);
  g_assert_true (cd_store_mark_staff_left (f->store, f->id[2], "2025-09-01", "Nghỉ hưu", &error));
  f->id[3] = cd_test_add_staff (f->store, "Phạm Thị Dung", "1985-03-07", "031085000004", "031085000004@haiphong.edu.vn");
  cert = add_cert (f, f->id[3], "1004", f->now + 700 * DAY);
  dev->token_serial = g_strdup ("B4ID000777");
  dev->type = g_strdup ("TOKEN");
  dev->holder_id = f->id[3];
  g_assert_true (cd_store_save_device (f->store, dev, &error));
  g_assert_no_error (error);
  /* as reading the token records it */
  g_assert_true (cd_devices_link_certificate (f->store, dev->id, cert, &error));
  g_assert_no_error (error);
  f->id[4] = cd_test_add_staff (f->store, "Hoàng Văn Em", "1985-03-07", "031085000005", "031085000005@haiphong.edu.vn");
  cert = add_cert (f, f->id[4], "1005", f->now + 300 * DAY);
  g_assert_true (cd_store_mark_staff_left (f->store, f->id[4], "2025-08-01", "Chuyển tỉnh", &error));
  g_assert_true (cd_store_revoke_certificate (f->store, cert, "2025-08-05", "Chuyển tỉnh", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  cd_test_rm_rf (f->tmp);
  g_free (f->tmp);
}

/* The names on @kind's default list, joined by ", ". */
static char *
names_for (Fixture *f, const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDocContext) ctx = cd_doc_context_from_store (f->store, kind, NULL, 0, 60, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < ctx->people->len; i++)
    g_ptr_array_add (names, ((CdDocPerson *) g_ptr_array_index (ctx->people, i))->staff->full_name);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

static void
test_default_people (Fixture *f, gconstpointer data)
{
  g_autofree char *new_ = names_for (f, "cap-moi");
  g_autofree char *renew = names_for (f, "gia-han");
  g_autofree char *revoke = names_for (f, "thu-hoi");
  g_autofree char *all = names_for (f, "register");

  g_assert_cmpstr (new_, ==, "Nguyễn Văn An");
  g_assert_cmpstr (renew, ==, "Trần Thị Bình");
  g_assert_cmpstr (revoke, ==, "Lê Văn Cường");
  g_assert_cmpuint (strlen (all), >, 0);
  g_assert_nonnull (strstr (all, "Hoàng Văn Em"));
  g_assert_true (cd_doc_kind_needs_choice ("mau-07"));
  g_assert_false (cd_doc_kind_needs_choice ("cap-moi"));
}

/* The request for new certificates lists, as the wizard does, whoever
 * works here without a certificate in force: none, expired or revoked
 * (the renewal list sends the expired ones here). */
static void
test_default_new_after_expiry (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 expired = cd_test_add_staff (f->store, "Vũ Thị Giang", "1985-03-07", "031085000006", NULL);
  gint64 revoked = cd_test_add_staff (f->store, "Đỗ Văn Hải", "1985-03-07", "031085000007", NULL);
  gint64 cert;

  add_cert (f, expired, "1006", f->now - 3 * DAY);
  cert = add_cert (f, revoked, "1007", f->now + 300 * DAY);
  g_assert_true (cd_store_revoke_certificate (f->store, cert, "2025-08-05", "Mất thiết bị", &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *names = names_for (f, i == 0 ? "cap-moi" : "mau-01");

      g_test_message ("%s", names);
      g_assert_nonnull (strstr (names, "Nguyễn Văn An"));
      g_assert_nonnull (strstr (names, "Vũ Thị Giang"));
      g_assert_nonnull (strstr (names, "Đỗ Văn Hải"));
      /* not those with one in force, nor who left */
      g_assert_null (strstr (names, "Trần Thị Bình"));
      g_assert_null (strstr (names, "Phạm Thị Dung"));
      g_assert_null (strstr (names, "Hoàng Văn Em"));
    }
}

static void
test_chosen_people (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 ids[] = { f->id[3], f->id[2] };
  g_autoptr(CdDocContext) ctx = cd_doc_context_from_store (f->store, "mau-07", ids, 2, 60, &error);
  CdDocPerson *d, *c;
  g_autofree char *reason = NULL;
  g_autofree char *unit = NULL;
  gint64 missing[] = { 999 };

  g_assert_no_error (error);
  g_assert_cmpuint (ctx->people->len, ==, 2);
  d = g_ptr_array_index (ctx->people, 0);
  c = g_ptr_array_index (ctx->people, 1);
  g_assert_cmpstr (d->staff->full_name, ==, "Phạm Thị Dung");
  g_assert_cmpstr (d->device_serial, ==, "B4ID000777");
  g_assert_nonnull (d->cert);
  g_assert_cmpstr (d->cert->serial, ==, "1004");
  reason = cd_doc_field_value (ctx, c, 1, "ly_do");
  g_assert_cmpstr (reason, ==, "Nghỉ hưu");
  unit = cd_doc_field_value (ctx, NULL, 0, "ten_don_vi");
  g_assert_cmpstr (unit, ==, "TRƯỜNG THCS LÊ LỢI");
  g_clear_pointer (&ctx, cd_doc_context_free);

  ctx = cd_doc_context_from_store (f->store, "mau-07", missing, 1, 60, &error);
  g_assert_null (ctx);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "999"));
}

static void
test_unit_kinds (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDocContext) ctx = cd_doc_context_from_store (f->store, "mau-02", NULL, 0, 60, &error);
  g_autoptr(CdUnit) unit = cd_unit_new ();

  /* about the unit: nobody listed, nobody to choose */
  g_assert_no_error (error);
  g_assert_cmpuint (ctx->people->len, ==, 0);
  g_assert_false (cd_doc_kind_needs_choice ("mau-03"));

  g_assert_false (cd_doc_kind_check_unit ("mau-03", unit, &error));
  g_assert_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "--set-unit=name="));
  g_clear_error (&error);
  unit->name = g_strdup ("Trường THCS Lê Lợi");
  g_assert_true (cd_doc_kind_check_unit ("mau-03", unit, &error));
  g_assert_false (cd_doc_kind_check_unit ("mau-02", unit, &error));
  g_assert_nonnull (strstr (error->message, "--set-unit=tax_code="));
  g_clear_error (&error);
  unit->tax_code = g_strdup ("  ");
  g_assert_false (cd_doc_kind_check_unit ("mau-02", unit, NULL));
  g_free (unit->tax_code);
  unit->tax_code = g_strdup ("0201234567");
  g_assert_true (cd_doc_kind_check_unit ("mau-02", unit, &error));
  g_assert_no_error (error);
  /* the kinds about people do not ask for the unit's codes */
  g_clear_pointer (&unit->name, g_free);
  g_assert_true (cd_doc_kind_check_unit ("cap-moi", unit, &error));
}

/* A certificate that has expired cannot be renewed: it stays off a
 * renewal list, chosen or not, and the context says why. */
static void
test_renewal_leaves_out_expired (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDocContext) ctx = NULL;
  g_autofree char *renew = NULL;
  gint64 late = cd_test_add_staff (f->store, "Đỗ Thị Giang", "1985-03-07", "031085000006",
                                   "031085000006@haiphong.edu.vn");
  gint64 ids[2];

  add_cert (f, late, "1006", f->now - 365 * DAY);
  renew = names_for (f, "gia-han");
  g_assert_cmpstr (renew, ==, "Trần Thị Bình");

  ids[0] = f->id[1];
  ids[1] = late;
  ctx = cd_doc_context_from_store (f->store, "mau-04", ids, 2, 60, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ctx->people->len, ==, 1);
  g_assert_cmpuint (ctx->notes->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (ctx->notes, 0), "Đỗ Thị Giang"));
  g_assert_nonnull (strstr (g_ptr_array_index (ctx->notes, 0), "cap-moi"));
  g_clear_pointer (&ctx, cd_doc_context_free);

  /* a new certificate is still what the expired holder gets */
  ctx = cd_doc_context_from_store (f->store, "cap-moi", ids, 2, 60, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ctx->people->len, ==, 2);
  g_assert_cmpuint (ctx->notes->len, ==, 0);
}

/* A list read from the register a page at a time as its rows are
 * written gives the very bytes of the list held whole, across several
 * pages, with the same count and notes; and it lets go of its read
 * snapshot once written, so the document can be recorded. The tokens
 * are linked to their certificates, and the last list prints them (its
 * devices read a page at a time too). */
static void
test_paged_same_bytes (void)
{
  static const char *kinds[] = { "register", "cap-moi", "gia-han", "register" };
  static const char *templates[] = { "cap-moi", "cap-moi", "cap-moi", "khoi-phuc" };
  g_autoptr(CdTestRegister) reg = cd_test_register_new (1300, CD_TEST_REGISTER_ALL | CD_TEST_REGISTER_LINKED);
  g_autoptr(GError) error = NULL;
  g_autofree char *tpl = cd_doc_templates_builtin_path ("cap-moi", &error);

  g_assert_no_error (error);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(CdDocContext) whole = cd_doc_context_from_store (reg->store, kinds[k], NULL, 0, 60, &error);
      g_autoptr(CdDocContext) paged = NULL;
      g_autofree char *form = cd_doc_templates_builtin_path (templates[k], &error);
      guint with_device = 0;
      g_autofree char *a = g_build_filename (reg->dir, "whole.docx", NULL);
      g_autofree char *b = g_build_filename (reg->dir, "paged.docx", NULL);
      g_autofree char *ca = NULL, *cb = NULL;
      gsize la, lb;

      g_assert_no_error (error);
      paged = cd_doc_context_from_store_paged (reg->store, kinds[k], 60, &error);
      g_assert_no_error (error);
      g_assert_nonnull (paged->source);
      /* no read transaction left open: the document is recorded on
       * this connection before the rows are written */
      g_assert_true (sqlite3_get_autocommit (cd_store_get_db (reg->store)));
      g_assert_cmpuint (cd_doc_context_n_people (paged), ==, whole->people->len);
      g_assert_cmpuint (paged->people->len, ==, MIN (whole->people->len, 3));
      g_assert_cmpuint (paged->notes->len, ==, whole->notes->len);
      paged->now = whole->now;
      g_assert_no_error (error);
      for (guint i = 0; i < whole->people->len; i++)
        with_device += ((CdDocPerson *) whole->people->pdata[i])->device_serial != NULL;
      if (k == 0)
        g_assert_cmpuint (with_device, >, 512);
      g_assert_true (cd_docx_generate (form, whole, a, TRUE, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (cd_docx_generate (form, paged, b, TRUE, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (a, &ca, &la, NULL));
      g_assert_true (g_file_get_contents (b, &cb, &lb, NULL));
      g_assert_cmpmem (ca, la, cb, lb);
      g_assert_true (sqlite3_get_autocommit (cd_store_get_db (reg->store)));
      /* a write goes through */
      cd_test_add_staff (reg->store, "Đỗ Văn Phúc", "1990-01-02", NULL, NULL);
    }
  g_assert_cmpuint (reg->staff->len, >, 512);

  /* someone added between the count and the rows: nothing is written
   * with a wrong count */
  {
    g_autoptr(CdDocContext) paged = cd_doc_context_from_store_paged (reg->store, "register", 60, &error);
    g_autofree char *out = g_build_filename (reg->dir, "changed.docx", NULL);

    g_assert_no_error (error);
    cd_test_add_staff (reg->store, "Đỗ Thị Quyên", "1991-01-02", NULL, NULL);
    g_assert_false (cd_docx_generate (tpl, paged, out, TRUE, NULL, NULL, &error));
    g_assert_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_FAILED);
  }
}

static gboolean
note_device_cb (const CdDocPerson  *person,
                guint               index,
                gpointer            user_data,
                GError            **error)
{
  g_hash_table_insert (user_data, g_strdup (person->staff->full_name),
                       g_strdup (person->device_serial != NULL ? person->device_serial : ""));
  return TRUE;
}

/* Each person's device, by name ("" for none), as @ctx lists them. */
static GHashTable *
devices_listed (CdDocContext *ctx)
{
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_doc_context_foreach_person (ctx, note_device_cb, seen, &error));
  g_assert_no_error (error);
  return seen;
}

/* A person with her old token holding her expired certificate and a new
 * blank token, her certificate in force read from neither: the lists
 * print no device for her (issue 16), whole, chosen or a page at a
 * time; a certificate linked to a token prints that token. */
static void
test_device_of_certificate (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDocContext) whole = NULL;
  g_autoptr(CdDocContext) paged = NULL;
  g_autoptr(CdDocContext) chosen = NULL;
  g_autoptr(GHashTable) w = NULL;
  g_autoptr(GHashTable) p = NULL;
  gint64 ha = cd_test_add_staff (f->store, "Bùi Thị Hà", "1985-03-07", "031185000006", "habt@haiphong.edu.vn");
  gint64 old = add_cert (f, ha, "1006", f->now - 20 * DAY);
  gint64 tokens[2];

  add_cert (f, ha, "1007", f->now + 700 * DAY);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CdDevice) d = cd_device_new ();

      d->token_serial = g_strdup_printf ("B4ID00000%u", i + 1);
      d->type = g_strdup ("TOKEN");
      d->holder_id = ha;
      g_assert_true (cd_store_save_device (f->store, d, &error));
      g_assert_no_error (error);
      tokens[i] = d->id;
    }
  g_assert_true (cd_devices_link_certificate (f->store, tokens[0], old, &error));
  g_assert_no_error (error);

  whole = cd_doc_context_from_store (f->store, "register", NULL, 0, 60, &error);
  g_assert_no_error (error);
  w = devices_listed (whole);
  g_assert_cmpstr (g_hash_table_lookup (w, "Bùi Thị Hà"), ==, "");
  g_assert_cmpstr (g_hash_table_lookup (w, "Phạm Thị Dung"), ==, "B4ID000777");

  paged = cd_doc_context_from_store_paged (f->store, "register", 60, &error);
  g_assert_no_error (error);
  p = devices_listed (paged);
  g_assert_cmpuint (g_hash_table_size (p), ==, g_hash_table_size (w));
  g_assert_cmpstr (g_hash_table_lookup (p, "Bùi Thị Hà"), ==, "");
  g_assert_cmpstr (g_hash_table_lookup (p, "Phạm Thị Dung"), ==, "B4ID000777");

  chosen = cd_doc_context_from_store (f->store, "mau-07", &ha, 1, 60, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chosen->people->len, ==, 1);
  g_assert_null (((CdDocPerson *) chosen->people->pdata[0])->device_serial);

  /* her revocation list says the device is unknown and how to link it;
   * Cường's certificate (also read from no token) likewise */
  g_assert_true (cd_store_mark_staff_left (f->store, ha, "2026-05-01", "Nghỉ hưu", &error));
  g_assert_no_error (error);
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(CdDocContext) revoke = k == 0 ? cd_doc_context_from_store (f->store, "thu-hoi", NULL, 0, 60, &error)
                                              : cd_doc_context_from_store_paged (f->store, "thu-hoi", 60, &error);
      gboolean told = FALSE;

      g_assert_no_error (error);
      g_assert_cmpuint (cd_doc_context_n_people (revoke), ==, 2);
      g_assert_cmpuint (revoke->notes->len, ==, 2);
      for (guint i = 0; i < revoke->notes->len; i++)
        {
          const char *note = g_ptr_array_index (revoke->notes, i);

          g_assert_nonnull (strstr (note, "--link-device="));
          told |= strstr (note, "Bùi Thị Hà") != NULL && strstr (note, "--certificate=1007") != NULL;
        }
      g_assert_true (told);
    }
}

int
main (int argc, char *argv[])
{
  cd_test_init (&argc, &argv);
  g_test_add ("/core/docs/people/default-per-kind", Fixture, NULL,
              fixture_set_up, test_default_people, fixture_tear_down);
  g_test_add ("/core/docs/people/new-after-expiry", Fixture, NULL,
              fixture_set_up, test_default_new_after_expiry, fixture_tear_down);
  g_test_add ("/core/docs/people/chosen", Fixture, NULL,
              fixture_set_up, test_chosen_people, fixture_tear_down);
  g_test_add ("/core/docs/people/unit-kinds", Fixture, NULL,
              fixture_set_up, test_unit_kinds, fixture_tear_down);
  g_test_add ("/core/docs/people/renewal-leaves-out-expired", Fixture, NULL,
              fixture_set_up, test_renewal_leaves_out_expired, fixture_tear_down);
  g_test_add ("/core/docs/people/device-of-certificate", Fixture, NULL,
              fixture_set_up, test_device_of_certificate, fixture_tear_down);
  g_test_add_func ("/core/docs/people/paged-same-bytes", test_paged_same_bytes);
  return g_test_run ();
}
