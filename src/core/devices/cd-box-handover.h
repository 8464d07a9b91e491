/* cd-box-handover.h — a delivered box of tokens handed out at once
 *
 * The provider delivers a box of tokens, one per person of the list the
 * unit sent. The clerk plugs them in one after another (or picks the
 * devices received in stock); each is matched to its holder by the
 * certificate on it, and one confirmation hands them all: one
 * "hand to holder" event each (all or nothing, under cd_handover_apply),
 * one PDF with every Mẫu 07 (two copies each, a page per person) and the
 * notice to the Cục for the batch. A token whose certificate matches
 * nobody, or a device already handed, is set aside with the reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-store.h"
#include "cd-token.h"

G_BEGIN_DECLS

typedef struct {
  gint64  device_id;       /* 0: a token the register has no device for */
  char   *serial;          /* the device's (token's) serial */
  gint64  holder_id;       /* the person the certificate on it belongs to, else 0 */
  char   *holder_name;
  char   *holder_position;
  char   *cert_serial;     /* the holder's certificate on the device, may be NULL */
  char   *reason;          /* NULL: to be handed; else why it is set aside (translated) */
} CdBoxItem;

typedef struct {
  GPtrArray *ready;        /* CdBoxItem: matched, to be handed */
  GPtrArray *set_aside;    /* CdBoxItem with ->reason */
  GArray    *event_ids;    /* gint64: the events recorded by cd_box_hand_out() */
} CdBoxPlan;

void       cd_box_item_free        (CdBoxItem  *item);
CdBoxPlan *cd_box_plan_new         (void);
void       cd_box_plan_free        (CdBoxPlan  *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdBoxPlan, cd_box_plan_free)

/* Matches the device @device_id (a device received in stock, or a
 * plugged token's) to its holder and files it under ready or set aside.
 * A device already in the plan is skipped. */
void       cd_box_plan_add_device  (CdStore    *store,
                                    CdBoxPlan  *plan,
                                    gint64      device_id);
/* A plugged token: its certificates are stored and linked first
 * (cd_token_register, as the window does when it is plugged in), then
 * its device is matched. */
void       cd_box_plan_add_token   (CdStore       *store,
                                    CdBoxPlan     *plan,
                                    const CdToken *token);

/* The plan for @device_ids, or for @tokens (CdToken); both may be given.
 * Neither (@n_devices 0, @tokens NULL): every token in stock, the box as
 * it was received. */
CdBoxPlan *cd_box_plan_make        (CdStore       *store,
                                    const gint64  *device_ids,
                                    guint          n_devices,
                                    GPtrArray     *tokens);
void       cd_box_plan_make_async  (CdStore             *store,
                                    const gint64        *device_ids,
                                    guint                n_devices,
                                    GPtrArray           *tokens,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
CdBoxPlan *cd_box_plan_make_finish (CdStore             *store,
                                    GAsyncResult        *result,
                                    GError             **error);

/* Hands every ready device of @plan to its holder on @date_iso (one
 * transaction: all or none), then writes @target: a Mẫu 07 for each
 * person, CD_MINUTES_COPIES copies each, then the notice to the Cục;
 * records the document. Fails when nothing is ready. Sets
 * @plan->event_ids. */
gboolean   cd_box_hand_out         (CdStore     *store,
                                    CdBoxPlan   *plan,
                                    const char  *date_iso,
                                    const char  *target,
                                    gboolean     overwrite,
                                    GError     **error);
/* The same on a worker; @plan stays the caller's, alive and not read
 * elsewhere until @callback runs. */
void       cd_box_hand_out_async   (CdStore             *store,
                                    CdBoxPlan           *plan,
                                    const char          *date_iso,
                                    const char          *target,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean   cd_box_hand_out_finish  (CdStore             *store,
                                    GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS
