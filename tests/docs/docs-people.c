/* docs-people.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-test-fixture.h"
#include "docs-people.h"

static const char *positions[] = { "Giáo viên", "Tổ trưởng", "Phó Hiệu trưởng", "Kế toán", "Nhân viên" };

CdDocContext *
docs_people_context (guint n)
{
  CdUnit *unit = cd_unit_new ();
  g_auto(GStrv) names = cd_test_names (n);
  CdDocContext *ctx;

  unit->name = g_strdup ("Trường THCS Lê Lợi");
  unit->parent_name = g_strdup ("UBND xã An Lão");
  unit->place = g_strdup ("Hải Phòng");
  unit->province = g_strdup ("Hải Phòng");
  unit->head_title = g_strdup ("Hiệu trưởng");
  unit->head_name = g_strdup ("Phạm Văn Bình");
  unit->address = g_strdup ("Số 1 đường Lê Lợi, xã An Lão, Hải Phòng");
  unit->email = g_strdup ("thcsleloi@haiphong.edu.vn");
  unit->tax_code = g_strdup ("0201234567");
  unit->budget_code = g_strdup ("1012345");
  unit->focal_name = g_strdup ("Trần Văn Nam");
  unit->focal_position = g_strdup ("Nhân viên văn thư");
  unit->focal_cccd = g_strdup ("031090004567");
  unit->focal_phone = g_strdup ("0913456789");
  unit->focal_email = g_strdup ("namtv@haiphong.edu.vn");
  unit->org_level[0] = g_strdup ("UBND thành phố Hải Phòng");
  unit->org_level[1] = g_strdup ("Sở Giáo dục và Đào tạo");
  unit->org_level[2] = g_strdup ("Trường THCS Lê Lợi");
  ctx = cd_doc_context_new (unit);
  cd_unit_free (unit);
  ctx->year = 2026;
  ctx->month = 1;
  ctx->day = 5;
  ctx->now = 1767571200; /* 2026-01-05 00:00 UTC */
  ctx->doc_number = g_strdup ("15/THCSLL-VT");
  ctx->service_name = g_strdup ("Bộ phận Một cửa - UBND xã An Lão");

  for (guint i = 0; i < n; i++)
    {
      CdStaff *s = cd_staff_new ();
      CdCertificate *c = cd_certificate_new ();
      CdDocPerson *p;

      s->id = i + 1;
      /* Numbered: names repeat in a school, the readers' tests look
       * each person up. */
      s->full_name = g_strdup_printf ("%s %u", names[i], i + 1);
      s->birth_date = g_strdup_printf ("%04u-%02u-%02u", 1970 + i % 30, 1 + i % 12, 1 + i % 28);
      s->position = g_strdup (positions[i % G_N_ELEMENTS (positions)]);
      s->department = g_strdup ("Tổ Khoa học tự nhiên");
      s->cccd = g_strdup_printf ("0310850%05u", i);
      s->cccd_date = g_strdup_printf ("2021-%02u-%02u", 1 + i % 12, 1 + i % 27);
      s->cccd_place = g_strdup ("Cục Cảnh sát QLHC về TTXH");
      s->phone = g_strdup_printf ("09%08u", 12340000 + i);
      s->email = g_strdup_printf ("gv%u@haiphong.edu.vn", i + 1);
      c->serial = g_strdup_printf ("5403%016X", i + 1);
      c->subject_cn = g_strdup (s->full_name);
      c->provider = g_strdup ("Ban Cơ yếu Chính phủ");
      c->email = g_strdup (s->email);
      c->not_before = 1622505600;                       /* 2021-06-01 */
      c->not_after = 1622505600 + (gint64) (1400 + i % 700) * 86400;
      c->fingerprint = g_strdup_printf ("%064X", i + 1);
      p = cd_doc_person_new (s, c);
      p->device_serial = g_strdup_printf ("B4ID%06u", i + 1);
      p->reason = g_strdup ("Nghỉ hưu");
      p->change_note = g_strdup ("Đổi đơn vị công tác");
      cd_doc_context_add (ctx, p);
    }
  return ctx;
}
