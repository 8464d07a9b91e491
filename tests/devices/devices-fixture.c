/* devices-fixture.c — plays the clerk over a fresh register so the Python
 * tests can read the results with independent readers (pdftotext,
 * pdfinfo, python-docx, the certdesk command line):
 *
 *   devices-fixture DB OUTDIR
 *
 * receives six tokens, hands five out, records revocation notices (one
 * deadline over Tết), takes three back and hands them to the provider in
 * one Mẫu 08 (OUTDIR/mau08.pdf, OUTDIR/mau08.docx), reports one lost
 * (OUTDIR/mau09.pdf) and leaves one recovery task open and overdue.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <locale.h>

#include "cd-device-minutes.h"
#include "cd-doc-templates.h"
#include "cd-docx.h"
#include "cd-test-fixture.h"

static CdStore *store;
static CdHolidays *holidays;

static void
check (gboolean    ok,
       GError     *error,
       const char *what)
{
  if (!ok)
    {
      g_printerr ("devices-fixture: %s: %s\n", what, error ? error->message : "failed");
      exit (1);
    }
}

/* A staff member of the fixture library with a government certificate;
 * the Python tests look for these names, positions and serials. */
static gint64
staff (const char *name,
       const char *position,
       const char *cccd,
       const char *cert_serial,
       gint64      not_after)
{
  g_autoptr(CdStaff) s = cd_test_staff_new (name, NULL, cccd, NULL);
  g_autoptr(GError) error = NULL;

  s->position = g_strdup (position);
  cd_test_save_staff (store, s);
  if (cert_serial != NULL)
    {
      g_autoptr(CdCertificate) c = cd_certificate_new ();
      c->staff_id = s->id;
      c->serial = g_strdup (cert_serial);
      c->subject_cn = g_strdup (name);
      c->provider = g_strdup ("Ban Cơ yếu Chính phủ");
      c->not_before = not_after - 5 * 365 * 86400LL;
      c->not_after = not_after;
      c->fingerprint = g_strdup_printf ("%064d", (int) s->id);
      check (cd_store_save_certificate (store, c, &error), error, cert_serial);
    }
  return s->id;
}

/* Says the certificate of @staff_id is on @device_id, as reading the
 * token would: a device knows its certificate only by this link. */
static void
link_cert (gint64 device_id,
           gint64 staff_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) certs = cd_store_list_certificates_for_staff (store, staff_id, &error);

  check (certs != NULL && certs->len > 0, error, "certificate to link");
  check (cd_devices_link_certificate (store, device_id, ((CdCertificate *) g_ptr_array_index (certs, 0))->id,
                                      &error), error, "link");
}

static CdHandoverEvent *
event (CdHandoverKind kind,
       const char    *date,
       gint64         device_id,
       const char    *giver,
       const char    *giver_title,
       const char    *giver_org,
       const char    *receiver,
       const char    *receiver_title,
       const char    *receiver_org)
{
  CdHandoverEvent *e = cd_handover_event_new (kind, date);

  e->device_id = device_id;
  e->place = g_strdup ("Văn phòng Trường THCS Lê Lợi");
  g_ptr_array_add (e->people, cd_event_person_new ("giver", giver, giver_title, giver_org));
  g_ptr_array_add (e->people, cd_event_person_new ("receiver", receiver, receiver_title, receiver_org));
  return e;
}

static void
apply (CdHandoverEvent *ev,
       gint64           to)
{
  g_autoptr(GError) error = NULL;
  check (cd_devices_apply (store, ev, to, &error), error, cd_handover_kind_to_id (ev->kind));
  cd_handover_event_free (ev);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdUnit) unit = cd_unit_new ();
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_device_free);
  g_autoptr(CdHandoverEvent) recv = NULL;
  g_autoptr(CdHandoverEvent) back = NULL;
  g_autoptr(CdHandoverEvent) lost = NULL;
  g_autoptr(CdMinutes) m08 = NULL;
  g_autoptr(CdMinutes) m09 = NULL;
  g_autofree char *pdf08 = NULL, *docx08 = NULL, *pdf09 = NULL;
  static const char *serials[] = { "B4ID2026000001", "B4ID2026000002", "B4ID2026000003",
                                   "0042000000000004", "B4ID2026000005", "B4ID2026000006" };
  gint64 dev[6], an, binh, cuong, dung;
  const char *unit_name = "Trường THCS Lê Lợi";

  setlocale (LC_ALL, "");
  if (argc != 3)
    {
      g_printerr ("usage: devices-fixture DB OUTDIR\n");
      return 2;
    }
  store = cd_store_open (argv[1], &error);
  check (store != NULL, error, argv[1]);

  unit->name = g_strdup ("TRƯỜNG THCS LÊ LỢI");
  unit->parent_name = g_strdup ("UBND HUYỆN AN LÃO");
  unit->place = g_strdup ("Hải Phòng");
  unit->head_title = g_strdup ("Hiệu trưởng");
  unit->head_name = g_strdup ("Phạm Thị Hiệu");
  check (cd_store_save_unit (store, unit, &error), error, "unit");
  holidays = cd_devices_load_holidays (store, &error);
  check (holidays != NULL, error, "holidays");

  an = staff ("Nguyễn Văn An", "Giáo viên", "031085000001", "5403A1B2C3D4E5F60701", 1767225600);
  binh = staff ("Lê Thị Bình", "Tổ trưởng", "031085000002", "5403A1B2C3D4E5F60702", 1772323200);
  cuong = staff ("Trần Văn Cường", "Kế toán", "031085000003", "5403A1B2C3D4E5F60703", 1772323200);
  dung = staff ("Đỗ Thị Dung", "Giáo viên", "031085000004", "5403A1B2C3D4E5F60704", 1861920000);

  for (guint i = 0; i < G_N_ELEMENTS (serials); i++)
    {
      CdDevice *d = cd_device_new ();
      d->token_serial = g_strdup (serials[i]);
      d->model = g_strdup ("TokenME EVO v2");
      d->manufacturer = g_strdup ("Bit4id");
      g_ptr_array_add (batch, d);
    }
  recv = event (CD_HANDOVER_RECEIVE, "2026-01-05", 0, "Vũ Văn Cục", "Chuyên viên",
                "Cục Chứng thực số và Bảo mật thông tin", "Trần Thị Văn Thư", "Văn thư", NULL);
  check (cd_devices_receive (store, batch, recv, &error), error, "receive");
  for (guint i = 0; i < G_N_ELEMENTS (serials); i++)
    dev[i] = ((CdDevice *) g_ptr_array_index (batch, i))->id;

  apply (event (CD_HANDOVER_HAND_TO_HOLDER, "2026-01-10", dev[0], "Phạm Thị Hiệu", "Hiệu trưởng",
                NULL, "Nguyễn Văn An", "Giáo viên", NULL), an);
  apply (event (CD_HANDOVER_HAND_TO_HOLDER, "2026-01-10", dev[1], "Phạm Thị Hiệu", "Hiệu trưởng",
                NULL, "Lê Thị Bình", "Tổ trưởng", NULL), binh);
  apply (event (CD_HANDOVER_HAND_TO_HOLDER, "2026-01-10", dev[2], "Phạm Thị Hiệu", "Hiệu trưởng",
                NULL, "Trần Văn Cường", "Kế toán", NULL), cuong);
  apply (event (CD_HANDOVER_HAND_TO_HOLDER, "2026-01-12", dev[4], "Phạm Thị Hiệu", "Hiệu trưởng",
                NULL, "Đỗ Thị Dung", "Giáo viên", NULL), dung);
  apply (event (CD_HANDOVER_HAND_TO_HOLDER, "2026-01-12", dev[5], "Phạm Thị Hiệu", "Hiệu trưởng",
                NULL, "Nguyễn Văn An", "Giáo viên", NULL), an);

  link_cert (dev[0], an);
  link_cert (dev[1], binh);
  link_cert (dev[2], cuong);
  link_cert (dev[4], dung);

  /* Revocation notices; the first one's deadline runs over Tết. */
  check (cd_devices_add_recovery_task (store, dev[0], 0, "2026-02-13", holidays, NULL, &error), error, "task");
  check (cd_devices_add_recovery_task (store, dev[1], 0, "2026-02-24", holidays, NULL, &error), error, "task");
  check (cd_devices_add_recovery_task (store, dev[2], 0, "2026-02-24", holidays, NULL, &error), error, "task");
  check (cd_devices_add_recovery_task (store, dev[5], 0, "2026-03-02", holidays, NULL, &error), error, "task");

  /* Mẫu 08's first case: the subscriber returns the device to the unit. */
  {
    g_autoptr(CdHandoverEvent) take = event (CD_HANDOVER_TAKE_BACK, "2026-03-03", dev[0], "Nguyễn Văn An",
                                             "Giáo viên", NULL, "Trần Thị Văn Thư", "Văn thư", NULL);
    g_autoptr(CdMinutes) mt = NULL;
    g_autofree char *pdf = g_build_filename (argv[2], "mau08-take.pdf", NULL);
    g_autofree char *docx = g_build_filename (argv[2], "mau08-take.docx", NULL);

    take->staff_id = an;
    check (cd_devices_apply (store, take, 0, &error), error, "take back");
    mt = cd_minutes_new (store, take, NULL, 0, &error);
    check (mt != NULL, error, "minutes 08 take back");
    check (cd_minutes_export_pdf (mt, pdf, TRUE, &error), error, pdf);
    check (cd_minutes_save_docx (mt, NULL, docx, TRUE, &error), error, docx);
  }
  apply (event (CD_HANDOVER_TAKE_BACK, "2026-03-03", dev[1], "Lê Thị Bình", "Tổ trưởng", NULL,
                "Trần Thị Văn Thư", "Văn thư", NULL), 0);
  apply (event (CD_HANDOVER_TAKE_BACK, "2026-03-03", dev[2], "Trần Văn Cường", "Kế toán", NULL,
                "Trần Thị Văn Thư", "Văn thư", NULL), 0);

  /* One Mẫu 08 for the three. */
  back = event (CD_HANDOVER_RETURN_TO_PROVIDER, "2026-03-04", 0, "Phạm Thị Hiệu", "Hiệu trưởng",
                unit_name, "Hoàng Văn Nhận", "Chuyên viên", "Cục Chứng thực số và Bảo mật thông tin");
  g_ptr_array_add (back->people, cd_event_person_new ("witness", "Trần Thị Văn Thư", "Văn thư", NULL));
  check (cd_devices_return_to_provider (store, dev, 3, back, &error), error, "mau08");
  m08 = cd_minutes_new (store, back, dev, 3, &error);
  check (m08 != NULL, error, "minutes 08");
  pdf08 = g_build_filename (argv[2], "mau08.pdf", NULL);
  docx08 = g_build_filename (argv[2], "mau08.docx", NULL);
  check (cd_minutes_export_pdf (m08, pdf08, TRUE, &error), error, pdf08);
  check (cd_minutes_save_docx (m08, NULL, docx08, TRUE, &error), error, docx08);
  /* The clerk's own template: here the built-in form saved as a .docx. */
  {
    g_autofree char *builtin = cd_doc_templates_builtin_path ("mau-08", &error);
    g_autofree char *own = g_build_filename (argv[2], "own-mau08.docx", NULL);
    g_autofree char *out = g_build_filename (argv[2], "mau08-own.docx", NULL);
    g_autoptr(CdDocxPackage) pkg = builtin ? cd_docx_package_load (builtin, &error) : NULL;

    check (pkg != NULL && cd_docx_package_save (pkg, own, TRUE, &error), error, "own template");
    check (cd_minutes_save_docx (m08, own, out, TRUE, &error), error, out);
  }

  /* An's certificate now on her new token (the old one went back with
   * the Mẫu 08 above). */
  link_cert (dev[5], an);

  /* Dung's token is lost: Mẫu 09. */
  lost = event (CD_HANDOVER_REPORT_LOST, "2026-03-05", dev[4], "Phạm Thị Hiệu", "Hiệu trưởng", NULL,
                "Đỗ Thị Dung", "Giáo viên", NULL);
  check (cd_devices_apply (store, lost, 0, &error), error, "lost");
  m09 = cd_minutes_new (store, lost, NULL, 0, &error);
  check (m09 != NULL, error, "minutes 09");
  pdf09 = g_build_filename (argv[2], "mau09.pdf", NULL);
  check (cd_minutes_export_pdf (m09, pdf09, TRUE, &error), error, pdf09);

  cd_holidays_free (holidays);
  g_object_unref (store);
  return 0;
}
