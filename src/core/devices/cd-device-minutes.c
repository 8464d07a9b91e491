/* cd-device-minutes.c
 *
 * The wording of the minutes is the legal text of the forms, in
 * Vietnamese whatever the UI language: it is printed, signed and sent to
 * the Cục, so it is not translated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "cd-device-minutes.h"
#include "cd-doc-templates.h"
#include "cd-docx.h"

static void
minutes_device_free (CdMinutesDevice *d)
{
  g_free (d->serial);
  g_free (d->type);
  g_free (d->model);
  g_free (d->holder_name);
  g_free (d->cert_serial);
  g_free (d->cert_valid_to);
  g_free (d);
}

void
cd_minutes_free (CdMinutes *m)
{
  if (m == NULL)
    return;
  g_free (m->date);
  g_free (m->place);
  g_free (m->note);
  g_clear_pointer (&m->people, g_ptr_array_unref);
  g_clear_pointer (&m->devices, g_ptr_array_unref);
  g_clear_pointer (&m->genders, g_hash_table_unref);
  g_clear_pointer (&m->ctx, cd_doc_context_free);
  g_free (m);
}

const char *
cd_minutes_template_id (CdHandoverKind kind)
{
  switch (kind)
    {
    case CD_HANDOVER_HAND_TO_HOLDER: return "mau-07";
    /* Mẫu 08 covers both returns the decree names: the subscriber's
     * device back to the unit, and the unit's to the provider. */
    case CD_HANDOVER_TAKE_BACK:
    case CD_HANDOVER_RETURN_TO_PROVIDER: return "mau-08";
    case CD_HANDOVER_REPORT_LOST: return "mau-09";
    default: return NULL;
    }
}

const char *
cd_minutes_subject (CdHandoverKind kind)
{
  switch (kind)
    {
    case CD_HANDOVER_RECEIVE:
      return "Tiếp nhận thiết bị lưu khóa bí mật từ tổ chức cung cấp dịch vụ";
    case CD_HANDOVER_HAND_TO_HOLDER:
      return "Bàn giao thiết bị lưu khóa bí mật cho thuê bao";
    case CD_HANDOVER_TAKE_BACK:
      return "Thu hồi thiết bị lưu khóa bí mật từ thuê bao";
    case CD_HANDOVER_RETURN_TO_PROVIDER:
      return "Giao nhận thiết bị lưu khóa bí mật sau khi chứng thư số hết hạn hoặc bị thu hồi";
    case CD_HANDOVER_REPORT_LOST:
      return "Xác nhận thiết bị lưu khóa bí mật bị thất lạc";
    case CD_HANDOVER_MARK_LOCKED:
      return "Xác nhận thiết bị lưu khóa bí mật bị khóa";
    case CD_HANDOVER_MARK_DAMAGED:
      return "Xác nhận thiết bị lưu khóa bí mật bị hỏng";
    case CD_HANDOVER_RESTORED:
    default:
      return "Bàn giao lại thiết bị lưu khóa bí mật sau khi khôi phục";
    }
}

/* Which side of the minutes is the unit (and signs with its stamp). */
static const char *
unit_side (CdHandoverKind kind)
{
  return kind == CD_HANDOVER_RECEIVE || kind == CD_HANDOVER_TAKE_BACK ? "receiver" : "giver";
}

static gboolean
is_provider_event (CdHandoverKind kind)
{
  return kind == CD_HANDOVER_RECEIVE || kind == CD_HANDOVER_RETURN_TO_PROVIDER;
}

/* The staff member who held the device last, from its history. */
static gint64
last_holder (CdStore *store,
             gint64   device_id)
{
  g_autoptr(GPtrArray) history = cd_devices_history (store, device_id, 0, NULL);

  for (guint i = history ? history->len : 0; i > 0; i--)
    {
      CdHandoverEvent *e = g_ptr_array_index (history, i - 1);
      if (e->staff_id > 0)
        return e->staff_id;
    }
  return 0;
}

/* Keeps the gender the register records for @name, so that the minutes
 * address the unit's head or a witness as "Bà" or "Ông" as they do the
 * holders: the exact name of one staff member, never a guess among
 * several of that name. */
static void
remember_gender (CdMinutes  *m,
                 CdStore    *store,
                 const char *name)
{
  g_autoptr(CdStaff) staff = NULL;
  gboolean ambiguous = FALSE;

  if (name == NULL || *name == '\0' || g_hash_table_contains (m->genders, name))
    return;
  staff = cd_store_find_staff_by_name (store, name, &ambiguous);
  if (staff != NULL && !ambiguous && staff->gender != NULL && *staff->gender)
    g_hash_table_insert (m->genders, g_strdup (name), g_strdup (staff->gender));
}

static void set_party_values (CdMinutes *m);

CdMinutes *
cd_minutes_new (CdStore               *store,
                const CdHandoverEvent *event,
                const gint64          *device_ids,
                guint                  n_devices,
                GError               **error)
{
  g_autoptr(CdMinutes) m = g_new0 (CdMinutes, 1);
  g_autoptr(CdUnit) unit = cd_store_get_unit (store);
  int y = 0, mo = 0, d = 0;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (event != NULL, NULL);

  if (event->date == NULL || sscanf (event->date, "%4d-%2d-%2d", &y, &mo, &d) != 3)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The date of the event is missing or not a real date. Enter it as dd/mm/yyyy."));
      return NULL;
    }
  m->kind = event->kind;
  m->date = g_strdup (event->date);
  m->place = g_strdup (event->place);
  m->note = g_strdup (event->note);
  m->people = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_event_person_free);
  m->genders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; event->people != NULL && i < event->people->len; i++)
    {
      CdEventPerson *p = g_ptr_array_index (event->people, i);
      g_ptr_array_add (m->people, cd_event_person_new (p->side, p->name, p->title, p->org));
      remember_gender (m, store, p->name);
    }
  m->devices = g_ptr_array_new_with_free_func ((GDestroyNotify) minutes_device_free);
  m->ctx = cd_doc_context_new (unit);
  m->ctx->year = y;
  m->ctx->month = mo;
  m->ctx->day = d;
  /* The unit's representative signs for the unit when named. */
  for (guint i = 0; i < m->people->len; i++)
    {
      CdEventPerson *p = g_ptr_array_index (m->people, i);
      if (g_strcmp0 (p->side, unit_side (m->kind)) == 0 && p->name && *p->name)
        {
          m->ctx->signer_name = g_strdup (p->name);
          m->ctx->signer_title = g_strdup (p->title);
          break;
        }
    }

  if (n_devices == 0)
    {
      device_ids = &event->device_id;
      n_devices = 1;
    }
  for (guint i = 0; i < n_devices; i++)
    {
      g_autoptr(CdDevice) dev = cd_store_get_device (store, device_ids[i], error);
      g_autoptr(CdStaff) staff = NULL;
      CdCertificate *cert;
      CdMinutesDevice *md;
      CdDocPerson *person;
      gint64 holder;

      if (dev == NULL)
        return NULL;
      /* The holder concerned: the event's for one device, else whoever
       * held each device last (the devices of a Mẫu 08). */
      holder = n_devices == 1 && event->staff_id > 0 ? event->staff_id : last_holder (store, dev->id);
      staff = holder > 0 ? cd_store_get_staff (store, holder, NULL) : NULL;
      /* The certificate on this device, as linked; a blank device has
       * none and the form's column stays empty for the clerk to fill. */
      cert = cd_devices_device_certificate (store, dev->id);

      md = g_new0 (CdMinutesDevice, 1);
      md->serial = g_strdup (dev->token_serial);
      md->type = g_strdup (dev->type ? dev->type : "TOKEN");
      md->model = g_strdup (dev->model);
      md->holder_name = staff ? g_strdup (staff->full_name) : NULL;
      md->cert_serial = cert ? g_strdup (cert->serial) : NULL;
      md->cert_valid_to = cert ? cd_docs_unix_to_dmy (cert->not_after) : NULL;
      g_ptr_array_add (m->devices, md);

      person = cd_doc_person_new (staff ? g_steal_pointer (&staff) : cd_staff_new (), cert);
      person->device_serial = g_strdup (dev->token_serial);
      cd_doc_context_add (m->ctx, person);
    }
  set_party_values (m);
  return g_steal_pointer (&m);
}

/* ---- Pages ------------------------------------------------------------ */

static const char *
side_heading (CdHandoverKind kind,
              const char    *side)
{
  gboolean lost_like = kind == CD_HANDOVER_REPORT_LOST || kind == CD_HANDOVER_MARK_LOCKED
                       || kind == CD_HANDOVER_MARK_DAMAGED;

  if (g_str_equal (side, "witness"))
    return "NGƯỜI CHỨNG KIẾN";
  if (lost_like)
    return g_str_equal (side, "giver") ? "ĐẠI DIỆN ĐƠN VỊ" : "THUÊ BAO";
  return g_str_equal (side, "giver") ? "BÊN GIAO" : "BÊN NHẬN";
}

/* The organisation a side stands for when its people do not name one. */
static char *
side_org (const CdMinutes *m,
          const char      *side)
{
  const char *unit = m->ctx->unit->name && *m->ctx->unit->name ? m->ctx->unit->name : "……";

  for (guint i = 0; i < m->people->len; i++)
    {
      CdEventPerson *p = g_ptr_array_index (m->people, i);
      if (g_str_equal (p->side, side) && p->org && *p->org)
        return g_strdup (p->org);
    }
  if (g_str_equal (side, "witness"))
    return NULL;
  if (g_str_equal (side, unit_side (m->kind)))
    return g_strdup (unit);
  if (is_provider_event (m->kind))
    return g_strdup ("Tổ chức cung cấp dịch vụ chứng thực chữ ký số");
  return NULL;  /* the holder speaks for themself */
}

/* "Ông", "Bà" or "Ông/bà" for @name: by the gender recorded for the
 * holder of that name among the minutes' people, else for the staff
 * member of that name in the register, "Ông/bà" when unknown. */
static char *
form_of_address (const CdMinutes *m,
                 const char      *name)
{
  const char *gender = NULL;
  const char *word;

  for (guint i = 0; name != NULL && i < m->ctx->people->len; i++)
    {
      CdDocPerson *dp = g_ptr_array_index (m->ctx->people, i);
      if (dp->staff != NULL && g_strcmp0 (dp->staff->full_name, name) == 0 && dp->staff->gender)
        gender = dp->staff->gender;
    }
  if (gender == NULL && name != NULL && m->genders != NULL)
    gender = g_hash_table_lookup (m->genders, name);
  word = cd_docs_ong_ba (gender);
  /* at the start of the line: "Ông", "Bà", "Ông/bà" */
  {
    char first[8] = { 0 };
    g_unichar_to_utf8 (g_unichar_toupper (g_utf8_get_char (word)), first);
    return g_strconcat (first, g_utf8_next_char (word), NULL);
  }
}

/* The lines naming the people of @side ("Bà: Lê Thị Bình; chức vụ: Tổ
 * trưởng."), and in @names their names; the subscribers of the devices
 * speak for the holder's side when the event names nobody there. The
 * PDF and the Word file list the same people from here. */
static GPtrArray *
side_people (const CdMinutes *m,
             const char      *side,
             GPtrArray       *names)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < m->people->len; i++)
    {
      CdEventPerson *p = g_ptr_array_index (m->people, i);
      g_autofree char *who = NULL;
      g_autofree char *title = NULL;

      if (!g_str_equal (p->side, side))
        continue;
      who = form_of_address (m, p->name);
      title = p->title && *p->title ? cd_docs_title_running (p->title) : NULL;
      g_ptr_array_add (lines, g_strdup_printf ("%s: %s%s%s.", who, p->name ? p->name : "……",
                                               title ? "; chức vụ: " : "", title ? title : ""));
      if (names != NULL && p->name != NULL && *p->name)
        g_ptr_array_add (names, g_strdup (p->name));
    }
  if (lines->len == 0 && !g_str_equal (side, "witness") && !g_str_equal (side, unit_side (m->kind))
      && !is_provider_event (m->kind))
    for (guint i = 0; i < m->ctx->people->len; i++)
      {
        CdDocPerson *dp = g_ptr_array_index (m->ctx->people, i);
        g_autofree char *who = NULL;
        g_autofree char *title = NULL;

        if (dp->staff == NULL || dp->staff->full_name == NULL || *dp->staff->full_name == '\0')
          continue;
        who = form_of_address (m, dp->staff->full_name);
        title = dp->staff->position && *dp->staff->position ? cd_docs_title_running (dp->staff->position) : NULL;
        g_ptr_array_add (lines, g_strdup_printf ("%s: %s%s%s.", who, dp->staff->full_name,
                                                 title ? "; chức vụ: " : "", title ? title : ""));
        if (names != NULL)
          g_ptr_array_add (names, g_strdup (dp->staff->full_name));
      }
  return lines;
}

/* The names of @side one under another with room to sign between. */
static char *
side_signers (const CdMinutes *m,
              const char      *side)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) lines = side_people (m, side, names);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (out, "\n\n\n\n");
      g_string_append (out, g_ptr_array_index (names, i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_side (CdPageRenderer  *r,
          const CdMinutes *m,
          const char      *side)
{
  g_autofree char *org = side_org (m, side);
  g_autofree char *head = NULL;
  g_autoptr(GPtrArray) lines = side_people (m, side, NULL);

  if (g_str_equal (side, "witness") && lines->len == 0)
    return;
  head = org ? g_strdup_printf ("%s: %s", side_heading (m->kind, side), org)
             : g_strdup_printf ("%s:", side_heading (m->kind, side));
  cd_page_renderer_add_text (r, head, 14, TRUE, FALSE, CD_PAGE_ALIGN_BODY, 6);
  for (guint i = 0; i < lines->len; i++)
    cd_page_renderer_add_text (r, g_ptr_array_index (lines, i), 14, FALSE, FALSE, CD_PAGE_ALIGN_BODY, 0);
  if (lines->len == 0)
    cd_page_renderer_add_text (r, "Ông/bà: ……………………………; chức vụ: ……………………", 14, FALSE, FALSE,
                               CD_PAGE_ALIGN_BODY, 0);
}

/* The parties for a Word form ({{ben_giao}}, {{ky_ben_giao}}…), the
 * same people as the PDF's, in sentence case as running text. */
static void
set_party_values (CdMinutes *m)
{
  static const struct { const char *side, *field, *sign, *label; } parties[] = {
    { "giver", "ben_giao", "ky_ben_giao", "Bên giao" },
    { "receiver", "ben_nhan", "ky_ben_nhan", "Bên nhận" },
    { "witness", "nguoi_chung_kien", NULL, "Người chứng kiến" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (parties); k++)
    {
      g_autofree char *org = side_org (m, parties[k].side);
      g_autoptr(GPtrArray) lines = side_people (m, parties[k].side, NULL);
      g_autoptr(GString) text = g_string_new (NULL);
      gboolean witness = g_str_equal (parties[k].side, "witness");

      if (!witness || lines->len > 0)
        {
          g_string_append_printf (text, "%s:%s%s", parties[k].label, org ? " " : "", org ? org : "");
          for (guint i = 0; i < lines->len; i++)
            g_string_append_printf (text, "\n%s", (const char *) g_ptr_array_index (lines, i));
          if (lines->len == 0)
            g_string_append (text, "\nÔng/bà: ……………………………; chức vụ: ……………………");
        }
      cd_doc_context_set_value (m->ctx, parties[k].field, text->str);
      if (parties[k].sign != NULL)
        {
          g_autofree char *names = side_signers (m, parties[k].side);
          cd_doc_context_set_value (m->ctx, parties[k].sign, names);
        }
      else
        {
          g_autofree char *names = side_signers (m, parties[k].side);
          g_autofree char *block = *names ? g_strconcat ("NGƯỜI CHỨNG KIẾN\n(Ký, ghi rõ họ tên)\n\n\n\n", names, NULL)
                                          : g_strdup ("");
          cd_doc_context_set_value (m->ctx, "ky_chung_kien", block);
        }
    }
}

static const char *
lead_sentence (CdHandoverKind kind)
{
  switch (kind)
    {
    case CD_HANDOVER_REPORT_LOST:
      return "Cùng xác nhận thiết bị lưu khóa bí mật sau đây đã bị thất lạc:";
    case CD_HANDOVER_MARK_LOCKED:
      return "Cùng xác nhận thiết bị lưu khóa bí mật sau đây đã bị khóa, cần đề nghị khôi phục:";
    case CD_HANDOVER_MARK_DAMAGED:
      return "Cùng xác nhận thiết bị lưu khóa bí mật sau đây đã bị hỏng, cần đề nghị cấp lại:";
    default:
      return "Bên giao đã bàn giao cho bên nhận thiết bị lưu khóa bí mật như sau:";
    }
}

static const char *
closing_sentence (CdHandoverKind kind)
{
  switch (kind)
    {
    case CD_HANDOVER_HAND_TO_HOLDER:
    case CD_HANDOVER_RESTORED:
      return "Bên nhận đã kiểm tra thiết bị, có trách nhiệm quản lý, sử dụng thiết bị và bảo vệ khóa bí mật theo đúng quy định.";
    case CD_HANDOVER_RETURN_TO_PROVIDER:
      return "Bên nhận đã kiểm tra, tiếp nhận đủ số thiết bị nêu trên.";
    case CD_HANDOVER_TAKE_BACK:
      return "Bên nhận đã kiểm tra và tiếp nhận thiết bị để bàn giao cho tổ chức cung cấp dịch vụ theo quy định.";
    default:
      return NULL;
    }
}

CdPageRenderer *
cd_minutes_renderer_new (const CdMinutes *m)
{
  CdPageRenderer *r = cd_page_renderer_new (CD_PAGE_CUSTOM, m->ctx);
  static const char *heads[] = { "STT", "Số thiết bị (loại, kiểu)", "Thuê bao",
                                 "Số hiệu chứng thư số", "Hiệu lực đến" };
  /* A 20-digit hex serial and a 16-character device serial fit on one
   * line at 11 pt in portrait. */
  static const double widths[] = { 7, 25, 22, 32, 14 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *date = cd_docs_date_long (m->ctx->year, m->ctx->month, m->ctx->day);
  g_autofree char *intro = NULL;
  const char *unit = m->ctx->unit->name && *m->ctx->unit->name ? m->ctx->unit->name : "……";
  const char *closing = closing_sentence (m->kind);
  const char *sides[2] = { NULL, NULL };   /* left, right */
  const char *left[3], *right[3];
  g_autofree char *left_names = NULL;
  g_autofree char *right_names = NULL;
  g_autofree char *witness_names = NULL;

  cd_page_renderer_add_frame (r);
  cd_page_renderer_add_text (r, "BIÊN BẢN", 14, TRUE, FALSE, CD_PAGE_ALIGN_CENTER, 12);
  cd_page_renderer_add_text (r, cd_minutes_subject (m->kind), 14, TRUE, FALSE, CD_PAGE_ALIGN_CENTER, 0);

  intro = g_strdup_printf ("Hôm nay, %s, tại %s, chúng tôi gồm:", date,
                           m->place && *m->place ? m->place : unit);
  cd_page_renderer_add_text (r, intro, 14, FALSE, FALSE, CD_PAGE_ALIGN_BODY, 12);
  add_side (r, m, "giver");
  add_side (r, m, "receiver");
  add_side (r, m, "witness");
  cd_page_renderer_add_text (r, lead_sentence (m->kind), 14, FALSE, FALSE, CD_PAGE_ALIGN_BODY, 6);

  for (guint i = 0; i < m->devices->len; i++)
    {
      CdMinutesDevice *d = g_ptr_array_index (m->devices, i);
      char **row = g_new0 (char *, G_N_ELEMENTS (heads) + 1);

      row[0] = g_strdup_printf ("%u", i + 1);
      row[1] = d->model ? g_strdup_printf ("%s\n(%s, %s)", d->serial, d->type, d->model)
                        : g_strdup_printf ("%s\n(%s)", d->serial, d->type);
      row[2] = g_strdup (d->holder_name ? d->holder_name : "");
      row[3] = g_strdup (d->cert_serial ? d->cert_serial : "");
      row[4] = g_strdup (d->cert_valid_to ? d->cert_valid_to : "");
      g_ptr_array_add (rows, row);
    }
  cd_page_renderer_add_table (r, G_N_ELEMENTS (heads), widths, heads, rows, 11);
  {
    g_autofree char *total = g_strdup_printf ("Tổng số: %02u thiết bị.", m->devices->len);
    cd_page_renderer_add_text (r, total, 14, FALSE, FALSE, CD_PAGE_ALIGN_BODY, 6);
  }
  if (m->note && *m->note)
    {
      g_autofree char *note = g_strdup_printf ("Ghi chú: %s", m->note);
      cd_page_renderer_add_text (r, note, 14, FALSE, FALSE, CD_PAGE_ALIGN_BODY, 6);
    }
  if (closing)
    cd_page_renderer_add_text (r, closing, 14, FALSE, FALSE, CD_PAGE_ALIGN_BODY, 6);
  if (m->kind == CD_HANDOVER_REPORT_LOST)
    {
      g_autofree char *send = g_strdup_printf ("%s gửi ngay biên bản này tới Cục Chứng thực số và Bảo mật "
                                               "thông tin, Ban Cơ yếu Chính phủ để thu hồi chứng thư số.", unit);
      cd_page_renderer_add_text (r, send, 14, FALSE, FALSE, CD_PAGE_ALIGN_BODY, 6);
    }
  cd_page_renderer_add_text (r, "Biên bản được lập thành 02 bản, mỗi bên giữ 01 bản, có giá trị pháp lý như nhau.",
                             14, FALSE, FALSE, CD_PAGE_ALIGN_BODY, 6);

  /* The unit signs on the right with its stamp, the other side on the left. */
  sides[1] = unit_side (m->kind);
  sides[0] = g_str_equal (sides[1], "giver") ? "receiver" : "giver";
  left_names = side_signers (m, sides[0]);
  right_names = side_signers (m, sides[1]);
  witness_names = side_signers (m, "witness");
  left[0] = side_heading (m->kind, sides[0]);
  left[1] = "(Ký, ghi rõ họ tên)";
  left[2] = left_names;
  right[0] = side_heading (m->kind, sides[1]);
  right[1] = "(Ký, ghi rõ họ tên, đóng dấu)";
  right[2] = right_names;
  cd_page_renderer_add_signatures (r, left, right, 12);
  if (*witness_names != '\0')
    {
      const char *witness[3] = { "NGƯỜI CHỨNG KIẾN", "(Ký, ghi rõ họ tên)", witness_names };
      cd_page_renderer_add_signatures (r, witness, NULL, 12);
    }
  return r;
}

gboolean
cd_minutes_export_pdf (const CdMinutes  *m,
                       const char       *target,
                       gboolean          overwrite,
                       GError          **error)
{
  g_autoptr(CdPageRenderer) r = cd_minutes_renderer_new (m);

  return cd_page_renderer_export_pdf (r, target, overwrite, error);
}

gboolean
cd_minutes_save_docx (const CdMinutes  *m,
                      const char       *template_path,
                      const char       *target,
                      gboolean          overwrite,
                      GError          **error)
{
  g_autofree char *builtin = NULL;
  g_autoptr(GPtrArray) columns = NULL;

  if (template_path == NULL)
    {
      const char *id = cd_minutes_template_id (m->kind);

      if (id == NULL)
        {
          g_set_error_literal (error, CD_DOCS_ERROR, CD_DOCS_ERROR_UNKNOWN_KIND,
                               _("This event has no official form. Print its minutes or save them as PDF, or choose your own Word template."));
          return FALSE;
        }
      builtin = cd_doc_templates_builtin_path (id, error);
      if (builtin == NULL)
        return FALSE;
      template_path = builtin;
    }
  return cd_docx_generate (template_path, m->ctx, target, overwrite, NULL, &columns, error);
}
