/* cd-test-pcscd.c
 *
 * pcscd 1.9.9 takes the socket path only from its build (the client
 * library honours PCSCLITE_CSOCK_NAME, the daemon does not), but it
 * accepts a listening socket from systemd (LISTEN_FDS/LISTEN_PID, "Started
 * by systemd" in its log): this file makes the socket in a private folder
 * and hands it over the same way, so the test daemon never takes or
 * removes the machine's /run/pcscd/pcscd.comm. It still writes (as root)
 * and removes /run/pcscd/pcscd.pid, which only `pcscd --hotplug` reads.
 *
 * vpcd readers are declared in a reader.conf.d file (-c): each waits for
 * a card on TCP port CHANNELID (and CHANNELID + 1 for its second slot);
 * a card is present while a client is connected there. pcscd polls vpcd
 * for the card every 400 ms (vpcd has no event thread of its own), so an
 * insertion is seen 0–400 ms after it happens: that is pcscd's share of
 * the latency, measured apart by the bench. The evented reader is the
 * same vpcd behind tests/common/ifd-evented.c, which gives pcscd a
 * polling thread as a USB CCID reader's driver does: pcscd sees its card
 * within ~10 ms. Both can run in one daemon, each on its own ports.
 *
 * The hot-plugged reader is the evented one as a USB reader: pcscd 1.9.9
 * reads reader.conf.d once (SIGUSR1 and `pcscd --hotplug` re-read nothing
 * in Debian's libudev build) and adds readers at run time only when udev
 * says a USB device with a known driver came. tests/common/fake-udev.c,
 * preloaded into this pcscd alone, is that udev and points pcscd's driver
 * folder at a private bundle whose Info.plist names ifd-evented for a
 * made-up vendor and product; cd_test_pcscd_plug() sends it "add PORT".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <glib/gstdio.h>
#include <winscard.h>

#include "cd-test-pcscd.h"
#include "cd-test-util.h"

#define VPCD_DRIVER "/usr/lib/pcsc/drivers/serial/libifdvpcd.so"
#define FRIENDLY_NAME "CertDesk Test PCD"
#define EVENTED_NAME "CertDesk Evented PCD"
#define HOTPLUG_NAME "CertDesk USB PCD"
#define N_KINDS 3
/* The udev socket's number in pcscd (3 is the listening socket). */
#define UDEV_FD 4
#define READY_US (10 * G_TIME_SPAN_SECOND)
/* Where Debian 12's python3-virtualsmartcard puts its package: not on
 * python3's path (it looks in dist-packages), so vicc cannot import it. */
#define VICC_PYTHONPATH "/usr/lib/python3/site-packages/virtualsmartcard"

/* One reader of the daemon. */
typedef struct {
  CdTestReaders kind;
  char         *name;
  guint16       port;
} Reader;

struct _CdTestPcscd
{
  char        *dir;
  char        *socket_path;
  Reader       readers[N_KINDS];   /* in start order; kind 0 past the last */
  GSubprocess *daemon;
  int          udev_fd;            /* ours, to fake-udev in pcscd; or -1 */
};

struct _CdTestCard
{
  int      fd;
  GThread *thread;
  guint    apdus;   /* atomic */
};

/* ---- What is installed --------------------------------------------- */

static char *
pcscd_path (void)
{
  char *p = g_find_program_in_path ("pcscd");

  if (p == NULL && g_file_test ("/usr/sbin/pcscd", G_FILE_TEST_IS_EXECUTABLE))
    p = g_strdup ("/usr/sbin/pcscd");
  return p;
}

gboolean
cd_test_pcscd_available (char **why_missing)
{
  g_autofree char *pcscd = pcscd_path ();

  if (pcscd == NULL)
    {
      *why_missing = g_strdup ("pcscd is not installed (apt install pcscd)");
      return FALSE;
    }
  if (!g_file_test (VPCD_DRIVER, G_FILE_TEST_EXISTS))
    {
      *why_missing = g_strdup ("the vpcd reader driver is not installed (apt install vsmartcard-vpcd)");
      return FALSE;
    }
  return TRUE;
}

gboolean
cd_test_vicc_available (char **why_missing)
{
  g_autofree char *vicc = g_find_program_in_path ("vicc");

  if (vicc == NULL)
    {
      *why_missing = g_strdup ("vicc is not installed (apt install vsmartcard-vpicc)");
      return FALSE;
    }
  return TRUE;
}

/* ---- The daemon ---------------------------------------------------- */

/* The children die with this process even when a test aborts. */
static void
child_setup (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
port_free (guint16 port)
{
  struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons (port) };
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  gboolean ok;

  ok = fd >= 0 && bind (fd, (struct sockaddr *) &a, sizeof a) == 0;
  if (fd >= 0)
    close (fd);
  return ok;
}

/* A port p with p and p + 1 free (vpcd's two slots). */
static guint16
free_port_pair (void)
{
  for (int tries = 0; tries < 50; tries++)
    {
      struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = 0 };
      socklen_t len = sizeof a;
      int fd = socket (AF_INET, SOCK_STREAM, 0);
      guint16 port = 0;

      if (fd < 0)
        return 0;
      if (bind (fd, (struct sockaddr *) &a, sizeof a) == 0
          && getsockname (fd, (struct sockaddr *) &a, &len) == 0)
        port = ntohs (a.sin_port);
      close (fd);
      if (port != 0 && port < G_MAXUINT16 && port_free (port) && port_free (port + 1))
        return port;
    }
  return 0;
}

static int
listen_unix (const char *path,
             GError    **error)
{
  struct sockaddr_un a = { .sun_family = AF_UNIX };
  int fd;

  if (strlen (path) >= sizeof a.sun_path)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FILENAME_TOO_LONG, "socket path too long: %s", path);
      return -1;
    }
  strcpy (a.sun_path, path);
  fd = socket (AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0 || bind (fd, (struct sockaddr *) &a, sizeof a) != 0 || listen (fd, 16) != 0)
    {
      int e = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (e), "socket %s: %s", path, g_strerror (e));
      return -1;
    }
  return fd;
}

/* Whether pcscd lists @reader (answers at all, for NULL). */
static gboolean
lists_reader (const char *reader)
{
  SCARDCONTEXT ctx;
  g_autofree char *buf = NULL;
  DWORD len = 0;
  gboolean found = FALSE;

  if (SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &ctx) != SCARD_S_SUCCESS)
    return FALSE;
  found = reader == NULL;
  if (reader != NULL && SCardListReaders (ctx, NULL, NULL, &len) == SCARD_S_SUCCESS && len > 1)
    {
      buf = g_malloc0 (len + 1);
      if (SCardListReaders (ctx, NULL, buf, &len) == SCARD_S_SUCCESS)
        for (const char *r = buf; *r != '\0'; r += strlen (r) + 1)
          found = found || g_strcmp0 (r, reader) == 0;
    }
  SCardReleaseContext (ctx);
  return found;
}

char *
cd_test_pcscd_get_log (CdTestPcscd *self)
{
  g_autofree char *path = g_build_filename (self->dir, "pcscd.log", NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    text = g_strdup ("(no log)");
  return text;
}

/* The private driver folder fake-udev shows pcscd: one bundle, the
 * evented driver for CD_FAKE_VID:CD_FAKE_PID. */
static gboolean
make_bundle (const char *drivers,
             GError    **error)
{
  g_autofree char *contents = g_build_filename (drivers, "certdesk-usb.bundle", "Contents", NULL);
  g_autofree char *arch = g_build_filename (contents, "Linux", NULL);
  g_autofree char *plist = g_build_filename (contents, "Info.plist", NULL);
  g_autofree char *lib = g_build_filename (arch, "ifd-evented.so", NULL);
  g_autofree char *text = NULL;

  if (g_mkdir_with_parents (arch, 0700) != 0 || symlink (CD_TEST_IFD_EVENTED, lib) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot make the driver bundle");
      return FALSE;
    }
  text = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<plist version=\"1.0\">\n<dict>\n"
                          "\t<key>CFBundleExecutable</key>\n\t<string>ifd-evented.so</string>\n"
                          "\t<key>ifdVendorID</key>\n\t<array><string>0x%s</string></array>\n"
                          "\t<key>ifdProductID</key>\n\t<array><string>0x%s</string></array>\n"
                          "\t<key>ifdFriendlyName</key>\n\t<array><string>%s</string></array>\n"
                          "</dict>\n</plist>\n", CD_FAKE_VID, CD_FAKE_PID, HOTPLUG_NAME);
  return g_file_set_contents (plist, text, -1, error);
}

/* Writes @r's reader.conf.d file (not for the hot-plugged one); FALSE
 * when no port is free. */
static gboolean
declare_reader (const char *conf_dir,
                Reader     *r,
                GError    **error)
{
  gboolean evented = r->kind == CD_TEST_READER_EVENTED;
  const char *friendly = evented ? EVENTED_NAME : FRIENDLY_NAME;
  g_autofree char *path = g_build_filename (conf_dir, evented ? "evented" : "vpcd", NULL);
  g_autofree char *conf = NULL;

  r->port = free_port_pair ();
  if (r->port == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no free port pair for vpcd");
      return FALSE;
    }
  /* pcscd numbers readers per friendly name and driver: each is "00 00". */
  if (r->kind == CD_TEST_READER_HOTPLUG)
    {
      r->name = g_strdup_printf ("%s 00 00", HOTPLUG_NAME);
      return TRUE;
    }
  r->name = g_strdup_printf ("%s 00 00", friendly);
  conf = g_strdup_printf ("FRIENDLYNAME \"%s\"\n"
                          "DEVICENAME   /dev/null:0x%04X\n"
                          "LIBPATH      %s\n"
                          "CHANNELID    0x%04X\n",
                          friendly, r->port, evented ? CD_TEST_IFD_EVENTED : VPCD_DRIVER, r->port);
  return g_file_set_contents (path, conf, -1, error);
}

CdTestPcscd *
cd_test_pcscd_start (GError **error)
{
  return cd_test_pcscd_start_full (CD_TEST_READER_POLLED, error);
}

CdTestPcscd *
cd_test_pcscd_start_full (CdTestReaders readers,
                          GError      **error)
{
  g_autoptr(GSubprocessLauncher) l = NULL;
  g_autofree char *pcscd = pcscd_path ();
  g_autofree char *conf_dir = NULL;
  g_autofree char *log = NULL;
  CdTestPcscd *self;
  gint64 deadline;
  guint n = 0;
  int fd;

  g_return_val_if_fail (readers != 0, NULL);
  g_return_val_if_fail ((readers & (CD_TEST_READER_EVENTED | CD_TEST_READER_HOTPLUG))
                        != (CD_TEST_READER_EVENTED | CD_TEST_READER_HOTPLUG), NULL);
  if (pcscd == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "pcscd is not installed");
      return NULL;
    }
  if ((readers & (CD_TEST_READER_EVENTED | CD_TEST_READER_HOTPLUG)) && !g_file_test (CD_TEST_IFD_EVENTED, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s is not built", CD_TEST_IFD_EVENTED);
      return NULL;
    }
  if ((readers & CD_TEST_READER_HOTPLUG) && !g_file_test (CD_TEST_FAKE_UDEV, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s is not built", CD_TEST_FAKE_UDEV);
      return NULL;
    }
  self = g_new0 (CdTestPcscd, 1);
  self->udev_fd = -1;
  self->dir = cd_test_tmpdir ();
  self->socket_path = g_build_filename (self->dir, "pcscd.comm", NULL);
  conf_dir = g_build_filename (self->dir, "reader.conf.d", NULL);
  log = g_build_filename (self->dir, "pcscd.log", NULL);
  if (g_mkdir (conf_dir, 0700) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot prepare pcscd's folder");
      cd_test_pcscd_stop (self);
      return NULL;
    }
  if (readers & CD_TEST_READER_POLLED)
    self->readers[n++].kind = CD_TEST_READER_POLLED;
  if (readers & CD_TEST_READER_EVENTED)
    self->readers[n++].kind = CD_TEST_READER_EVENTED;
  if (readers & CD_TEST_READER_HOTPLUG)
    self->readers[n++].kind = CD_TEST_READER_HOTPLUG;
  for (guint i = 0; i < n; i++)
    if (!declare_reader (conf_dir, &self->readers[i], error))
      {
        cd_test_pcscd_stop (self);
        return NULL;
      }

  fd = listen_unix (self->socket_path, error);
  if (fd < 0)
    {
      cd_test_pcscd_stop (self);
      return NULL;
    }
  /* This process's PC/SC calls go to the private daemon. */
  g_setenv ("PCSCLITE_CSOCK_NAME", self->socket_path, TRUE);

  l = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_INHERIT);
  g_subprocess_launcher_set_stdout_file_path (l, log);
  g_subprocess_launcher_set_stderr_file_path (l, log);
  g_subprocess_launcher_take_fd (l, fd, 3);
  g_subprocess_launcher_setenv (l, "LISTEN_FDS", "1", TRUE);
  g_subprocess_launcher_set_child_setup (l, child_setup, NULL, NULL);
  if (readers & CD_TEST_READER_HOTPLUG)
    {
      g_autofree char *drivers = g_build_filename (self->dir, "drivers", NULL);
      int pair[2];

      if (!make_bundle (drivers, error))
        {
          cd_test_pcscd_stop (self);
          return NULL;
        }
      if (socketpair (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, pair) != 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "socketpair: %s",
                       g_strerror (errno));
          cd_test_pcscd_stop (self);
          return NULL;
        }
      self->udev_fd = pair[0];
      g_subprocess_launcher_take_fd (l, pair[1], UDEV_FD);
      g_subprocess_launcher_setenv (l, "LD_PRELOAD", CD_TEST_FAKE_UDEV, TRUE);
      g_subprocess_launcher_setenv (l, "CD_FAKE_UDEV_DROPDIR", drivers, TRUE);
      g_subprocess_launcher_setenv (l, "CD_FAKE_UDEV_FD", G_STRINGIFY (UDEV_FD), TRUE);
    }
  /* LISTEN_PID must be pcscd's own pid: the shell's, kept by exec.
   * --auto-exit ends a daemon a crashed test left behind; --info logs
   * which readers use their driver's polling thread. */
  self->daemon = g_subprocess_launcher_spawn (l, error, "/bin/sh", "-c",
                                              "LISTEN_PID=$$; export LISTEN_PID; exec \"$0\" \"$@\"",
                                              pcscd, "--foreground", "--auto-exit", "--info",
                                              "--config", conf_dir, NULL);
  if (self->daemon == NULL)
    {
      cd_test_pcscd_stop (self);
      return NULL;
    }

  /* The daemon is ready when it lists the readers (vpcd then listens),
   * or answers at all: its hot-plug thread is started before. */
  deadline = g_get_monotonic_time () + READY_US;
  for (guint i = 0; i <= n; i++)
    while (i < n ? self->readers[i].kind != CD_TEST_READER_HOTPLUG && !lists_reader (self->readers[i].name)
                 : !lists_reader (NULL))
      {
        if (g_get_monotonic_time () > deadline || g_subprocess_get_identifier (self->daemon) == NULL)
          {
            g_autofree char *text = cd_test_pcscd_get_log (self);
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                         "pcscd did not list %s within 10 s; its log:\n%s",
                         i < n ? self->readers[i].name : "(anything)", text);
            cd_test_pcscd_stop (self);
            return NULL;
          }
        g_usleep (20 * G_TIME_SPAN_MILLISECOND);
      }
  return self;
}

double
cd_test_pcscd_get_cpu_seconds (CdTestPcscd *self)
{
  const char *pid = g_subprocess_get_identifier (self->daemon);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (pid == NULL)
    return -1;
  /* The shell exec'd pcscd: its pid is pcscd's. */
  path = g_strdup_printf ("/proc/%s/stat", pid);
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return -1;
  /* After "pid (comm) ": state is field 3, utime 14, stime 15. */
  after = strrchr (text, ')');
  if (after == NULL)
    return -1;
  fields = g_strsplit (after + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return -1;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}

static Reader *
find_reader (CdTestPcscd  *self,
             CdTestReaders which)
{
  for (guint i = 0; i < N_KINDS; i++)
    if (self->readers[i].kind == which)
      return &self->readers[i];
  g_error ("the private pcscd was not started with reader kind %d", which);
}

const char *
cd_test_pcscd_reader (CdTestPcscd *self)
{
  return self->readers[0].name;
}

guint16
cd_test_pcscd_port (CdTestPcscd *self)
{
  return self->readers[0].port;
}

const char *
cd_test_pcscd_reader_of (CdTestPcscd  *self,
                         CdTestReaders which)
{
  return find_reader (self, which)->name;
}

guint16
cd_test_pcscd_port_of (CdTestPcscd  *self,
                       CdTestReaders which)
{
  return find_reader (self, which)->port;
}

/* Whether pcscd has looked at @reader's slot (it says empty or present):
 * it lists a reader before its driver opened it (vpcd listens then). */
static gboolean
reader_ready (const char *reader)
{
  SCARDCONTEXT ctx;
  SCARD_READERSTATE st = { 0 };
  gboolean ready;

  if (SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &ctx) != SCARD_S_SUCCESS)
    return FALSE;
  st.szReader = reader;
  st.dwCurrentState = SCARD_STATE_UNAWARE;
  ready = SCardGetStatusChange (ctx, 0, &st, 1) == SCARD_S_SUCCESS
          && (st.dwEventState & (SCARD_STATE_EMPTY | SCARD_STATE_PRESENT));
  SCardReleaseContext (ctx);
  return ready;
}

gboolean
cd_test_pcscd_plug (CdTestPcscd *self,
                    gboolean     in,
                    GError     **error)
{
  g_autofree char *msg = NULL;

  g_return_val_if_fail (self->udev_fd >= 0, FALSE);
  msg = g_strdup_printf ("%s %u", in ? "add" : "remove", find_reader (self, CD_TEST_READER_HOTPLUG)->port);
  if (send (self->udev_fd, msg, strlen (msg), MSG_NOSIGNAL) != (ssize_t) strlen (msg))
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "cannot tell pcscd: %s",
                   g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
cd_test_pcscd_wait_listed (CdTestPcscd  *self,
                           CdTestReaders which,
                           gboolean      listed,
                           guint         ms)
{
  const char *name = find_reader (self, which)->name;
  /* vpcd has two slots, pcscd adds them one after the other: "… 00 01"
   * is the last to come and to go. */
  g_autofree char *stem = g_strndup (name, strlen (name) - 1);
  g_autofree char *second = g_strconcat (stem, "1", NULL);
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * G_TIME_SPAN_MILLISECOND;

  while (listed ? !reader_ready (name) || !reader_ready (second) : lists_reader (name) || lists_reader (second))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
    }
  return TRUE;
}

gint64
cd_test_pcscd_wait_card (SCARDCONTEXT       ctx,
                         SCARD_READERSTATE *st,
                         gboolean           present,
                         guint              ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * G_TIME_SPAN_MILLISECOND;

  while (!!(st->dwEventState & SCARD_STATE_PRESENT) != present)
    {
      gint64 left = (end - g_get_monotonic_time ()) / 1000;

      g_assert_cmpint (left, >, 0);
      g_assert_cmpint (SCardGetStatusChange (ctx, (DWORD) left, st, 1), ==, SCARD_S_SUCCESS);
      st->dwCurrentState = st->dwEventState & ~SCARD_STATE_CHANGED;
    }
  return g_get_monotonic_time ();
}

static void
waited_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) data = TRUE;
}

/* SIGTERM, then SIGKILL if it is still there after 2 s. */
static void
end_process (GSubprocess *p)
{
  gboolean done = FALSE, late = FALSE;
  guint timer;

  if (p == NULL)
    return;
  g_subprocess_send_signal (p, SIGTERM);
  g_subprocess_wait_async (p, NULL, waited_cb, &done);
  timer = g_timeout_add (2000, cd_test_flag_cb, &late);
  while (!done && !late)
    g_main_context_iteration (NULL, TRUE);
  if (!late)
    g_source_remove (timer);
  if (!done)
    {
      g_subprocess_force_exit (p);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
    }
}

void
cd_test_pcscd_stop (CdTestPcscd *self)
{
  if (self == NULL)
    return;
  end_process (self->daemon);
  g_clear_object (&self->daemon);
  if (self->udev_fd >= 0)
    close (self->udev_fd);
  cd_test_rm_rf (self->dir);
  g_free (self->dir);
  g_free (self->socket_path);
  for (guint i = 0; i < N_KINDS; i++)
    g_free (self->readers[i].name);
  g_free (self);
}

/* ---- Cards --------------------------------------------------------- */

GSubprocess *
cd_test_vicc_insert (CdTestPcscd *self,
                     GError     **error)
{
  g_autoptr(GSubprocessLauncher) l = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_INHERIT);
  g_autofree char *shim_dir = g_build_filename (self->dir, "vicc-python", NULL);
  g_autofree char *shim = g_build_filename (shim_dir, "sha.py", NULL);
  g_autofree char *log = g_build_filename (self->dir, "vicc.log", NULL);
  g_autofree char *port = g_strdup_printf ("%u", cd_test_pcscd_port (self));
  g_autofree char *path = NULL;
  const char *old = g_getenv ("PYTHONPATH");

  /* vicc's crypto module falls back to Python 2's "sha" module when
   * PyCrypto is missing (Debian 12 has only pycryptodome's Cryptodome):
   * give it one. The ISO 7816 card it plays never uses it. */
  if (g_mkdir_with_parents (shim_dir, 0700) != 0
      || !g_file_set_contents (shim, "from hashlib import sha1 as new\n", -1, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write vicc's shim");
      return NULL;
    }
  path = g_strjoin (":", VICC_PYTHONPATH, shim_dir, old, NULL);
  g_subprocess_launcher_setenv (l, "PYTHONPATH", path, TRUE);
  g_subprocess_launcher_set_stdout_file_path (l, log);
  g_subprocess_launcher_set_stderr_file_path (l, log);
  g_subprocess_launcher_set_child_setup (l, child_setup, NULL, NULL);
  return g_subprocess_launcher_spawn (l, error, "vicc", "--type", "iso7816",
                                      "--hostname", "127.0.0.1", "--port", port, NULL);
}

static gboolean
read_full (int     fd,
           guint8 *buf,
           gsize   n)
{
  while (n > 0)
    {
      ssize_t r = recv (fd, buf, n, 0);
      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        return FALSE;
      buf += r;
      n -= (gsize) r;
    }
  return TRUE;
}

static gboolean
send_message (int           fd,
              const guint8 *data,
              guint16       len)
{
  guint8 msg[2 + 64];

  g_assert (len <= 64);
  msg[0] = len >> 8;
  msg[1] = len & 0xff;
  memcpy (msg + 2, data, len);
  return send (fd, msg, 2 + len, MSG_NOSIGNAL) == 2 + len;
}

/* vpcd → card: a 2-byte big-endian length, then either one control byte
 * (0 off, 1 on, 2 reset, 4 "your ATR?") or a command APDU. */
static gpointer
card_thread (gpointer data)
{
  CdTestCard *card = data;
  /* vicc's ISO 7816 card's ATR. */
  static const guint8 atr[] = { 0x3B, 0x95, 0x13, 0x81, 0x01, 0x80, 0x73, 0xFF, 0x01, 0x00, 0x0B };
  static const guint8 ins_not_supported[] = { 0x6D, 0x00 };

  for (;;)
    {
      guint8 head[2];
      g_autofree guint8 *body = NULL;
      guint16 len;
      int one = 1;

      /* vpcd writes the length and the APDU in two send()s without
       * TCP_NODELAY: Nagle holds the APDU until the length is acknowledged,
       * and a delayed ACK here would add 40 ms to every APDU (vicc has
       * that cost: ~50 ms an APDU, a real reader ~1–10). Linux clears
       * QUICKACK by itself, so it is set before each read. */
      setsockopt (card->fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
      if (!read_full (card->fd, head, 2))
        break;
      len = (guint16) (head[0] << 8 | head[1]);
      body = g_malloc (len + 1);
      setsockopt (card->fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
      if (!read_full (card->fd, body, len))
        break;
      if (len == 1)
        {
          if (body[0] == 4 && !send_message (card->fd, atr, sizeof atr))
            break;
        }
      else
        {
          g_atomic_int_inc ((gint *) &card->apdus);
          if (!send_message (card->fd, ins_not_supported, sizeof ins_not_supported))
            break;
        }
    }
  return NULL;
}

CdTestCard *
cd_test_card_insert (guint16  port,
                     GError **error)
{
  struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons (port) };
  CdTestCard *card;
  int one = 1;
  int fd;

  a.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  fd = socket (AF_INET, SOCK_STREAM, 0);
  if (fd < 0 || connect (fd, (struct sockaddr *) &a, sizeof a) != 0)
    {
      int e = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (e), "cannot reach vpcd on port %u: %s",
                   port, g_strerror (e));
      return NULL;
    }
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  card = g_new0 (CdTestCard, 1);
  card->fd = fd;
  card->thread = g_thread_new ("cd-test-card", card_thread, card);
  return card;
}

guint
cd_test_card_get_apdus (CdTestCard *card)
{
  return (guint) g_atomic_int_get ((gint *) &card->apdus);
}

void
cd_test_card_remove (CdTestCard *card)
{
  if (card == NULL)
    return;
  shutdown (card->fd, SHUT_RDWR);
  g_thread_join (card->thread);
  close (card->fd);
  g_free (card);
}
