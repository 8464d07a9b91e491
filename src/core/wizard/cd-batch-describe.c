/* cd-batch-describe.c — a saved list told in a few lines, for Hồ sơ
 *
 * The subtitle of a list's row: its date, people and where it stands,
 * the letter it answers, who it goes to and its file. A list sent is
 * said once, with its day and how it went ("Đã gửi 04/12/2026 qua thư
 * điện tử"), where the row used to say "Đã gửi · đã gửi 04/12/2026 (Thư
 * điện tử)" and then the planned channel again under it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-batch.h"
#include "cd-batch-letter.h"
#include "cd-text.h"

/* "Sent 04/12/2026 by e-mail": one whole sentence per channel, for the
 * translation's word order. */
static char *
sent_phrase (const char     *date_iso,
             CdBatchChannel  channel)
{
  g_autofree char *d = cd_text_date_display (date_iso);

  switch (channel)
    {
    case CD_BATCH_CHANNEL_EMAIL:
      /* Translators: %s is a date, 04/12/2026 */
      return g_strdup_printf (_("Sent %s by e-mail"), d);
    case CD_BATCH_CHANNEL_DICHVUCONG:
      return g_strdup_printf (_("Sent %s through dichvucong.ca.gov.vn"), d);
    case CD_BATCH_CHANNEL_POST:
      return g_strdup_printf (_("Sent %s by post"), d);
    case CD_BATCH_CHANNEL_TRUC:
      return g_strdup_printf (_("Sent %s through the national document exchange"), d);
    case CD_BATCH_CHANNEL_NONE:
    default:
      return g_strdup_printf (_("Sent %s"), d);
    }
}

/* Where the list stands: a draft, sent (when and how), or done (when,
 * and when it had been sent). */
static char *
state_phrase (const CdBatchInfo *info)
{
  const char *sent = info->sent_on != NULL ? info->sent_on : info->sent_date;
  g_autofree char *how = NULL;

  switch (info->status)
    {
    case CD_BATCH_SENT:
      if (sent != NULL)
        return sent_phrase (sent, info->sent_channel);
      break;
    case CD_BATCH_DONE:
      if (info->done_date != NULL)
        {
          g_autofree char *d = cd_text_date_display (info->done_date);

          /* marked done without being marked sent first */
          if (sent == NULL || (g_str_equal (sent, info->done_date)
                               && info->sent_channel == CD_BATCH_CHANNEL_NONE))
            /* Translators: %s is a date */
            return g_strdup_printf (_("Done %s"), d);
          how = sent_phrase (sent, info->sent_channel);
          /* Translators: "Done 13/11/2026 · Sent 26/10/2026 by post" */
          return g_strdup_printf (_("Done %s · %s"), d, how);
        }
      break;
    case CD_BATCH_DRAFT:
    default:
      break;
    }
  return g_strdup (cd_batch_status_label (info->status));
}

char *
cd_batch_info_describe (const CdBatchInfo *info)
{
  g_autoptr(GString) sub = g_string_new (NULL);
  g_autofree char *date = NULL;
  g_autofree char *state = NULL;

  g_return_val_if_fail (info != NULL, NULL);
  date = cd_text_date_display (info->date);
  state = state_phrase (info);
  g_string_append_printf (sub, _("Dated %s · %u people · %s"), date, info->n_items, state);
  if (info->letter != NULL)
    {
      g_string_append_c (sub, '\n');
      /* Translators: %s is the Department's letter, "1873/SGDĐT-VP" */
      g_string_append_printf (sub, _("Answers %s"), info->letter);
    }
  /* the channel planned, while it is still a plan: a list sent says how
   * it went on its first line */
  if (info->recipient != NULL
      || (info->channel != CD_BATCH_CHANNEL_NONE && info->status == CD_BATCH_DRAFT))
    {
      g_string_append_c (sub, '\n');
      if (info->recipient != NULL && info->channel != CD_BATCH_CHANNEL_NONE
          && info->status == CD_BATCH_DRAFT)
        /* Translators: "To vanphong@haiphong.edu.vn · E-mail" */
        g_string_append_printf (sub, _("To %s · %s"), info->recipient,
                                cd_batch_channel_label (info->channel));
      else if (info->recipient != NULL)
        g_string_append_printf (sub, _("To %s"), info->recipient);
      else
        /* Translators: %s is how the list is to go, "E-mail" */
        g_string_append_printf (sub, _("To go by %s"), cd_batch_channel_label (info->channel));
    }
  /* the file's name; the GUI shows its folder in a tooltip */
  if (info->path != NULL || info->n_scans > 0)
    {
      g_string_append_c (sub, '\n');
      if (info->path != NULL)
        {
          g_autofree char *name = g_path_get_basename (info->path);

          g_string_append (sub, name);
          if (info->n_scans > 0)
            g_string_append (sub, " · ");
        }
      if (info->n_scans > 0)
        g_string_append_printf (sub, g_dngettext (GETTEXT_PACKAGE, "%u signed scan", "%u signed scans",
                                                  info->n_scans), info->n_scans);
    }
  return g_string_free (g_steal_pointer (&sub), FALSE);
}
