/* cd-quiet.h — keeping libraries' English chatter off the clerk's stderr
 *
 * libxlsxwriter prints "[ERROR] …" lines to stderr itself, with no way
 * to turn them off; the clerk gets our Vietnamese sentence instead
 * (issue 20, D16). libxml2's messages go through handlers: see
 * cd_xml_quiet().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CdQuiet CdQuiet;

/* Points file descriptor 2 at a private buffer until cd_quiet_end().
 * One at a time in the process (a mutex); what other threads print
 * meanwhile is kept and written out afterwards. */
CdQuiet *cd_quiet_begin (void);
/* Restores stderr. Lines a library wrote ("[ERROR]", "[WARNING]") go to
 * g_debug(); every other line is written to stderr as it was. */
void     cd_quiet_end   (CdQuiet *quiet);

G_END_DECLS
