/* ifd-evented.c — a test reader driver: vpcd with a polling thread of its
 * own, as a USB CCID reader has
 *
 * pcscd learns of a card in one of two ways, depending on the reader's
 * driver. vpcd (the tests' virtual reader) has no event source: pcscd asks
 * its IFDHICCPresence() every 400 ms (PCSCLITE_STATUS_POLL_RATE), so an
 * insertion waits 0–400 ms in pcscd before any client hears of it. The
 * ccid driver (every USB reader and token) answers IFDHGetCapabilities
 * (TAG_IFD_POLLING_THREAD_WITH_TIMEOUT) with its IFDHPolling(): pcscd's
 * event thread blocks in it, and it returns when the reader's interrupt
 * endpoint reports a slot change, so pcscd knows within a few ms. This
 * machine has no USB reader, so this module makes that second case
 * measurable: a double of the reader driver, the boundary we do not own.
 *
 * Every IFDH* entry point goes to vpcd unchanged (power, APDUs, presence:
 * the card is vpcd's, OpenSC sees the same one); only the capabilities
 * gain a polling function that asks vpcd for the card every POLL_US and
 * returns as soon as the answer differs from the one pcscd last had —
 * standing in for the interrupt endpoint. Comparing with pcscd's last
 * answer, not with the first look inside the function, means a change
 * between pcscd's check and the call is not lost until the timeout.
 *
 * pcscd locks its own per-reader mutex around its IFDH* calls, but not
 * around the polling function, and vpcd is not written for a presence
 * check racing an APDU on the same connection: every call into vpcd goes
 * through one mutex here. For the same reason pcscd may not cancel the
 * polling thread (it could hold the mutex, mid-exchange with the card):
 * the thread is not killable, and TAG_IFD_STOP_POLLING_THREAD gives pcscd
 * the function that makes it return.
 *
 * vpcd keeps its state in static arrays indexed by slot: a second reader
 * using the same loaded copy would share the first one's slot 0. So that
 * a pcscd can have a plain vpcd reader and this one side by side (the
 * bench compares them in one daemon), this module loads its own copy of
 * vpcd from a memfd: another inode, another instance.
 *
 * Test-only (tests/common/meson.build builds it as a module, not
 * installed); plain C and pthreads, as it runs inside pcscd.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <ifdhandler.h>

#ifndef IFD_EVENTED_VPCD
#define IFD_EVENTED_VPCD "/usr/lib/pcsc/drivers/serial/libifdvpcd.so"
#endif

/* How often the stand-in interrupt endpoint looks: a CCID reader's
 * interrupt transfer comes within a USB frame, ~1 ms; 10 ms is near
 * enough and cheap (an absent card is a non-blocking accept(); a
 * present one a 1-byte exchange with the card). */
#define POLL_US 10000
#define MAX_LUNS 16

#define EXPORT __attribute__ ((visibility ("default")))

typedef RESPONSECODE (*CreateByNameFn) (DWORD, LPSTR);
typedef RESPONSECODE (*CreateFn) (DWORD, DWORD);
typedef RESPONSECODE (*LunFn) (DWORD);
typedef RESPONSECODE (*GetCapsFn) (DWORD, DWORD, PDWORD, PUCHAR);
typedef RESPONSECODE (*SetCapsFn) (DWORD, DWORD, DWORD, PUCHAR);
typedef RESPONSECODE (*SetProtoFn) (DWORD, DWORD, UCHAR, UCHAR, UCHAR, UCHAR);
typedef RESPONSECODE (*PowerFn) (DWORD, DWORD, PUCHAR, PDWORD);
typedef RESPONSECODE (*TransmitFn) (DWORD, SCARD_IO_HEADER, PUCHAR, DWORD, PUCHAR, PDWORD,
                                    PSCARD_IO_HEADER);
typedef RESPONSECODE (*ControlFn) (DWORD, DWORD, PUCHAR, DWORD, PUCHAR, DWORD, LPDWORD);

static struct {
  CreateByNameFn create_by_name;
  CreateFn       create;
  LunFn          close;
  GetCapsFn      get_caps;
  SetCapsFn      set_caps;
  SetProtoFn     set_proto;
  PowerFn        power;
  TransmitFn     transmit;
  ControlFn      control;
  LunFn          presence;
} vpcd;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static void *vpcd_handle;
/* Every call into vpcd, from any of pcscd's threads. */
static pthread_mutex_t vpcd_lock = PTHREAD_MUTEX_INITIALIZER;

/* Per reader slot (Lun): what pcscd last heard from IFDHICCPresence(),
 * and whether pcscd asked the polling function to return. Under
 * luns_lock. */
typedef struct {
  DWORD        lun;
  int          used;
  RESPONSECODE last;
  int          stop;
} LunState;

static LunState luns[MAX_LUNS];
static pthread_mutex_t luns_lock = PTHREAD_MUTEX_INITIALIZER;

static void
log_error (const char *what)
{
  fprintf (stderr, "ifd-evented: %s\n", what);
}

/* Copies vpcd into a memfd and loads that: a private instance (see the
 * header comment). */
static void
load_vpcd (void)
{
  const char *path = getenv ("CD_IFD_EVENTED_VPCD");
  char fd_path[64];
  char buf[65536];
  int in, mem;
  ssize_t r;

  if (path == NULL || *path == '\0')
    path = IFD_EVENTED_VPCD;
  in = open (path, O_RDONLY | O_CLOEXEC);
  mem = memfd_create ("libifdvpcd-evented.so", MFD_CLOEXEC);
  if (in < 0 || mem < 0)
    {
      log_error ("cannot read vpcd's driver");
      goto out;
    }
  while ((r = read (in, buf, sizeof buf)) > 0)
    if (write (mem, buf, (size_t) r) != r)
      {
        log_error ("cannot copy vpcd's driver");
        goto out;
      }
  snprintf (fd_path, sizeof fd_path, "/proc/self/fd/%d", mem);
  /* RTLD_LOCAL: vpcd's IFDH* do not interpose on this module's. */
  vpcd_handle = dlopen (fd_path, RTLD_NOW | RTLD_LOCAL);
  if (vpcd_handle == NULL)
    {
      log_error (dlerror ());
      goto out;
    }
  vpcd.create_by_name = (CreateByNameFn) dlsym (vpcd_handle, "IFDHCreateChannelByName");
  vpcd.create = (CreateFn) dlsym (vpcd_handle, "IFDHCreateChannel");
  vpcd.close = (LunFn) dlsym (vpcd_handle, "IFDHCloseChannel");
  vpcd.get_caps = (GetCapsFn) dlsym (vpcd_handle, "IFDHGetCapabilities");
  vpcd.set_caps = (SetCapsFn) dlsym (vpcd_handle, "IFDHSetCapabilities");
  vpcd.set_proto = (SetProtoFn) dlsym (vpcd_handle, "IFDHSetProtocolParameters");
  vpcd.power = (PowerFn) dlsym (vpcd_handle, "IFDHPowerICC");
  vpcd.transmit = (TransmitFn) dlsym (vpcd_handle, "IFDHTransmitToICC");
  vpcd.control = (ControlFn) dlsym (vpcd_handle, "IFDHControl");
  vpcd.presence = (LunFn) dlsym (vpcd_handle, "IFDHICCPresence");
  if (vpcd.create == NULL || vpcd.close == NULL || vpcd.get_caps == NULL || vpcd.set_caps == NULL
      || vpcd.power == NULL || vpcd.transmit == NULL || vpcd.control == NULL || vpcd.presence == NULL)
    {
      log_error ("vpcd's driver lacks an IFDH entry point");
      dlclose (vpcd_handle);
      vpcd_handle = NULL;
    }
out:
  /* The mapping keeps the memfd's pages; the descriptors can go. */
  if (in >= 0)
    close (in);
  if (mem >= 0)
    close (mem);
}

static int
loaded (void)
{
  pthread_once (&load_once, load_vpcd);
  return vpcd_handle != NULL;
}

/* The slot's state, made on first use; NULL when all are taken. Called
 * under luns_lock. */
static LunState *
lun_state (DWORD lun)
{
  for (int i = 0; i < MAX_LUNS; i++)
    if (luns[i].used && luns[i].lun == lun)
      return &luns[i];
  for (int i = 0; i < MAX_LUNS; i++)
    if (!luns[i].used)
      {
        luns[i] = (LunState) { .lun = lun, .used = 1, .last = IFD_ICC_NOT_PRESENT };
        return &luns[i];
      }
  return NULL;
}

static void
lun_reset (DWORD lun)
{
  LunState *s;

  pthread_mutex_lock (&luns_lock);
  s = lun_state (lun);
  if (s != NULL)
    {
      s->last = IFD_ICC_NOT_PRESENT;
      s->stop = 0;
    }
  pthread_mutex_unlock (&luns_lock);
}

static RESPONSECODE
presence_locked (DWORD lun)
{
  RESPONSECODE rv;

  pthread_mutex_lock (&vpcd_lock);
  rv = vpcd.presence (lun);
  pthread_mutex_unlock (&vpcd_lock);
  return rv;
}

/* ---- The polling thread pcscd runs ---------------------------------- */

/* pcscd's event thread calls this in a loop, with a timeout in ms (10
 * minutes, or 5 s while a powered card waits to be powered down). It
 * returns when the card is not what pcscd last heard, when the timeout
 * passes, or when pcscd asks it to (evented_stop_polling); IFD_SUCCESS in
 * all three, so that pcscd looks at once (any other answer makes it
 * sleep 400 ms). */
static RESPONSECODE
evented_polling (DWORD lun,
                 int   timeout_ms)
{
  struct timespec now, end;

  clock_gettime (CLOCK_MONOTONIC, &end);
  end.tv_sec += timeout_ms / 1000;
  end.tv_nsec += (long) (timeout_ms % 1000) * 1000000L;
  if (end.tv_nsec >= 1000000000L)
    {
      end.tv_sec++;
      end.tv_nsec -= 1000000000L;
    }
  for (;;)
    {
      RESPONSECODE seen = presence_locked (lun);
      int changed = 0, stop = 1;
      LunState *s;

      pthread_mutex_lock (&luns_lock);
      s = lun_state (lun);
      if (s != NULL)
        {
          /* An error is news too: pcscd marks the reader unknown. */
          changed = seen != s->last;
          stop = s->stop;
          /* One stop, one return: pcscd asks it not only to end the
           * thread but at each last SCardDisconnect(), to call again
           * with the grace-period timeout. Left set, every later call
           * would return at once and pcscd's thread would spin. */
          s->stop = 0;
        }
      pthread_mutex_unlock (&luns_lock);
      if (changed || stop)
        return IFD_SUCCESS;

      clock_gettime (CLOCK_MONOTONIC, &now);
      if (now.tv_sec > end.tv_sec || (now.tv_sec == end.tv_sec && now.tv_nsec >= end.tv_nsec))
        return IFD_SUCCESS;
      usleep (POLL_US);
    }
}

/* pcscd 1.9.9 calls this when it removes the reader (then joins the
 * thread) and when the last client disconnects from the card (so that
 * the next call waits with the grace-period timeout): the current or
 * next polling call returns once, as CCID's IFDHStopPolling cancels the
 * interrupt transfer in progress. */
static RESPONSECODE
evented_stop_polling (DWORD lun)
{
  LunState *s;

  pthread_mutex_lock (&luns_lock);
  s = lun_state (lun);
  if (s != NULL)
    s->stop = 1;
  pthread_mutex_unlock (&luns_lock);
  return IFD_SUCCESS;
}

/* ---- IFD handler 3.0, forwarded to vpcd ----------------------------- */

EXPORT RESPONSECODE
IFDHCreateChannelByName (DWORD Lun,
                         LPSTR DeviceName)
{
  RESPONSECODE rv;

  if (!loaded ())
    return IFD_COMMUNICATION_ERROR;
  /* A reader pcscd's hot-plug added (tests/common/fake-udev.c) is named
   * "usb:VID/PID:libudev:N:NODE": vpcd wants NODE, "/dev/null:0xPORT". */
  if (strncmp (DeviceName, "usb:", 4) == 0)
    {
      char *udev = strstr (DeviceName, ":libudev:");
      char *node = udev != NULL ? strchr (udev + strlen (":libudev:"), ':') : NULL;

      if (node == NULL)
        return IFD_NO_SUCH_DEVICE;
      DeviceName = node + 1;
    }
  lun_reset (Lun);
  pthread_mutex_lock (&vpcd_lock);
  rv = vpcd.create_by_name != NULL ? vpcd.create_by_name (Lun, DeviceName) : IFD_COMMUNICATION_ERROR;
  pthread_mutex_unlock (&vpcd_lock);
  return rv;
}

EXPORT RESPONSECODE
IFDHCreateChannel (DWORD Lun,
                   DWORD Channel)
{
  RESPONSECODE rv;

  if (!loaded ())
    return IFD_COMMUNICATION_ERROR;
  lun_reset (Lun);
  pthread_mutex_lock (&vpcd_lock);
  rv = vpcd.create (Lun, Channel);
  pthread_mutex_unlock (&vpcd_lock);
  return rv;
}

EXPORT RESPONSECODE
IFDHCloseChannel (DWORD Lun)
{
  RESPONSECODE rv;

  if (!loaded ())
    return IFD_COMMUNICATION_ERROR;
  pthread_mutex_lock (&vpcd_lock);
  rv = vpcd.close (Lun);
  pthread_mutex_unlock (&vpcd_lock);
  return rv;
}

EXPORT RESPONSECODE
IFDHGetCapabilities (DWORD  Lun,
                     DWORD  Tag,
                     PDWORD Length,
                     PUCHAR Value)
{
  RESPONSECODE rv;

  if (!loaded ())
    return IFD_COMMUNICATION_ERROR;
  switch (Tag)
    {
    case TAG_IFD_POLLING_THREAD_WITH_TIMEOUT:
      {
        RESPONSECODE (*fn) (DWORD, int) = evented_polling;

        if (*Length < sizeof fn)
          return IFD_ERROR_INSUFFICIENT_BUFFER;
        memcpy (Value, &fn, sizeof fn);
        *Length = sizeof fn;
        return IFD_SUCCESS;
      }
    case TAG_IFD_STOP_POLLING_THREAD:
      {
        RESPONSECODE (*fn) (DWORD) = evented_stop_polling;

        if (*Length < sizeof fn)
          return IFD_ERROR_INSUFFICIENT_BUFFER;
        memcpy (Value, &fn, sizeof fn);
        *Length = sizeof fn;
        return IFD_SUCCESS;
      }
    case TAG_IFD_POLLING_THREAD_KILLABLE:
      /* Not killable: it may hold vpcd_lock (see the header comment). */
      if (*Length < 1)
        return IFD_ERROR_INSUFFICIENT_BUFFER;
      Value[0] = 0;
      *Length = 1;
      return IFD_SUCCESS;
    default:
      break;
    }
  pthread_mutex_lock (&vpcd_lock);
  rv = vpcd.get_caps (Lun, Tag, Length, Value);
  pthread_mutex_unlock (&vpcd_lock);
  return rv;
}

EXPORT RESPONSECODE
IFDHSetCapabilities (DWORD  Lun,
                     DWORD  Tag,
                     DWORD  Length,
                     PUCHAR Value)
{
  RESPONSECODE rv;

  if (!loaded ())
    return IFD_COMMUNICATION_ERROR;
  pthread_mutex_lock (&vpcd_lock);
  rv = vpcd.set_caps (Lun, Tag, Length, Value);
  pthread_mutex_unlock (&vpcd_lock);
  return rv;
}

EXPORT RESPONSECODE
IFDHSetProtocolParameters (DWORD Lun,
                           DWORD Protocol,
                           UCHAR Flags,
                           UCHAR PTS1,
                           UCHAR PTS2,
                           UCHAR PTS3)
{
  RESPONSECODE rv;

  if (!loaded ())
    return IFD_COMMUNICATION_ERROR;
  /* Optional in the IFD handler API: pcscd carries on without it. */
  if (vpcd.set_proto == NULL)
    return IFD_NOT_SUPPORTED;
  pthread_mutex_lock (&vpcd_lock);
  rv = vpcd.set_proto (Lun, Protocol, Flags, PTS1, PTS2, PTS3);
  pthread_mutex_unlock (&vpcd_lock);
  return rv;
}

EXPORT RESPONSECODE
IFDHPowerICC (DWORD  Lun,
              DWORD  Action,
              PUCHAR Atr,
              PDWORD AtrLength)
{
  RESPONSECODE rv;

  if (!loaded ())
    return IFD_COMMUNICATION_ERROR;
  pthread_mutex_lock (&vpcd_lock);
  rv = vpcd.power (Lun, Action, Atr, AtrLength);
  pthread_mutex_unlock (&vpcd_lock);
  return rv;
}

EXPORT RESPONSECODE
IFDHTransmitToICC (DWORD            Lun,
                   SCARD_IO_HEADER  SendPci,
                   PUCHAR           TxBuffer,
                   DWORD            TxLength,
                   PUCHAR           RxBuffer,
                   PDWORD           RxLength,
                   PSCARD_IO_HEADER RecvPci)
{
  RESPONSECODE rv;

  if (!loaded ())
    return IFD_COMMUNICATION_ERROR;
  pthread_mutex_lock (&vpcd_lock);
  rv = vpcd.transmit (Lun, SendPci, TxBuffer, TxLength, RxBuffer, RxLength, RecvPci);
  pthread_mutex_unlock (&vpcd_lock);
  return rv;
}

EXPORT RESPONSECODE
IFDHControl (DWORD   Lun,
             DWORD   dwControlCode,
             PUCHAR  TxBuffer,
             DWORD   TxLength,
             PUCHAR  RxBuffer,
             DWORD   RxLength,
             LPDWORD pdwBytesReturned)
{
  RESPONSECODE rv;

  if (!loaded ())
    return IFD_COMMUNICATION_ERROR;
  pthread_mutex_lock (&vpcd_lock);
  rv = vpcd.control (Lun, dwControlCode, TxBuffer, TxLength, RxBuffer, RxLength, pdwBytesReturned);
  pthread_mutex_unlock (&vpcd_lock);
  return rv;
}

/* pcscd's view of the card: what the polling function compares with. */
EXPORT RESPONSECODE
IFDHICCPresence (DWORD Lun)
{
  RESPONSECODE rv;
  LunState *s;

  if (!loaded ())
    return IFD_COMMUNICATION_ERROR;
  rv = presence_locked (Lun);
  pthread_mutex_lock (&luns_lock);
  s = lun_state (Lun);
  if (s != NULL)
    s->last = rv;
  pthread_mutex_unlock (&luns_lock);
  return rv;
}
