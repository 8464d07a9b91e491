/* cd-token-worker.h — the token monitor's worker state, shared by the
 * monitor's loop (cd-token-monitor.c) and the scans it runs
 * (cd-token-scan.c). Private to src/core/tokens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <winscard.h>

#include "cd-pcsc-watch.h"
#include "cd-pkcs11-modules.h"
#include "cd-token-monitor.h"

G_BEGIN_DECLS

typedef struct {
  CdToken    *token;        /* what was posted last */
  guint       module_index;
  gboolean    alias;        /* same token already shown through another module */
  guint       age;          /* polls since the certificates were read */
  gboolean    seen;         /* in the current poll */
  gboolean    hardware;     /* a hardware or removable slot (not a soft token) */
} Present;

typedef struct {
  gint                 ref;
  GMutex               lock;
  GCond                cond;
  gboolean             stop;      /* under lock */
  gboolean             wake;      /* under lock: a PC/SC event, rescan now */
  gboolean             exited;    /* under lock */
  gint                 delivering;/* atomic; 0 once stopped */
  GMainContext        *context;
  GWeakRef             monitor;
  char               **extra;
  CdTokenMonitorFlags  flags;
  guint                poll_ms;

  /* Worker thread only. */
  GPtrArray           *modules;    /* CdPkcs11Module */
  GHashTable          *present;    /* key → Present */
  GHashTable          *cache;      /* key → CdToken, kept after removal */
  GHashTable          *module_rv;  /* module index → last CK_RV reported */
  GHashTable          *unreadable; /* reader name → CdUnreadableToken */
  SCARDCONTEXT         pcsc;
  gboolean             pcsc_ok;
  guint                pcsc_retry;
  CdPcscWatch         *watch;      /* wakes the loop on reader events */
} CdTokenWorker;

typedef enum {
  EV_ADDED,
  EV_REMOVED,
  EV_CHANGED,
  EV_UNREADABLE,
  EV_UNREADABLE_REMOVED,
  EV_MODULE_ERROR,
  EV_SETTLED,
} EventKind;

/* Whether stop() was asked (takes the lock). */
gboolean cd_token_worker_stopping (CdTokenWorker *w);

/* Sends one event to the monitor's main context (copies its arguments);
 * dropped there once the monitor has stopped. */
void     cd_token_worker_post     (CdTokenWorker           *w,
                                   EventKind                kind,
                                   const CdToken           *token,
                                   const CdUnreadableToken *unreadable,
                                   const char              *module,
                                   const char              *message);

/* Looks at every slot of module @index: tokens come, go, change PIN
 * state or certificates; posts what changed. Worker thread only. */
void     cd_token_worker_scan_module  (CdTokenWorker *w,
                                       guint          index);

/* Looks at pcscd's readers for cards no module accounts for (unreadable
 * tokens); posts what changed. Worker thread only. */
void     cd_token_worker_scan_readers (CdTokenWorker *w);

G_END_DECLS
