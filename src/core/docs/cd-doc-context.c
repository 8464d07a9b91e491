/* cd-doc-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cd-doc-context.h"
#include "cd-text.h"

G_DEFINE_QUARK (cd-docs-error-quark, cd_docs_error)

CdDocPerson *
cd_doc_person_new (CdStaff       *staff,
                   CdCertificate *cert)
{
  CdDocPerson *p = g_new0 (CdDocPerson, 1);

  p->staff = staff != NULL ? staff : cd_staff_new ();
  p->cert = cert;
  return p;
}

void
cd_doc_person_free (CdDocPerson *p)
{
  if (p == NULL)
    return;
  cd_staff_free (p->staff);
  cd_certificate_free (p->cert);
  g_free (p->device_serial);
  cd_device_free (p->device);
  g_free (p->reason);
  g_free (p->change_note);
  g_strfreev (p->org_levels);
  g_free (p);
}

const CdDevice *
cd_doc_device_for (GPtrArray           *devices,
                   gint64               chosen_id,
                   const CdCertificate *cert)
{
  gint64 want = chosen_id != 0 ? chosen_id : cert != NULL ? cert->device_id : 0;

  /* Never the holder's token: a certificate that names no device (typed
   * in, not read from a token yet, or from before schema 5) may be on
   * none of them, and her old token or a new blank one would be printed
   * as carrying it (issue 16). */
  for (guint i = 0; want != 0 && devices != NULL && i < devices->len; i++)
    {
      const CdDevice *d = g_ptr_array_index (devices, i);
      if (d->id == want)
        return d;
    }
  return NULL;
}

void
cd_doc_person_set_device (CdDocPerson    *person,
                          const CdDevice *device)
{
  g_return_if_fail (person != NULL);
  g_clear_pointer (&person->device, cd_device_free);
  g_clear_pointer (&person->device_serial, g_free);
  if (device == NULL)
    return;
  person->device = cd_device_copy (device);
  person->device_serial = g_strdup (device->token_serial);
}

CdDocContext *
cd_doc_context_new (const CdUnit *unit)
{
  CdDocContext *ctx = g_new0 (CdDocContext, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  ctx->unit = unit != NULL ? cd_unit_copy (unit) : cd_unit_new ();
  ctx->year = g_date_time_get_year (now);
  ctx->month = g_date_time_get_month (now);
  ctx->day = g_date_time_get_day_of_month (now);
  ctx->people = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_doc_person_free);
  ctx->notes = g_ptr_array_new_with_free_func (g_free);
  ctx->now = g_date_time_to_unix (now);
  ctx->threshold_days = 60;
  return ctx;
}

void
cd_doc_context_free (CdDocContext *ctx)
{
  if (ctx == NULL)
    return;
  cd_unit_free (ctx->unit);
  g_free (ctx->doc_number);
  g_free (ctx->signer_title);
  g_free (ctx->signer_name);
  g_free (ctx->recipient);
  g_free (ctx->kind);
  g_free (ctx->service_name);
  g_free (ctx->service_kind);
  g_free (ctx->widest_serial);
  g_ptr_array_unref (ctx->people);
  g_ptr_array_unref (ctx->notes);
  g_clear_pointer (&ctx->values, g_hash_table_unref);
  if (ctx->source != NULL)
    ctx->source->free (ctx->source);
  g_free (ctx);
}

void
cd_doc_context_add (CdDocContext *ctx,
                    CdDocPerson  *person)
{
  g_ptr_array_add (ctx->people, person);
}

void
cd_doc_context_set_value (CdDocContext *ctx,
                          const char   *name,
                          const char   *text)
{
  if (ctx->values == NULL)
    ctx->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (ctx->values, g_strdup (name), g_strdup (text != NULL ? text : ""));
}

guint
cd_doc_context_n_people (const CdDocContext *ctx)
{
  return ctx->source != NULL ? ctx->n_people : ctx->people->len;
}

/* People per read: big enough that a page's queries are not the cost,
 * small enough that a page's records (~2 KB each) stay under 1 MiB. */
#define SOURCE_PAGE 256

gboolean
cd_doc_context_foreach_person (const CdDocContext  *ctx,
                               CdDocPersonFunc      func,
                               gpointer             user_data,
                               GError             **error)
{
  g_autoptr(GPtrArray) page = NULL;
  guint index = 0;

  if (ctx->source == NULL)
    {
      for (guint i = 0; i < ctx->people->len; i++)
        if (!func (g_ptr_array_index (ctx->people, i), i, user_data, error))
          return FALSE;
      return TRUE;
    }
  if (!ctx->source->rewind (ctx->source, error))
    return FALSE;
  page = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_doc_person_free);
  for (;;)
    {
      g_ptr_array_set_size (page, 0);
      if (!ctx->source->next (ctx->source, page, SOURCE_PAGE, error))
        return FALSE;
      if (page->len == 0)
        break;
      for (guint i = 0; i < page->len; i++, index++)
        {
          if (index >= ctx->n_people)
            goto changed;
          if (!func (g_ptr_array_index (page, i), index, user_data, error))
            return FALSE;
        }
    }
  /* The count said in the document (and which rows close the table)
   * came from a first pass: a list that grew or shrank since would be
   * written wrong. */
  if (index == ctx->n_people)
    return TRUE;
changed:
  g_set_error_literal (error, CD_DOCS_ERROR, CD_DOCS_ERROR_FAILED,
                       _("The register changed while the list was being written, so nothing was saved. Make the document again."));
  return FALSE;
}

/* ---- Dates ------------------------------------------------------------ */

char *
cd_docs_date_long (int year,
                   int month,
                   int day)
{
  g_autofree char *iso = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
  char *text = cd_text_date_long (iso);

  /* Nghị định 30/2020: days below 10 and months 1, 2 take a leading 0
   * (the store's helper writes it so; an impossible date stays visible). */
  return text != NULL ? text : g_strdup_printf ("ngày %02d tháng %02d năm %d", day, month, year);
}

char *
cd_docs_iso_to_dmy (const char *iso)
{
  char *text;

  if (iso == NULL || *iso == '\0')
    return g_strdup ("");
  text = cd_text_date_display (iso);
  return text != NULL ? text : g_strdup (iso);
}

char *
cd_docs_unix_to_dmy (gint64 t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t == 0)
    return g_strdup ("");
  dt = g_date_time_new_from_unix_local (t);
  if (dt == NULL)
    return g_strdup ("");
  return g_date_time_format (dt, "%d/%m/%Y");
}

/* ---- Vocabulary ------------------------------------------------------- */

static const CdDocField fields[] = {
  /* The unit and the frame of every document */
  { "ten_don_vi_quan_ly", CD_DOC_FIELD_DOCUMENT, N_("Managing body (upper case)"), "UBND XÃ AN LÃO" },
  { "ten_don_vi", CD_DOC_FIELD_DOCUMENT, N_("Unit name (upper case)"), "TRƯỜNG THCS LÊ LỢI" },
  { "ten_don_vi_thuong", CD_DOC_FIELD_DOCUMENT, N_("Unit name as entered"), "Trường THCS Lê Lợi" },
  { "dia_chi_don_vi", CD_DOC_FIELD_DOCUMENT, N_("Unit address"), "Số 1 Lê Lợi, An Lão, Hải Phòng" },
  { "dien_thoai_don_vi", CD_DOC_FIELD_DOCUMENT, N_("Unit phone"), "02253123456" },
  { "email_don_vi", CD_DOC_FIELD_DOCUMENT, N_("Unit email"), "thcsleloi@haiphong.edu.vn" },
  { "tinh", CD_DOC_FIELD_DOCUMENT, N_("Province or city"), "Hải Phòng" },
  { "ma_so_thue", CD_DOC_FIELD_DOCUMENT, N_("Unit tax code"), "0201234567" },
  { "ma_quan_he_ngan_sach", CD_DOC_FIELD_DOCUMENT, N_("Unit budget relation code"), "1012345" },
  /* The unit's focal person (cán bộ đầu mối) */
  { "dau_moi_ho_ten", CD_DOC_FIELD_DOCUMENT, N_("Focal person's name"), "Trần Văn Nam" },
  { "dau_moi_chuc_vu", CD_DOC_FIELD_DOCUMENT, N_("Focal person's position"), "Nhân viên văn thư" },
  { "dau_moi_cccd", CD_DOC_FIELD_DOCUMENT, N_("Focal person's citizen ID number"), "031090004567" },
  { "dau_moi_ngay_cap_cccd", CD_DOC_FIELD_DOCUMENT, N_("Focal person's citizen ID issue date"), "10/05/2022" },
  { "dau_moi_noi_cap_cccd", CD_DOC_FIELD_DOCUMENT, N_("Focal person's citizen ID issued by"), "Cục Cảnh sát QLHC về TTXH" },
  { "dau_moi_dien_thoai", CD_DOC_FIELD_DOCUMENT, N_("Focal person's mobile phone"), "0913456789" },
  { "dau_moi_email", CD_DOC_FIELD_DOCUMENT, N_("Focal person's official email"), "namtv@haiphong.edu.vn" },
  /* A device, service or software certificate (Mẫu 03) */
  { "loai_chung_thu_so", CD_DOC_FIELD_DOCUMENT, N_("Kind of certificate (device, service, software)"), "Chứng thư số phục vụ dịch vụ công" },
  { "ten_chung_thu_so", CD_DOC_FIELD_DOCUMENT, N_("Name of the certificate (the device, service or software)"), "Bộ phận Một cửa - UBND xã An Lão" },
  { "dia_danh", CD_DOC_FIELD_DOCUMENT, N_("Place name of the date line"), "Hải Phòng" },
  { "ngay_thang", CD_DOC_FIELD_DOCUMENT, N_("Date in long form"), "ngày 05 tháng 01 năm 2026" },
  { "dong_ngay_thang", CD_DOC_FIELD_DOCUMENT, N_("Place and date line"), "Hải Phòng, ngày 05 tháng 01 năm 2026" },
  { "ngay", CD_DOC_FIELD_DOCUMENT, N_("Day of the date (two digits)"), "05" },
  { "thang", CD_DOC_FIELD_DOCUMENT, N_("Month of the date"), "01" },
  { "nam", CD_DOC_FIELD_DOCUMENT, N_("Year of the date"), "2026" },
  { "ngay_lap", CD_DOC_FIELD_DOCUMENT, N_("Date as dd/mm/yyyy"), "05/01/2026" },
  { "so_van_ban", CD_DOC_FIELD_DOCUMENT, N_("Document number"), "15/THCSLL-VT" },
  { "chuc_danh_ky", CD_DOC_FIELD_DOCUMENT, N_("Signer's title (upper case)"), "HIỆU TRƯỞNG" },
  { "chuc_vu_nguoi_ky", CD_DOC_FIELD_DOCUMENT, N_("Signer's title as entered (for running text)"), "Hiệu trưởng" },
  { "nguoi_ky", CD_DOC_FIELD_DOCUMENT, N_("Signer's name"), "Nguyễn Văn An" },
  { "kinh_gui", CD_DOC_FIELD_DOCUMENT, N_("Addressee"), "Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ" },
  { "so_nguoi", CD_DOC_FIELD_DOCUMENT, N_("Number of people listed"), "3" },
  { "ten_thue_bao", CD_DOC_FIELD_DOCUMENT, N_("Name of the first person listed (the holder in minutes; not repeated)"), "Nguyễn Thị Hoa" },
  /* Minutes (Mẫu 08): the parties as the event recorded them */
  { "ben_giao", CD_DOC_FIELD_DOCUMENT, N_("Minutes: the giving side, its organisation and each person on a line"), "Bên giao: Trường THCS Lê Lợi\nBà: Phạm Thị Hiệu; chức vụ: Hiệu trưởng." },
  { "ben_nhan", CD_DOC_FIELD_DOCUMENT, N_("Minutes: the receiving side, its organisation and each person on a line"), "Bên nhận: Cục Chứng thực số và Bảo mật thông tin\nÔng: Hoàng Văn Nhận; chức vụ: Chuyên viên." },
  { "nguoi_chung_kien", CD_DOC_FIELD_DOCUMENT, N_("Minutes: the witnesses, each on a line (empty when none)"), "Người chứng kiến:\nBà: Trần Thị Văn Thư; chức vụ: Văn thư." },
  { "ky_ben_giao", CD_DOC_FIELD_DOCUMENT, N_("Minutes: the names signing for the giving side, with room to sign between them"), "Phạm Thị Hiệu" },
  { "ky_ben_nhan", CD_DOC_FIELD_DOCUMENT, N_("Minutes: the names signing for the receiving side"), "Hoàng Văn Nhận" },
  { "ky_chung_kien", CD_DOC_FIELD_DOCUMENT, N_("Minutes: the witnesses' signature block (empty when none)"), "NGƯỜI CHỨNG KIẾN\n(Ký, ghi rõ họ tên)\n\n\n\nTrần Thị Văn Thư" },
  /* Per person */
  { "stt", CD_DOC_FIELD_PERSON, N_("Row number"), "1" },
  { "ho_ten", CD_DOC_FIELD_PERSON, N_("Full name"), "Nguyễn Thị Hoa" },
  { "ho_ten_hoa", CD_DOC_FIELD_PERSON, N_("Full name in upper case"), "NGUYỄN THỊ HOA" },
  { "ngay_sinh", CD_DOC_FIELD_PERSON, N_("Date of birth"), "07/03/1985" },
  { "gioi_tinh", CD_DOC_FIELD_PERSON, N_("Gender"), "Nữ" },
  { "ong_ba", CD_DOC_FIELD_PERSON, N_("Form of address by gender for running text: ông, bà, or ông/bà when unknown"), "bà" },
  { "chuc_vu", CD_DOC_FIELD_PERSON, N_("Position"), "Giáo viên" },
  { "don_vi", CD_DOC_FIELD_PERSON, N_("Department, or the unit name"), "Tổ Toán - Tin" },
  { "cccd", CD_DOC_FIELD_PERSON, N_("Citizen ID number (12 digits)"), "031085001234" },
  { "ngay_cap_cccd", CD_DOC_FIELD_PERSON, N_("Citizen ID issue date"), "15/04/2021" },
  { "noi_cap_cccd", CD_DOC_FIELD_PERSON, N_("Citizen ID issued by"), "Cục Cảnh sát QLHC về TTXH" },
  { "cccd_ngay_noi_cap", CD_DOC_FIELD_PERSON, N_("Citizen ID number, issue date and place, each on a line of one cell"), "031085001234\n15/04/2021\nCục Cảnh sát QLHC về TTXH" },
  { "cccd_ngay_cap", CD_DOC_FIELD_PERSON, N_("Citizen ID number and issue date, each on a line of one cell"), "031085001234\n15/04/2021" },
  { "dien_thoai", CD_DOC_FIELD_PERSON, N_("Mobile phone"), "0912345678" },
  { "email", CD_DOC_FIELD_PERSON, N_("Official email"), "hoant@haiphong.edu.vn" },
  { "ly_do", CD_DOC_FIELD_PERSON, N_("Reason (revocation, re-issue…)"), "Nghỉ hưu" },
  { "noi_dung_thay_doi", CD_DOC_FIELD_PERSON, N_("What changes"), "Đổi đơn vị công tác" },
  { "ghi_chu", CD_DOC_FIELD_PERSON, N_("Note"), "" },
  { "thiet_bi", CD_DOC_FIELD_PERSON, N_("Token serial"), "B4ID123456" },
  /* Per certificate */
  { "so_hieu_cts", CD_DOC_FIELD_CERT, N_("Certificate serial"), "5403A1B2C3D4E5F60718" },
  { "cts_tu_ngay", CD_DOC_FIELD_CERT, N_("Certificate valid from"), "01/06/2021" },
  { "cts_den_ngay", CD_DOC_FIELD_CERT, N_("Certificate valid until"), "01/06/2026" },
  { "thong_tin_cts", CD_DOC_FIELD_CERT, N_("Serial and validity in one cell"), "Số hiệu: 5403A1B2…; hiệu lực 01/06/2021 - 01/06/2026" },
  { "don_vi_cung_cap", CD_DOC_FIELD_CERT, N_("Certificate provider"), "Ban Cơ yếu Chính phủ" },
  { "email_cts", CD_DOC_FIELD_CERT, N_("Email in the certificate"), "hoant@haiphong.edu.vn" },
  { "trang_thai_cts", CD_DOC_FIELD_CERT, N_("Certificate status"), "Còn hiệu lực" },
  { "so_ngay_con_lai", CD_DOC_FIELD_CERT, N_("Days until expiry"), "147" },
  { "ten_cts", CD_DOC_FIELD_CERT, N_("Name in the certificate (CN)"), "Nguyễn Thị Hoa" },
};

const CdDocField *
cd_doc_fields (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

const CdDocField *
cd_doc_field_lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].name, name) == 0)
      return &fields[i];
  return NULL;
}

static char *
upper (const char *s)
{
  return g_utf8_strup (s != NULL ? s : "", -1);
}

static char *
or_empty (const char *s)
{
  return g_strdup (s != NULL ? s : "");
}

/* @s with its first letter in upper case. */
static char *
capitalise (const char *s)
{
  gunichar first = g_utf8_get_char (s);
  char buf[8] = { 0 };

  if (*s == '\0')
    return g_strdup ("");
  g_unichar_to_utf8 (g_unichar_toupper (first), buf);
  return g_strconcat (buf, g_utf8_next_char (s), NULL);
}

const char *
cd_docs_ong_ba (const char *gender)
{
  if (g_strcmp0 (gender, "Nữ") == 0)
    return "bà";
  if (g_strcmp0 (gender, "Nam") == 0)
    return "ông";
  return "ông/bà";
}

char *
cd_docs_title_running (const char *title)
{
  g_auto(GStrv) lines = g_strsplit (title != NULL ? title : "", "\n", -1);
  static const char *marks[] = { "KT.", "TM.", "TL.", "TUQ.", "Q.", "KT", "TM" };
  const char *line = "";
  gboolean has_lower = FALSE;
  g_autofree char *lower = NULL;

  /* the signer's own position: the last line of "KT. HIỆU TRƯỞNG /
   * PHÓ HIỆU TRƯỞNG", without the authority mark */
  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      line = lines[i];
  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    if (g_str_has_prefix (line, marks[i]) && line[strlen (marks[i])] == ' ')
      {
        line += strlen (marks[i]);
        while (*line == ' ')
          line++;
        break;
      }
  for (const char *c = line; *c; c = g_utf8_next_char (c))
    if (g_unichar_islower (g_utf8_get_char (c)))
      has_lower = TRUE;
  if (has_lower)
    return g_strdup (line);
  /* typed in capitals for the signature block: "PHÓ HIỆU TRƯỞNG" reads
   * "Phó Hiệu trưởng" in a sentence (Nghị định 30: capitals only in the
   * title lines) */
  lower = g_utf8_strdown (line, -1);
  if (g_str_has_prefix (lower, "phó "))
    {
      g_autofree char *rest = capitalise (lower + strlen ("phó "));
      return g_strconcat ("Phó ", rest, NULL);
    }
  return capitalise (lower);
}

/* The card's number, issue date and (with @place) place, each on a line
 * of one cell; the facts not in the register left out. */
static char *
card_lines (const CdStaff *s,
            gboolean       place)
{
  g_autofree char *date = cd_docs_iso_to_dmy (s->cccd_date);
  const char *parts[] = { s->cccd, date, place ? s->cccd_place : NULL };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && *parts[i] != '\0')
      {
        if (out->len > 0)
          g_string_append_c (out, '\n');
        g_string_append (out, parts[i]);
      }
  return g_string_free (out, FALSE);
}

/* Whether @p's change note is a mailbox asked for them (an address,
 * one word), as hom-thu's proposals and a saved draft's rows are. */
static gboolean
mailbox_asked (const CdDocPerson *p)
{
  return p->change_note != NULL && strchr (p->change_note, '@') != NULL
         && strpbrk (p->change_note, " \t\n") == NULL;
}

static char *
person_value (const CdDocContext *ctx,
              const CdDocPerson  *p,
              guint               index,
              const char         *name)
{
  const CdStaff *s = p->staff;
  const CdCertificate *c = p->cert;

  if (g_str_equal (name, "stt"))
    return g_strdup_printf ("%u", index + 1);
  if (g_str_equal (name, "ho_ten"))
    return or_empty (s->full_name);
  if (g_str_equal (name, "ho_ten_hoa"))
    return upper (s->full_name);
  if (g_str_equal (name, "ngay_sinh"))
    return cd_docs_iso_to_dmy (s->birth_date);
  if (g_str_equal (name, "gioi_tinh"))
    return or_empty (s->gender);
  if (g_str_equal (name, "ong_ba"))
    return g_strdup (cd_docs_ong_ba (s->gender));
  if (g_str_equal (name, "chuc_vu"))
    return or_empty (s->position);
  if (g_str_equal (name, "don_vi"))
    return or_empty (s->department != NULL && *s->department ? s->department : ctx->unit->name);
  if (g_str_equal (name, "cccd"))
    return or_empty (s->cccd);
  if (g_str_equal (name, "ngay_cap_cccd"))
    return cd_docs_iso_to_dmy (s->cccd_date);
  if (g_str_equal (name, "noi_cap_cccd"))
    return or_empty (s->cccd_place);
  if (g_str_equal (name, "cccd_ngay_noi_cap") || g_str_equal (name, "cccd_ngay_cap"))
    return card_lines (s, g_str_equal (name, "cccd_ngay_noi_cap"));
  if (g_str_equal (name, "dien_thoai"))
    return or_empty (s->phone);
  /* hom-thu lists people without an official mailbox: the column is
   * the one asked for them (proposed or typed), never the private
   * address that put them on the list — empty when none could be
   * proposed (the unit has no email), for the clerk to fill */
  if (g_str_equal (name, "email") && g_strcmp0 (ctx->kind, "hom-thu") == 0)
    return g_strdup (mailbox_asked (p) ? p->change_note : "");
  if (g_str_equal (name, "email") && (s->email == NULL || *s->email == '\0') && mailbox_asked (p))
    return g_strdup (p->change_note);
  if (g_str_equal (name, "email"))
    return or_empty (s->email != NULL && *s->email ? s->email : (c ? c->email : NULL));
  if (g_str_equal (name, "ly_do"))
    return or_empty (p->reason != NULL ? p->reason
                     : (c != NULL && c->revoked_reason ? c->revoked_reason : s->left_reason));
  if (g_str_equal (name, "noi_dung_thay_doi"))
    return or_empty (p->change_note);
  if (g_str_equal (name, "ghi_chu"))
    return or_empty (s->note);
  if (g_str_equal (name, "thiet_bi"))
    return or_empty (p->device_serial);

  /* Certificate fields are empty for a person without one. */
  if (c == NULL)
    return g_strdup ("");
  if (g_str_equal (name, "so_hieu_cts"))
    return or_empty (c->serial);
  if (g_str_equal (name, "cts_tu_ngay"))
    return cd_docs_unix_to_dmy (c->not_before);
  if (g_str_equal (name, "cts_den_ngay"))
    return cd_docs_unix_to_dmy (c->not_after);
  if (g_str_equal (name, "thong_tin_cts"))
    {
      g_autofree char *from = cd_docs_unix_to_dmy (c->not_before);
      g_autofree char *to = cd_docs_unix_to_dmy (c->not_after);
      return g_strdup_printf ("Số hiệu: %s; hiệu lực %s - %s",
                              c->serial ? c->serial : "", from, to);
    }
  if (g_str_equal (name, "don_vi_cung_cap"))
    return or_empty (c->provider != NULL ? c->provider : c->issuer_o);
  if (g_str_equal (name, "email_cts"))
    return or_empty (c->email);
  if (g_str_equal (name, "trang_thai_cts"))
    return g_strdup (cd_cert_status_label (cd_certificate_status (c, ctx->now, ctx->threshold_days)));
  if (g_str_equal (name, "so_ngay_con_lai"))
    return g_strdup_printf ("%d", cd_certificate_days_left (c, ctx->now));
  if (g_str_equal (name, "ten_cts"))
    return or_empty (c->subject_cn);
  return g_strdup ("");
}

char *
cd_doc_field_value (const CdDocContext *ctx,
                    const CdDocPerson  *person,
                    guint               index,
                    const char         *name)
{
  const CdDocField *f = cd_doc_field_lookup (name);
  const CdUnit *u = ctx->unit;

  if (f == NULL)
    return NULL;

  if (f->scope != CD_DOC_FIELD_DOCUMENT)
    {
      if (person == NULL && ctx->people->len > 0)
        person = g_ptr_array_index (ctx->people, 0), index = 0;
      if (person == NULL)
        return g_strdup ("");
      return person_value (ctx, person, index, name);
    }

  if (ctx->values != NULL && g_hash_table_contains (ctx->values, name))
    return g_strdup (g_hash_table_lookup (ctx->values, name));
  if (g_str_equal (name, "ten_don_vi_quan_ly"))
    return upper (u->parent_name);
  if (g_str_equal (name, "ten_don_vi"))
    return upper (u->name);
  if (g_str_equal (name, "ten_don_vi_thuong"))
    return or_empty (u->name);
  if (g_str_equal (name, "dia_chi_don_vi"))
    return or_empty (u->address);
  if (g_str_equal (name, "dien_thoai_don_vi"))
    return or_empty (u->phone);
  if (g_str_equal (name, "email_don_vi"))
    return or_empty (u->email);
  if (g_str_equal (name, "tinh"))
    return or_empty (u->province);
  if (g_str_equal (name, "ma_so_thue"))
    return or_empty (u->tax_code);
  if (g_str_equal (name, "ma_quan_he_ngan_sach"))
    return or_empty (u->budget_code);
  if (g_str_equal (name, "dau_moi_ho_ten"))
    return or_empty (u->focal_name);
  if (g_str_equal (name, "dau_moi_chuc_vu"))
    return or_empty (u->focal_position);
  if (g_str_equal (name, "dau_moi_cccd"))
    return or_empty (u->focal_cccd);
  if (g_str_equal (name, "dau_moi_ngay_cap_cccd"))
    return cd_docs_iso_to_dmy (u->focal_cccd_date);
  if (g_str_equal (name, "dau_moi_noi_cap_cccd"))
    return or_empty (u->focal_cccd_place);
  if (g_str_equal (name, "dau_moi_dien_thoai"))
    return or_empty (u->focal_phone);
  if (g_str_equal (name, "dau_moi_email"))
    return or_empty (u->focal_email);
  if (g_str_equal (name, "loai_chung_thu_so"))
    return g_strdup (ctx->service_kind != NULL && *ctx->service_kind
                     ? ctx->service_kind : CD_DOC_SERVICE_KIND_DEFAULT);
  if (g_str_equal (name, "ten_chung_thu_so"))
    return or_empty (ctx->service_name);
  if (g_str_equal (name, "dia_danh"))
    return or_empty (u->place != NULL && *u->place ? u->place : u->province);
  if (g_str_equal (name, "ngay_thang"))
    return cd_docs_date_long (ctx->year, ctx->month, ctx->day);
  if (g_str_equal (name, "dong_ngay_thang"))
    {
      g_autofree char *d = cd_docs_date_long (ctx->year, ctx->month, ctx->day);
      const char *place = u->place != NULL && *u->place ? u->place : u->province;
      return g_strdup_printf ("%s, %s", place != NULL && *place ? place : "……", d);
    }
  if (g_str_equal (name, "ngay"))
    return g_strdup_printf ("%02d", ctx->day);
  if (g_str_equal (name, "thang"))
    return g_strdup_printf (ctx->month <= 2 ? "%02d" : "%d", ctx->month);
  if (g_str_equal (name, "nam"))
    return g_strdup_printf ("%d", ctx->year);
  if (g_str_equal (name, "ngay_lap"))
    return g_strdup_printf ("%02d/%02d/%04d", ctx->day, ctx->month, ctx->year);
  if (g_str_equal (name, "so_van_ban"))
    return g_strdup (ctx->doc_number != NULL && *ctx->doc_number ? ctx->doc_number : "……/……");
  if (g_str_equal (name, "chuc_danh_ky"))
    return upper (ctx->signer_title != NULL ? ctx->signer_title : u->head_title);
  if (g_str_equal (name, "chuc_vu_nguoi_ky"))
    return cd_docs_title_running (ctx->signer_title != NULL ? ctx->signer_title : u->head_title);
  if (g_str_equal (name, "nguoi_ky"))
    return or_empty (ctx->signer_name != NULL ? ctx->signer_name : u->head_name);
  if (g_str_equal (name, "kinh_gui"))
    return g_strdup (ctx->recipient != NULL ? ctx->recipient
                     : "Cục Chứng thực số và Bảo mật thông tin, Ban Cơ yếu Chính phủ");
  if (g_str_equal (name, "ten_thue_bao"))
    return or_empty (ctx->people->len > 0
                     ? ((CdDocPerson *) g_ptr_array_index (ctx->people, 0))->staff->full_name : NULL);
  if (g_str_equal (name, "so_nguoi"))
    return g_strdup_printf ("%u", cd_doc_context_n_people (ctx));
  return g_strdup ("");
}
