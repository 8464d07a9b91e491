/* cd-demo-batches.c — the demo register's request lists (Hồ sơ): one
 * sent to the Sở and awaiting its reply before the letter's deadline, one
 * the Sở has done, written as the wizard writes them
 * (cd_wizard_draft_generate) into a folder of the demo's own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>

#include <glib/gstdio.h>

#include "cd-batch.h"
#include "cd-demo.h"
#include "cd-demo-private.h"
#include "cd-device-tasks.h"
#include "cd-fileutil.h"
#include "cd-wizard-draft.h"
#include "cd-wizard-generate.h"
#include "cd-wizard-suggest.h"

#define DAY ((gint64) 86400)
#define THRESHOLD_DAYS 60
/* the people on the renewal list sent to the Sở */
#define RENEWALS 5

/* Writes @draft's list into @folder as @name and records it. */
static gboolean
generate (CdWizardDraft *draft,
          CdStore       *store,
          const char    *folder,
          const char    *name,
          gint64         now,
          GError       **error)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  return cd_wizard_draft_generate (draft, store, path, TRUE, now, THRESHOLD_DAYS, NULL, error);
}

/* Gia hạn: the first certificates the wizard suggests renewing, listed
 * for the Sở's letter on the working day before it was sent by e-mail,
 * two days ago (a Friday at the latest); the letter's deadline a week
 * ahead. */
static gboolean
renewal_sent (CdStore          *store,
              const char       *folder,
              gint64            now,
              GError          **error)
{
  g_autoptr(CdWizardDraft) draft = cd_wizard_draft_new ("gia-han");
  g_autoptr(GPtrArray) suggested = cd_wizard_suggest (store, "gia-han", now, THRESHOLD_DAYS, NULL, error);
  gint64 sent_on = cd_demo_weekday_before (now - 2 * DAY);
  g_autofree char *date = cd_demo_iso_date (cd_demo_weekday_before (sent_on - DAY));
  g_autofree char *sent = cd_demo_iso_date (sent_on);
  g_autofree char *deadline = cd_demo_iso_date (now + 7 * DAY);

  if (suggested == NULL)
    return FALSE;
  for (guint i = 0; i < suggested->len && draft->items->len < RENEWALS; i++)
    cd_wizard_draft_add (draft, cd_wizard_item_copy (g_ptr_array_index (suggested, i)));
  cd_wizard_draft_set_text (&draft->doc_number, "45/THCSLL-VP");
  cd_wizard_draft_set_text (&draft->date, date);
  cd_wizard_draft_set_text (&draft->letter_ref, "1873/SGDĐT-VP");
  cd_wizard_draft_set_text (&draft->deadline, deadline);
  cd_wizard_draft_set_text (&draft->send_to, "vanphong@haiphong.edu.vn");
  draft->channel = CD_BATCH_CHANNEL_EMAIL;
  return generate (draft, store, folder, "gia-han-45-THCSLL-VP.docx", now, error)
         && cd_batch_mark_sent (store, draft->batch_id, sent, CD_BATCH_CHANNEL_EMAIL, error);
}

/* Cấp mới: the tokens whose certificate was issued in the last three
 * weeks (one 20 days ago, cd_demo_people()) were asked for six weeks
 * ago; the Sở has done it. */
static gboolean
new_done (CdStore          *store,
          GPtrArray        *people,
          const char       *folder,
          gint64            now,
          const CdHolidays *holidays,
          GError          **error)
{
  g_autoptr(CdWizardDraft) draft = cd_wizard_draft_new ("cap-moi");
  g_autofree char *date = cd_demo_iso_date (cd_demo_weekday_before (now - 42 * DAY));
  g_autofree char *sent = cd_demo_iso_date (cd_demo_weekday_before (now - 41 * DAY));
  g_autofree char *done = cd_demo_iso_date (cd_demo_weekday_before (now - 22 * DAY));

  for (guint i = 0; i < people->len; i++)
    {
      CdDemoPerson *p = g_ptr_array_index (people, i);

      if (p->device != NULL
          && ((CdCertificate *) g_ptr_array_index (p->certificates, p->device_cert))->not_before >= now - 21 * DAY
          && !cd_wizard_draft_add_staff (draft, store, p->staff->id, error))
        return FALSE;
    }
  if (draft->items->len == 0)
    return TRUE;
  cd_wizard_draft_set_text (&draft->doc_number, "38/THCSLL-VP");
  cd_wizard_draft_set_text (&draft->date, date);
  draft->channel = CD_BATCH_CHANNEL_DICHVUCONG;
  return generate (draft, store, folder, "cap-moi-38-THCSLL-VP.docx", now, error)
         && cd_batch_mark_sent (store, draft->batch_id, sent, CD_BATCH_CHANNEL_DICHVUCONG, error)
         && cd_batch_set_status (store, draft->batch_id, CD_BATCH_DONE, done, holidays, error);
}

gboolean
cd_demo_add_batches (CdStore     *store,
                     GPtrArray   *people,
                     const char  *folder,
                     gint64       now,
                     GError     **error)
{
  g_autoptr(CdHolidays) holidays = cd_devices_load_holidays (store, error);

  if (holidays == NULL)
    return FALSE;
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      cd_file_set_io_error (error, folder, errno);
      return FALSE;
    }
  return new_done (store, people, folder, now, holidays, error)
         && renewal_sent (store, folder, now, error);
}
