/* cd-page-documents.c — the renderer's built-in documents: the
 * register (sổ theo dõi) and the handover minutes (Mẫu 07), as blocks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-cert-pick.h"
#include "cd-page-renderer-private.h"
#include "cd-text.h"

void
cd_page_build_register (CdPageRenderer *self)
{
  const CdDocContext *ctx = self->ctx;
  static const char *heads[] = { "STT", "Họ và tên", "Chức vụ", "Số CCCD", "Email công vụ",
                                 "Số hiệu chứng thư số", "Hiệu lực đến", "Còn (ngày)",
                                 "Trạng thái", "Thiết bị" };
  static const char *names[] = { "stt", "ho_ten", "chuc_vu", "cccd", "email", "so_hieu_cts",
                                 "cts_den_ngay", "so_ngay_con_lai", "trang_thai_cts", "thiet_bi" };
  /* A 12-digit CCCD, a dd/mm/yyyy date and a 20-digit serial fit on one
   * line at 10 pt in landscape. */
  static const double widths[] = { 4, 15, 9, 11, 15, 18, 8, 5, 9, 9 };
  Block *t;

  cd_page_renderer_block (self, BLOCK_FRAME);
  cd_page_renderer_para (self, "SỔ THEO DÕI CHỨNG THƯ SỐ VÀ THIẾT BỊ LƯU KHÓA BÍ MẬT", 14, TRUE, FALSE,
                         PANGO_ALIGN_CENTER, 12);
  {
    /* a document is Vietnamese whatever the interface: 30.000 */
    g_autofree char *n = cd_text_group_digits (ctx->people->len, ".");
    g_autofree char *count = g_strdup_printf ("(Tổng số: %s người)", n);
    cd_page_renderer_para (self, count, 13, FALSE, TRUE, PANGO_ALIGN_CENTER, 0);
  }
  t = cd_page_renderer_table (self, G_N_ELEMENTS (heads), widths, heads, 10);
  for (guint i = 0; i < ctx->people->len; i++)
    {
      const CdDocPerson *p = g_ptr_array_index (ctx->people, i);
      char **row = g_new0 (char *, t->n_cols + 1);

      for (guint c = 0; c < t->n_cols; c++)
        row[c] = p->cert == NULL && c >= 5 && c <= 8
                 ? g_strdup (c == 8 ? cd_cert_status_label (CD_CERT_STATUS_NONE) : "")
                 : cd_page_field (ctx, p, i, names[c]);
      g_ptr_array_add (t->rows, row);
    }
  t = cd_page_renderer_block (self, BLOCK_SIGN);
  t->before = 12;
  t->sign[3] = cd_page_field (ctx, NULL, 0, "chuc_danh_ky");
  t->sign[4] = g_strdup ("(Ký, ghi rõ họ tên, đóng dấu)");
  t->sign[5] = cd_page_field (ctx, NULL, 0, "nguoi_ky");
}

void
cd_page_build_handover (CdPageRenderer *self)
{
  const CdDocContext *ctx = self->ctx;
  static const char *heads[] = { "STT", "Họ và tên thuê bao", "Số định danh cá nhân",
                                 "Số hiệu chứng thư số", "Số thiết bị", "Hiệu lực đến" };
  static const char *names[] = { "stt", "ho_ten", "cccd", "so_hieu_cts", "thiet_bi", "cts_den_ngay" };
  static const double widths[] = { 6, 20, 17, 26, 15, 14 };
  g_autofree char *date = cd_page_field (ctx, NULL, 0, "ngay_thang");
  g_autofree char *unit = cd_page_field (ctx, NULL, 0, "ten_don_vi_thuong");
  g_autofree char *signer = cd_page_field (ctx, NULL, 0, "nguoi_ky");
  g_autofree char *title = cd_page_field (ctx, NULL, 0, "chuc_danh_ky");
  g_autofree char *title_text = cd_page_field (ctx, NULL, 0, "chuc_vu_nguoi_ky");
  g_autofree char *holder = cd_page_field (ctx, NULL, 0, "ho_ten");
  g_autofree char *position = cd_page_field (ctx, NULL, 0, "chuc_vu");
  g_autofree char *cccd = cd_page_field (ctx, NULL, 0, "cccd");
  g_autofree char *l1 = g_strdup_printf ("Hôm nay, %s, tại %s, chúng tôi gồm:", date, unit);
  g_autofree char *l2 = g_strdup_printf ("Bên giao: %s, đại diện là %s, chức vụ %s.", unit, signer, title_text);
  g_autofree char *ong_ba = cd_page_field (ctx, NULL, 0, "ong_ba");
  g_autofree char *l3 = g_strdup_printf ("Bên nhận: %s %s, chức vụ %s, số định danh cá nhân %s.",
                                         ong_ba, holder, position, cccd);
  const char *body[] = { l1, l2, l3, "Bên giao đã bàn giao cho bên nhận thiết bị lưu khóa bí mật như sau:" };
  Block *t;

  cd_page_renderer_block (self, BLOCK_FRAME);
  cd_page_renderer_para (self, "BIÊN BẢN", 14, TRUE, FALSE, PANGO_ALIGN_CENTER, 12);
  cd_page_renderer_para (self, "Bàn giao thiết bị lưu khóa bí mật cho thuê bao", 14, TRUE, FALSE,
                         PANGO_ALIGN_CENTER, 0);
  for (guint i = 0; i < G_N_ELEMENTS (body); i++)
    {
      Block *b = cd_page_renderer_para (self, body[i], 14, FALSE, FALSE, PANGO_ALIGN_LEFT, 6);
      b->justify = TRUE;
      b->indent = 1.27 / 2.54 * 72;
    }
  t = cd_page_renderer_table (self, G_N_ELEMENTS (heads), widths, heads, 12);
  for (guint i = 0; i < ctx->people->len; i++)
    {
      char **row = g_new0 (char *, t->n_cols + 1);
      for (guint c = 0; c < t->n_cols; c++)
        row[c] = cd_page_field (ctx, g_ptr_array_index (ctx->people, i), i, names[c]);
      g_ptr_array_add (t->rows, row);
    }
  {
    Block *b = cd_page_renderer_para (self, "Bên nhận đã kiểm tra thiết bị, có trách nhiệm quản lý, sử dụng thiết bị và bảo vệ khóa bí mật theo đúng quy định. Biên bản được lập thành 02 bản, mỗi bên giữ 01 bản.",
                                      14, FALSE, FALSE, PANGO_ALIGN_LEFT, 8);
    b->justify = TRUE;
    b->indent = 1.27 / 2.54 * 72;
  }
  t = cd_page_renderer_block (self, BLOCK_SIGN);
  t->before = 12;
  t->sign[0] = g_strdup ("BÊN NHẬN");
  t->sign[1] = g_strdup ("(Ký, ghi rõ họ tên)");
  t->sign[2] = g_strdup (holder);
  t->sign[3] = g_strdup_printf ("ĐẠI DIỆN %s", title);
  t->sign[4] = g_strdup ("(Ký, ghi rõ họ tên, đóng dấu)");
  t->sign[5] = g_strdup (signer);
}
