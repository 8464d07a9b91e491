/* wizard-fixture.c — the register the wizard tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-device-link.h"
#include "cd-test-fixture.h"
#include "cd-test-util.h"
#include "wizard-fixture.h"

const char *const wizard_domains[] = { "haiphong.edu.vn", NULL };

/* A person with every field the wizards check filled in (the fixture's
 * single-person helper gives only name, birth, CCCD and email). */
static gint64
add_staff (WizardFixture *f,
           const char    *name,
           const char    *email,
           const char    *left_reason)
{
  static guint n = 0;
  /* Hải Phòng (031), male born in the 20th century (0), year 85. */
  g_autofree char *cccd = g_strdup_printf ("031085%06u", ++n);
  g_autoptr(CdStaff) s = cd_test_staff_new (name, "1985-03-07", cccd, email);

  s->gender = g_strdup ("Nam");
  s->position = g_strdup ("Giáo viên");
  s->department = g_strdup ("Tổ Toán - Tin");
  s->cccd_date = g_strdup ("2021-04-15");
  s->cccd_place = g_strdup ("Cục Cảnh sát QLHC về TTXH");
  s->phone = g_strdup_printf ("0912%06u", n);
  if (left_reason != NULL)
    {
      s->left = TRUE;
      s->left_date = g_strdup ("2026-05-01");
      s->left_reason = g_strdup (left_reason);
    }
  return cd_test_save_staff (f->store, s);
}

gint64
wizard_add_cert (WizardFixture *f,
                 gint64         staff_id,
                 gint64         not_after,
                 const char    *ou,
                 const char    *email)
{
  g_autoptr(CdCertificate) c = cd_certificate_new ();
  g_autoptr(GError) error = NULL;
  static guint n = 0;

  n++;
  c->staff_id = staff_id;
  c->serial = g_strdup_printf ("5403A1B2C3D4E5F6%04u", n);
  c->fingerprint = g_strdup_printf ("%064u", n);
  c->subject_cn = g_strdup ("x");
  c->subject_ou = g_new0 (char *, 3);
  c->subject_ou[0] = g_strdup (ou);
  c->subject_ou[1] = g_strdup ("Sở Giáo dục và Đào tạo");
  c->subject_o = g_strdup ("UBND thành phố Hải Phòng");
  c->email = g_strdup (email);
  c->provider = g_strdup ("Ban Cơ yếu Chính phủ");
  c->not_before = not_after - 5 * 365 * (gint64) DAY;
  c->not_after = not_after;
  g_assert_true (cd_store_save_certificate (f->store, c, &error));
  g_assert_no_error (error);
  return c->id;
}

gint64
wizard_add_device (WizardFixture *f,
                   gint64         holder,
                   const char    *serial,
                   const char    *status)
{
  g_autoptr(CdDevice) d = cd_device_new ();
  g_autoptr(GError) error = NULL;

  d->token_serial = g_strdup (serial);
  d->type = g_strdup ("TOKEN");
  d->holder_id = holder;
  d->status = g_strdup (status);
  g_assert_true (cd_store_save_device (f->store, d, &error));
  g_assert_no_error (error);
  return d->id;
}

void
wizard_fixture_setup (WizardFixture *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CdUnit) unit = cd_unit_new ();
  const char *school = "Trường THCS Lê Lợi";
  gint64 valid;

  f->tmp = cd_test_tmpdir ();
  path = g_build_filename (f->tmp, "certdesk.db", NULL);
  f->store = cd_store_open (path, &error);
  g_assert_no_error (error);
  unit->name = g_strdup (school);
  unit->parent_name = g_strdup ("UBND xã An Lão");
  unit->place = g_strdup ("Hải Phòng");
  unit->head_title = g_strdup ("HIỆU TRƯỞNG");
  unit->head_name = g_strdup ("Nguyễn Văn Hiệu");
  g_assert_true (cd_store_save_unit (f->store, unit, &error));

  /* 2026-06-01 00:00 UTC */
  f->now = 1780272000;
  valid = f->now + 700 * (gint64) DAY;

  /* working, never had a certificate: cấp mới */
  f->an = add_staff (f, "Nguyễn Văn An", "annv@haiphong.edu.vn", NULL);
  /* expiring in 30 days: gia hạn */
  f->binh = add_staff (f, "Trần Thị Bình", "binhtt@haiphong.edu.vn", NULL);
  wizard_add_cert (f, f->binh, f->now + 30 * (gint64) DAY, school, "binhtt@haiphong.edu.vn");
  /* official email changed: thay đổi nội dung */
  f->cuong = add_staff (f, "Lê Văn Cường", "cuonglv@haiphong.edu.vn", NULL);
  wizard_add_cert (f, f->cuong, valid, school, "cuong.le@haiphong.edu.vn");
  /* certificate of the school before the merger: thay đổi nội dung */
  f->dung = add_staff (f, "Phạm Thị Dung", "dungpt@haiphong.edu.vn", NULL);
  wizard_add_cert (f, f->dung, valid, "Trường THCS An Tiến", "dungpt@haiphong.edu.vn");
  /* expired: cấp mới */
  f->em = add_staff (f, "Hoàng Văn Em", "emhv@haiphong.edu.vn", NULL);
  wizard_add_cert (f, f->em, f->now - 10 * (gint64) DAY, school, "emhv@haiphong.edu.vn");
  /* no email at all, valid certificate: hòm thư */
  f->phuong = add_staff (f, "Vũ Thị Phương", NULL, NULL);
  wizard_add_cert (f, f->phuong, valid, school, NULL);
  /* retired with a valid certificate and a token: thu hồi */
  f->giang = add_staff (f, "Đỗ Văn Giang", "giangdv@haiphong.edu.vn", "Nghỉ hưu");
  f->cert_giang = wizard_add_cert (f, f->giang, valid, school, "giangdv@haiphong.edu.vn");
  f->dev_giang = wizard_add_device (f, f->giang, "B4ID000001", "with_holder");
  /* each token's certificate as reading the token records it: a device
   * is known to carry it only so (issue 16) */
  g_assert_true (cd_devices_link_certificate (f->store, f->dev_giang, f->cert_giang, &error));
  /* lost token: cấp lại and thu hồi */
  f->ha = add_staff (f, "Bùi Thị Hà", "habt@haiphong.edu.vn", NULL);
  f->cert_ha = wizard_add_cert (f, f->ha, valid, school, "habt@haiphong.edu.vn");
  f->dev_ha = wizard_add_device (f, f->ha, "B4ID000002", "lost");
  g_assert_true (cd_devices_link_certificate (f->store, f->dev_ha, f->cert_ha, &error));
  /* locked token: khôi phục */
  f->inh = add_staff (f, "Ngô Văn Inh", "inhnv@haiphong.edu.vn", NULL);
  f->dev_inh = wizard_add_device (f, f->inh, "B4ID000003", "locked");
  g_assert_true (cd_devices_link_certificate (f->store, f->dev_inh,
                                              wizard_add_cert (f, f->inh, valid, school, "inhnv@haiphong.edu.vn"),
                                              &error));
  g_assert_no_error (error);
  /* moved out of the province, certificate already expired: nothing */
  f->khoa = add_staff (f, "Đặng Văn Khoa", "khoadv@haiphong.edu.vn", "Chuyển công tác ra ngoài tỉnh");
  wizard_add_cert (f, f->khoa, f->now - 5 * (gint64) DAY, school, "khoadv@haiphong.edu.vn");
  /* a private mailbox: hòm thư */
  f->lan = add_staff (f, "Mai Thị Lan", "lanmai85@gmail.com", NULL);
  wizard_add_cert (f, f->lan, valid, school, "lanmai85@gmail.com");
}

void
wizard_fixture_teardown (WizardFixture *f,
                         gconstpointer  data)
{
  g_clear_object (&f->store);
  cd_test_rm_rf (f->tmp);
  g_free (f->tmp);
}

GPtrArray *
wizard_suggest (WizardFixture *f,
                const char    *kind)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = cd_wizard_suggest (f->store, kind, f->now, 60, wizard_domains, &error);

  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}
