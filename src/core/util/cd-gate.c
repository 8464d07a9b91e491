/* cd-gate.c — a latch workers wait on until the main thread opens it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-gate.h"

struct _CdGate {
  GMutex   lock;
  GCond    cond;
  gboolean open;
  guint    n_waiting;
};

static void
gate_clear (gpointer data)
{
  CdGate *gate = data;

  g_mutex_clear (&gate->lock);
  g_cond_clear (&gate->cond);
}

CdGate *
cd_gate_new (void)
{
  CdGate *gate = g_atomic_rc_box_new0 (CdGate);

  g_mutex_init (&gate->lock);
  g_cond_init (&gate->cond);
  return gate;
}

CdGate *
cd_gate_ref (CdGate *gate)
{
  g_return_val_if_fail (gate != NULL, NULL);
  return g_atomic_rc_box_acquire (gate);
}

void
cd_gate_unref (CdGate *gate)
{
  g_return_if_fail (gate != NULL);
  g_atomic_rc_box_release_full (gate, gate_clear);
}

void
cd_gate_open (CdGate *gate)
{
  g_return_if_fail (gate != NULL);
  g_mutex_lock (&gate->lock);
  gate->open = TRUE;
  g_cond_broadcast (&gate->cond);
  g_mutex_unlock (&gate->lock);
}

gboolean
cd_gate_is_open (CdGate *gate)
{
  gboolean open;

  g_return_val_if_fail (gate != NULL, FALSE);
  g_mutex_lock (&gate->lock);
  open = gate->open;
  g_mutex_unlock (&gate->lock);
  return open;
}

/* Runs on the cancelling thread: wakes the waiters to look. */
static void
cancelled_cb (GCancellable *cancellable,
              CdGate       *gate)
{
  g_mutex_lock (&gate->lock);
  g_cond_broadcast (&gate->cond);
  g_mutex_unlock (&gate->lock);
}

gboolean
cd_gate_wait (CdGate       *gate,
              GCancellable *cancellable)
{
  gulong handler = 0;
  gboolean open;

  g_return_val_if_fail (gate != NULL, FALSE);

  /* Connected before the lock is taken: the handler takes it too, and
   * runs at once when already cancelled. */
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), gate, NULL);
  g_mutex_lock (&gate->lock);
  gate->n_waiting++;
  while (!gate->open && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait (&gate->cond, &gate->lock);
  gate->n_waiting--;
  open = gate->open;
  g_mutex_unlock (&gate->lock);
  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);
  return open;
}

guint
cd_gate_get_n_waiting (CdGate *gate)
{
  guint n;

  g_return_val_if_fail (gate != NULL, 0);
  g_mutex_lock (&gate->lock);
  n = gate->n_waiting;
  g_mutex_unlock (&gate->lock);
  return n;
}
