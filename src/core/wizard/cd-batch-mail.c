/* cd-batch-mail.c — the e-mail that sends a list to the Sở, and the
 * folder with its files for webmail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cd-batch-mail.h"
#include "cd-batch-scan.h"
#include "cd-fileutil.h"
#include "cd-paths.h"
#include "cd-text.h"
#include "cd-wizard-kind.h"

/* What the list asks, as the letter to the Sở says it. Not translated:
 * the message is Vietnamese whatever language the window speaks. */
static const struct {
  const char *kind;
  const char *phrase;
} phrases[] = {
  { "cap-moi", "danh sách đề nghị cấp mới chứng thư số" },
  { "gia-han", "danh sách đề nghị gia hạn chứng thư số" },
  { "cap-lai", "danh sách đề nghị cấp lại chứng thư số" },
  { "thay-doi", "danh sách đề nghị thay đổi nội dung thông tin chứng thư số" },
  { "khoi-phuc", "danh sách đề nghị khôi phục thiết bị lưu khóa bí mật" },
  { "hom-thu", "danh sách đề nghị cấp hộp thư điện tử công vụ" },
  { "mau-02", "giấy đề nghị cấp chứng thư số cho tổ chức" },
  { "mau-03", "giấy đề nghị cấp chứng thư số cho thiết bị, dịch vụ, phần mềm" },
  { "thu-hoi", "danh sách đề nghị thu hồi chứng thư số" },
};

static const char *
kind_phrase (const char *kind)
{
  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (phrases); i++)
    if (g_str_equal (phrases[i].kind, kind))
      return phrases[i].phrase;
  return "danh sách đề nghị về chứng thư số";
}

char *
cd_batch_mail_address (const char *recipient)
{
  g_autoptr(GRegex) re = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  if (recipient == NULL)
    return NULL;
  re = g_regex_new ("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+", 0, 0, NULL);
  if (!g_regex_match (re, recipient, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 0);
}

/* The recipient's name: @recipient without its address and brackets. */
static char *
recipient_name (const char *recipient)
{
  g_autofree char *address = cd_batch_mail_address (recipient);
  GString *s;

  if (recipient == NULL)
    return NULL;
  s = g_string_new (recipient);
  if (address != NULL)
    g_string_replace (s, address, "", 1);
  g_string_replace (s, "<>", "", 0);
  g_strstrip (s->str);
  s->len = strlen (s->str);
  while (s->len > 0 && strchr (",;:-<", s->str[s->len - 1]) != NULL)
    g_string_truncate (s, s->len - 1);
  g_strstrip (s->str);
  if (*s->str == '\0')
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

char *
cd_batch_mail_subject (const CdBatchInfo *info,
                       const char        *unit_name)
{
  GString *s = g_string_new (NULL);
  g_autofree char *phrase = g_strdup (kind_phrase (info->kind));

  /* capitalised: it starts the subject */
  phrase[0] = g_ascii_toupper (phrase[0]);
  if (unit_name != NULL && *unit_name != '\0')
    g_string_append_printf (s, "%s gửi %s", unit_name, kind_phrase (info->kind));
  else
    g_string_append (s, phrase);
  if (info->letter != NULL && *info->letter != '\0')
    g_string_append_printf (s, " (theo văn bản số %s)", info->letter);
  return g_string_free (s, FALSE);
}

char *
cd_batch_mail_body (const CdBatchInfo *info,
                    const char        *unit_name,
                    GPtrArray         *scans)
{
  GString *s = g_string_new (NULL);
  g_autofree char *name = recipient_name (info->recipient);
  const char *unit = unit_name != NULL && *unit_name != '\0' ? unit_name : "Đơn vị";

  g_string_append_printf (s, "Kính gửi: %s.\n\n", name != NULL ? name : "Quý cơ quan");
  g_string_append_printf (s, "%s gửi %s", unit, kind_phrase (info->kind));
  if (info->doc_number != NULL && *info->doc_number != '\0')
    g_string_append_printf (s, " (văn bản số %s)", info->doc_number);
  if (!cd_wizard_kind_is_unit (info->kind))
    g_string_append_printf (s, ", gồm %u người", info->n_items);
  if (info->letter != NULL && *info->letter != '\0')
    g_string_append_printf (s, ", theo văn bản số %s", info->letter);
  g_string_append (s, ".\n\nTệp đính kèm:\n");
  if (info->path != NULL)
    {
      g_autofree char *base = g_path_get_basename (info->path);
      g_string_append_printf (s, "- %s (bản Word)\n", base);
    }
  for (guint i = 0; scans != NULL && i < scans->len; i++)
    {
      CdBatchScan *scan = g_ptr_array_index (scans, i);
      g_autofree char *base = g_path_get_basename (scan->path);
      g_string_append_printf (s, "- %s (bản quét có chữ ký, đóng dấu)\n", base);
    }
  g_string_append_printf (s, "\nTrân trọng,\n%s\n", unit);
  return g_string_free (s, FALSE);
}

GStrv
cd_batch_mail_argv (const CdBatchInfo  *info,
                    const char         *unit_name,
                    GPtrArray          *scans,
                    GError            **error)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *address = NULL;

  if (info->path == NULL || !g_file_test (info->path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error_literal (error, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND,
                           info->path == NULL
                           ? _("The list's Word file was not made yet. Make it first (Continue, then Make the File).")
                           : _("The list's Word file is no longer where it was made. Make it again, then send it."));
      return NULL;
    }
  subject = cd_batch_mail_subject (info, unit_name);
  body = cd_batch_mail_body (info, unit_name, scans);
  address = cd_batch_mail_address (info->recipient);
  g_strv_builder_add_many (b, "xdg-email", "--utf8", "--subject", subject, "--body", body,
                           "--attach", info->path, NULL);
  for (guint i = 0; scans != NULL && i < scans->len; i++)
    g_strv_builder_add_many (b, "--attach", ((CdBatchScan *) g_ptr_array_index (scans, i))->path, NULL);
  if (address != NULL)
    g_strv_builder_add (b, address);
  return g_strv_builder_end (b);
}

char *
cd_batch_mail_folder (const CdBatchInfo  *info,
                      GError            **error)
{
  g_autofree char *dir = cd_batch_scan_dir (info->id);

  if (!cd_paths_ensure_private_dir (dir, error))
    return NULL;
  if (info->path != NULL && g_file_test (info->path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *base = g_path_get_basename (info->path);
      g_autofree char *copy = g_build_filename (dir, base, NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      /* a new copy each time: the file may have been made again */
      if (!cd_file_read_limited (info->path, CD_BATCH_SCAN_MAX_SIZE, &contents, &len, error)
          || !cd_file_write_atomic (copy, contents, len, TRUE, error))
        return NULL;
    }
  return g_steal_pointer (&dir);
}
