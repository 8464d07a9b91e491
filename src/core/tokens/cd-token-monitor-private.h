/* cd-token-monitor-private.h — the monitor's decisions, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The PC/SC readers of @with_card (readers holding a card) that no
 * PKCS#11 hardware slot in @hw_slots (slot descriptions of tokens shown
 * now) accounts for. @all_readers: every reader PC/SC lists. Nothing
 * when a hardware slot matches no reader at all (a vendor module naming
 * its slots its own way). */
GStrv cd_token_monitor_unread_readers (const char * const *with_card,
                                       const char * const *all_readers,
                                       const char * const *hw_slots);

G_END_DECLS
