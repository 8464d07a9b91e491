/* cd-settings.h — GSettings that work installed, in any prefix, and from
 * the build tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A new GSettings for io.github.certdesk.CertDesk. Looks the schema up in
 * the default places, then in our own prefix, then in the build tree.
 * Returns NULL (never aborts) when no compiled schema can be found. */
GSettings *cd_settings_new (void);

/* The number of days before expiry that count as "expiring": the
 * expiry-threshold-days key of @settings, or of a cd_settings_new() when
 * @settings is NULL; the schema's default (60) only when no compiled
 * schema can be found at all. Every reader of the threshold asks here. */
int        cd_settings_expiry_threshold_days (GSettings *settings);
/* The domains of official mailboxes (official-email-domains) of
 * @settings, or of a cd_settings_new() when @settings is NULL; the
 * schema's default (*.gov.vn, *.edu.vn) when no compiled schema can be
 * found. Free with g_strfreev(). */
GStrv      cd_settings_official_domains (GSettings *settings);

G_END_DECLS
