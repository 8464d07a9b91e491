/* cd-test-pcscd.h — a private pcscd with a virtual reader, for the tests
 * and benches of the PC/SC path
 *
 * pcscd (Debian's pcscd), the vpcd reader driver (vsmartcard-vpcd) and
 * the vicc card emulator (vsmartcard-vpicc) from Debian 12. The daemon
 * runs in the foreground on a socket in a private folder, handed over
 * the way systemd does (LISTEN_FDS), so it never touches the machine's
 * /run/pcscd/pcscd.comm; this process talks to it through
 * PCSCLITE_CSOCK_NAME.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <winscard.h>

G_BEGIN_DECLS

typedef struct _CdTestPcscd CdTestPcscd;
typedef struct _CdTestCard  CdTestCard;

/* The readers a private pcscd can have, one of each at most. */
typedef enum {
  /* vpcd as it is: no event source, pcscd asks it for the card every
   * 400 ms, so pcscd learns of an insertion 0–400 ms late. */
  CD_TEST_READER_POLLED  = 1 << 0,
  /* vpcd behind tests/common/ifd-evented.c, a polling thread of its own
   * as a USB CCID reader's interrupt endpoint gives one: pcscd learns of
   * an insertion within ~10 ms. */
  CD_TEST_READER_EVENTED = 1 << 1,
  /* The evented reader as a USB reader: not there when pcscd starts;
   * cd_test_pcscd_plug() plugs it in and out at run time, through pcscd's
   * udev hot-plug (tests/common/fake-udev.c plays udev). Not with
   * CD_TEST_READER_EVENTED (both would share one copy of vpcd). */
  CD_TEST_READER_HOTPLUG = 1 << 2,
} CdTestReaders;

/* FALSE when pcscd or the vpcd driver is not installed (the reason in
 * @why_missing, for a skip). */
gboolean     cd_test_pcscd_available (char **why_missing);
/* FALSE when vicc is not installed. */
gboolean     cd_test_vicc_available  (char **why_missing);

/* Starts pcscd with one vpcd reader (CD_TEST_READER_POLLED) on a free
 * port and waits (≤ 10 s) until it lists the reader (until it answers,
 * with only CD_TEST_READER_HOTPLUG). Sets
 * PCSCLITE_CSOCK_NAME for this process: call it before any other PC/SC
 * call (libpcsclite reads the variable once). One per process. */
CdTestPcscd *cd_test_pcscd_start     (GError     **error);
/* The same with the @readers asked for, each on its own port. */
CdTestPcscd *cd_test_pcscd_start_full (CdTestReaders readers,
                                       GError      **error);
/* The first reader's name as PC/SC lists it ("CertDesk Test PCD 00 00"
 * for the polled one). */
const char  *cd_test_pcscd_reader    (CdTestPcscd *self);
/* The TCP port the first reader waits on for a card. */
guint16      cd_test_pcscd_port      (CdTestPcscd *self);
/* The same for one of the readers started (@which: one flag). */
const char  *cd_test_pcscd_reader_of (CdTestPcscd  *self,
                                      CdTestReaders which);
guint16      cd_test_pcscd_port_of   (CdTestPcscd  *self,
                                      CdTestReaders which);
/* Plugs the CD_TEST_READER_HOTPLUG reader in (@in) or pulls it out, as
 * udev would tell pcscd; returns once told, before pcscd acted: wait for
 * the reader with cd_test_pcscd_wait_listed(). */
gboolean     cd_test_pcscd_plug      (CdTestPcscd  *self,
                                      gboolean      in,
                                      GError      **error);
/* Waits (≤ @ms) until pcscd lists the reader @which and has looked at
 * its slots, its driver ready for a card (@listed), or no longer lists
 * them; whether it did. Looks at the list every 10 ms: pcscd
 * 1.9.9's "\\?PnP?\Notification" misses a change made between two
 * waits, so it cannot be waited on. */
gboolean     cd_test_pcscd_wait_listed (CdTestPcscd  *self,
                                        CdTestReaders which,
                                        gboolean      listed,
                                        guint         ms);
/* Waits in SCardGetStatusChange() until the card in @st's reader is
 * @present (≤ @ms, else the test fails), carrying @st's state over;
 * returns when that was seen (µs, monotonic). */
gint64       cd_test_pcscd_wait_card (SCARDCONTEXT       ctx,
                                      SCARD_READERSTATE *st,
                                      gboolean           present,
                                      guint              ms);
/* What pcscd wrote so far (started with --info: it says which readers
 * use the driver's polling thread). */
char        *cd_test_pcscd_get_log   (CdTestPcscd *self);
/* The CPU time pcscd used so far, in seconds (user + system); -1 if it
 * cannot be read. */
double       cd_test_pcscd_get_cpu_seconds (CdTestPcscd *self);
/* Stops pcscd and removes its folder. */
void         cd_test_pcscd_stop      (CdTestPcscd *self);

/* Inserts vicc's ISO 7816 card (the real emulator, a Python process): it
 * connects to vpcd's port. Kill the process (g_subprocess_force_exit) to
 * remove the card. */
GSubprocess *cd_test_vicc_insert     (CdTestPcscd *self,
                                      GError     **error);

/* A card played in this process: connects to vpcd (the insertion, at the
 * time this returns), answers the ATR and refuses every APDU (6D00), as
 * vicc's part of the vpcd protocol. For benches, which need the moment of
 * insertion to the microsecond; vicc's own start is ~0.5 s of Python. */
CdTestCard  *cd_test_card_insert     (guint16      port,
                                      GError     **error);
/* How many command APDUs the card was sent so far. */
guint        cd_test_card_get_apdus  (CdTestCard  *card);
/* Removes the card (closes the connection) and frees it. */
void         cd_test_card_remove     (CdTestCard  *card);

G_END_DECLS
