/* cd-batch-send.h — sending a list from Hồ sơ: Gửi… (the clerk's e-mail
 * program), Mở thư mục (webmail), the signed scan attached and opened
 *
 * The message and its files are core's (cd-batch-mail.h, cd-batch-scan.h);
 * these run them and tell the clerk what happened.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* Opens the e-mail program with the list's message (xdg-email, run with
 * GSubprocess); a toast when it opened, a dialog that says what to do
 * when there is no e-mail program. @from is a widget of the view. */
void cd_batch_send_mail        (GtkWidget *from,
                                CdStore   *store,
                                gint64     batch_id);
/* Opens the folder holding the scans and a copy of the Word file. */
void cd_batch_send_open_folder (GtkWidget *from,
                                CdStore   *store,
                                gint64     batch_id);
/* Asks for a scan (PDF, JPEG, PNG) and attaches it on a worker. */
void cd_batch_send_attach_scan (GtkWidget *from,
                                CdStore   *store,
                                gint64     batch_id);
/* Opens the list's newest scan in the desktop's viewer. */
void cd_batch_send_open_scan   (GtkWidget *from,
                                CdStore   *store,
                                gint64     batch_id);

G_END_DECLS
