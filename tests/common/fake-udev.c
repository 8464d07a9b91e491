/* fake-udev.c — a USB bus for the tests' pcscd: readers plugged in and out
 * at run time
 *
 * pcscd 1.9.9 adds a reader at run time only through udev: Debian's build
 * uses libudev for hot-plug (hotplug_libudev.c), whose SIGUSR1 handler
 * (HPReCheckSerialReaders) does nothing, and reader.conf.d is read once at
 * start (RFReCheckReaderConf is only called by the libusb build). A USB
 * token is exactly that path: udev says "add", pcscd finds the driver
 * bundle whose Info.plist lists the device's vendor and product and calls
 * RFAddReader(). This machine has no USB bus, so this module, preloaded
 * into the private pcscd only (LD_PRELOAD, set by cd-test-pcscd.c), plays
 * udev's part and the driver folder's:
 *
 *   - opendir() of pcscd's driver folder (PCSCLITE_HP_DROPDIR) opens
 *     $CD_FAKE_UDEV_DROPDIR instead, and readdir() names its bundles by a
 *     path relative to the real folder ("../../../../tmp/…/x.bundle"):
 *     pcscd builds the Info.plist and library paths from both, and they
 *     resolve to the private bundle;
 *   - the udev monitor's descriptor is $CD_FAKE_UDEV_FD, a datagram
 *     socket: each message "add PORT" or "remove PORT" is one device
 *     plugged in or out, vendor CD_FAKE_VID, product CD_FAKE_PID, its
 *     device node "/dev/null:0xPORT" (the part of pcscd's device name
 *     "usb:VID/PID:libudev:0:NODE" that tests/common/ifd-evented.c hands
 *     vpcd: the TCP port the reader's card connects to);
 *   - the USB enumeration at start finds nothing.
 *
 * Everything else in pcscd is the real thing: the reader list, the
 * reader's driver and polling thread, the clients' "\\?PnP?\Notification".
 * Test-only, plain C: it runs inside pcscd, which is not instrumented.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
/* meson builds with -D_FILE_OFFSET_BITS=64, which renames readdir() to
 * readdir64() in <dirent.h>; pcscd calls readdir(). */
#undef _FILE_OFFSET_BITS
#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define EXPORT __attribute__ ((visibility ("default")))

/* Debian's pcscd (pcscd --version: usbdropdir). */
#define HP_DROPDIR "/usr/lib/pcsc/drivers"
/* From HP_DROPDIR back to "/". */
#define TO_ROOT "../../../.."

struct udev { int unused; };
struct udev_monitor { int fd; };
struct udev_enumerate { int unused; };
struct udev_list_entry;
struct udev_device {
  char action[16];
  char sysname[32];
  char devnode[32];
};

/* libudev.h's, for the functions pcscd calls (libudev-dev is not a build
 * dependency). */
struct udev *udev_new (void);
struct udev *udev_unref (struct udev *udev);
struct udev_monitor *udev_monitor_new_from_netlink (struct udev *udev, const char *name);
int udev_monitor_filter_add_match_subsystem_devtype (struct udev_monitor *m, const char *subsystem,
                                                     const char *devtype);
int udev_monitor_enable_receiving (struct udev_monitor *m);
int udev_monitor_get_fd (struct udev_monitor *m);
struct udev_device *udev_monitor_receive_device (struct udev_monitor *m);
struct udev_enumerate *udev_enumerate_new (struct udev *udev);
int udev_enumerate_add_match_subsystem (struct udev_enumerate *e, const char *subsystem);
int udev_enumerate_scan_devices (struct udev_enumerate *e);
struct udev_list_entry *udev_enumerate_get_list_entry (struct udev_enumerate *e);
struct udev_enumerate *udev_enumerate_unref (struct udev_enumerate *e);
struct udev_list_entry *udev_list_entry_get_next (struct udev_list_entry *entry);
const char *udev_list_entry_get_name (struct udev_list_entry *entry);
struct udev_device *udev_device_new_from_syspath (struct udev *udev, const char *syspath);
struct udev_device *udev_device_unref (struct udev_device *d);
const char *udev_device_get_action (struct udev_device *d);
const char *udev_device_get_sysname (struct udev_device *d);
const char *udev_device_get_devnode (struct udev_device *d);
struct udev_device *udev_device_get_parent_with_subsystem_devtype (struct udev_device *d,
                                                                  const char *subsystem,
                                                                  const char *devtype);
const char *udev_device_get_sysattr_value (struct udev_device *d, const char *name);

/* ---- The driver folder --------------------------------------------- */

static DIR *fake_dir;   /* the opendir() answered with the private folder */
static struct dirent fake_entry;

EXPORT DIR *
opendir (const char *name)
{
  static DIR *(*real) (const char *);
  const char *dropdir = getenv ("CD_FAKE_UDEV_DROPDIR");
  DIR *d;

  if (real == NULL)
    real = (DIR *(*) (const char *)) dlsym (RTLD_NEXT, "opendir");
  if (dropdir == NULL || strcmp (name, HP_DROPDIR) != 0)
    return real (name);
  d = real (dropdir);
  fake_dir = d;
  return d;
}

EXPORT struct dirent *
readdir (DIR *dir)
{
  static struct dirent *(*real) (DIR *);
  struct dirent *e;

  if (real == NULL)
    real = (struct dirent *(*) (DIR *)) dlsym (RTLD_NEXT, "readdir");
  e = real (dir);
  if (e == NULL || dir != fake_dir || strstr (e->d_name, ".bundle") == NULL)
    return e;
  fake_entry = *e;
  if (snprintf (fake_entry.d_name, sizeof fake_entry.d_name, "%s%s/%s", TO_ROOT,
                getenv ("CD_FAKE_UDEV_DROPDIR"), e->d_name) >= (int) sizeof fake_entry.d_name)
    {
      fprintf (stderr, "fake-udev: the bundle folder's path is too long\n");
      return e;
    }
  return &fake_entry;
}

EXPORT int
closedir (DIR *dir)
{
  static int (*real) (DIR *);

  if (real == NULL)
    real = (int (*) (DIR *)) dlsym (RTLD_NEXT, "closedir");
  if (dir == fake_dir)
    fake_dir = NULL;
  return real (dir);
}

/* ---- udev ---------------------------------------------------------- */

EXPORT struct udev *
udev_new (void)
{
  return calloc (1, sizeof (struct udev));
}

EXPORT struct udev *
udev_unref (struct udev *udev)
{
  free (udev);
  return NULL;
}

EXPORT struct udev_monitor *
udev_monitor_new_from_netlink (struct udev *udev,
                               const char  *name)
{
  const char *fd = getenv ("CD_FAKE_UDEV_FD");
  struct udev_monitor *m;

  (void) udev;
  (void) name;
  m = calloc (1, sizeof *m);
  if (m != NULL)
    m->fd = fd != NULL ? atoi (fd) : -1;
  return m;
}

EXPORT int
udev_monitor_filter_add_match_subsystem_devtype (struct udev_monitor *m,
                                                 const char          *subsystem,
                                                 const char          *devtype)
{
  (void) m;
  (void) subsystem;
  (void) devtype;
  return 0;
}

EXPORT int
udev_monitor_enable_receiving (struct udev_monitor *m)
{
  (void) m;
  return 0;
}

EXPORT int
udev_monitor_get_fd (struct udev_monitor *m)
{
  return m->fd;
}

/* One message, one device: "add PORT" or "remove PORT". */
EXPORT struct udev_device *
udev_monitor_receive_device (struct udev_monitor *m)
{
  char msg[64], action[16];
  unsigned port;
  ssize_t n = recv (m->fd, msg, sizeof msg - 1, 0);
  struct udev_device *d;

  if (n <= 0)
    return NULL;
  msg[n] = '\0';
  if (sscanf (msg, "%15s %u", action, &port) != 2 || port > 0xFFFF)
    {
      fprintf (stderr, "fake-udev: cannot read \"%s\"\n", msg);
      return NULL;
    }
  d = calloc (1, sizeof *d);
  if (d == NULL)
    return NULL;
  snprintf (d->action, sizeof d->action, "%s", action);
  snprintf (d->sysname, sizeof d->sysname, "1-%u:1.0", port);
  snprintf (d->devnode, sizeof d->devnode, "/dev/null:0x%04X", port);
  return d;
}

EXPORT struct udev_enumerate *
udev_enumerate_new (struct udev *udev)
{
  (void) udev;
  return calloc (1, sizeof (struct udev_enumerate));
}

EXPORT int
udev_enumerate_add_match_subsystem (struct udev_enumerate *e,
                                    const char            *subsystem)
{
  (void) e;
  (void) subsystem;
  return 0;
}

EXPORT int
udev_enumerate_scan_devices (struct udev_enumerate *e)
{
  (void) e;
  return 0;
}

/* No USB device at start. */
EXPORT struct udev_list_entry *
udev_enumerate_get_list_entry (struct udev_enumerate *e)
{
  (void) e;
  return NULL;
}

EXPORT struct udev_enumerate *
udev_enumerate_unref (struct udev_enumerate *e)
{
  free (e);
  return NULL;
}

EXPORT struct udev_list_entry *
udev_list_entry_get_next (struct udev_list_entry *entry)
{
  (void) entry;
  return NULL;
}

EXPORT const char *
udev_list_entry_get_name (struct udev_list_entry *entry)
{
  (void) entry;
  return NULL;
}

EXPORT struct udev_device *
udev_device_new_from_syspath (struct udev *udev,
                              const char  *syspath)
{
  (void) udev;
  (void) syspath;
  return NULL;
}

EXPORT struct udev_device *
udev_device_unref (struct udev_device *d)
{
  free (d);
  return NULL;
}

EXPORT const char *
udev_device_get_action (struct udev_device *d)
{
  return d != NULL ? d->action : NULL;
}

EXPORT const char *
udev_device_get_sysname (struct udev_device *d)
{
  return d != NULL ? d->sysname : NULL;
}

EXPORT const char *
udev_device_get_devnode (struct udev_device *d)
{
  return d != NULL ? d->devnode : NULL;
}

/* The interface and its USB device are one object here; pcscd does not
 * free the parent (libudev's child owns it). */
EXPORT struct udev_device *
udev_device_get_parent_with_subsystem_devtype (struct udev_device *d,
                                               const char         *subsystem,
                                               const char         *devtype)
{
  (void) subsystem;
  (void) devtype;
  return d;
}

EXPORT const char *
udev_device_get_sysattr_value (struct udev_device *d,
                               const char         *name)
{
  if (d == NULL)
    return NULL;
  if (strcmp (name, "idVendor") == 0)
    return CD_FAKE_VID;
  if (strcmp (name, "idProduct") == 0)
    return CD_FAKE_PID;
  if (strcmp (name, "bInterfaceNumber") == 0)
    return "00";
  return NULL;   /* no "interface" nor "serial": the name is the bundle's */
}
