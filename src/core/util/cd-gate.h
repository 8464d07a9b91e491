/* cd-gate.h — a latch workers wait on until the main thread opens it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Closed when made; once opened it stays open. Thread-safe; reference
 * counted (any thread may drop the last reference). The window's start-up
 * read waits on one after its first page until the first frame is drawn:
 * no worker shares the two cores with that frame. */
typedef struct _CdGate CdGate;

CdGate   *cd_gate_new        (void);
CdGate   *cd_gate_ref        (CdGate       *gate);
void      cd_gate_unref      (CdGate       *gate);

/* Lets every waiter, present and future, through. */
void      cd_gate_open       (CdGate       *gate);
gboolean  cd_gate_is_open    (CdGate       *gate);

/* Blocks the calling thread until @gate is open (TRUE) or @cancellable
 * is cancelled (FALSE). Never call it on the thread that opens it. */
gboolean  cd_gate_wait       (CdGate       *gate,
                              GCancellable *cancellable);

/* How many threads wait on @gate now. Tests use it to know a worker got
 * there (and so did nothing past it) without timing it. */
guint     cd_gate_get_n_waiting (CdGate    *gate);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdGate, cd_gate_unref)

G_END_DECLS
