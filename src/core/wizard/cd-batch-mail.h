/* cd-batch-mail.h — sending a list: the e-mail to the Sở and the folder
 * with its files
 *
 * Gửi… opens the clerk's own e-mail program with a new message: the
 * recipient, a Vietnamese subject and body, the Word file and the signed
 * scans attached. It goes through xdg-email (xdg-utils), not the desktop
 * portal: on Debian 12 the portal's Email interface needs a portal
 * backend the clerk's desktop may lack, while xdg-email hands the message
 * to Thunderbird or Evolution directly (README.md, "Sending a list").
 * The core only builds the command; the window runs it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cd-batch.h"

G_BEGIN_DECLS

/* The e-mail address in @recipient ("Phòng KHTC <khtc@haiphong.edu.vn>",
 * "khtc@haiphong.edu.vn"), or NULL when it holds none (a postal address). */
char  *cd_batch_mail_address (const char        *recipient);

/* The message's subject and body, in Vietnamese whatever the window's
 * language: the message goes to the Sở. @unit_name may be NULL; @scans
 * (CdBatchScan, may be NULL) are named in the body. */
char  *cd_batch_mail_subject (const CdBatchInfo *info,
                              const char        *unit_name);
char  *cd_batch_mail_body    (const CdBatchInfo *info,
                              const char        *unit_name,
                              GPtrArray         *scans);

/* The command that opens the e-mail program: "xdg-email" (found in
 * PATH when run), --utf8, --subject, --body, an --attach for the Word
 * file and each scan, then the recipient's address when it has one.
 * CD_FILE_ERROR_NOT_FOUND when the Word file was not made yet or is
 * gone. */
GStrv  cd_batch_mail_argv    (const CdBatchInfo *info,
                              const char        *unit_name,
                              GPtrArray         *scans,
                              GError           **error);

/* For webmail: the batch's scans folder with a copy of the Word file put
 * beside the scans (0600), so both can be attached from one place.
 * Returns the folder. */
char  *cd_batch_mail_folder  (const CdBatchInfo *info,
                              GError           **error);

G_END_DECLS
