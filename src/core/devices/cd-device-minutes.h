/* cd-device-minutes.h — the minutes (biên bản) of a device event
 *
 * Gathers what the minutes of an event say — the unit, the date and
 * place, the people of each side, the devices with their holder and
 * certificate — and turns it into pages (Pango/Cairo, for printing and
 * PDF) or a .docx from the form's template (Mẫu 07, 08, 09, built-in or
 * the clerk's own). No GTK: the GUI prints the renderer's pages through
 * GtkPrintOperation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-device-register.h"
#include "cd-doc-context.h"
#include "cd-page-renderer.h"

G_BEGIN_DECLS

/* Every form says "Biên bản được lập thành 02 bản". */
#define CD_MINUTES_COPIES 2

typedef struct {
  char *serial;
  char *type;          /* TOKEN… */
  char *model;
  char *holder_name;   /* the holder concerned (or the last one), may be NULL */
  char *cert_serial;   /* the certificate linked to the device, NULL if blank */
  char *cert_valid_to; /* dd/mm/yyyy, may be NULL */
} CdMinutesDevice;

typedef struct {
  CdHandoverKind  kind;
  char           *date;      /* ISO */
  char           *place;
  char           *note;
  GPtrArray      *people;    /* CdEventPerson, copies */
  GPtrArray      *devices;   /* CdMinutesDevice */
  /* The gender the register records for a person the event names (the
   * unit's head, a witness…), by name; only names one person holds. */
  GHashTable     *genders;
  /* The unit, the date and (for the templates) one CdDocPerson per
   * device: holder, certificate and device serial. */
  CdDocContext   *ctx;
} CdMinutes;

/* The minutes of @event for @device_ids (one device, or the several
 * handed to the provider in one Mẫu 08); @n_devices 0 means
 * @event->device_id. Holders and certificates are read from @store. */
CdMinutes      *cd_minutes_new            (CdStore               *store,
                                           const CdHandoverEvent *event,
                                           const gint64          *device_ids,
                                           guint                  n_devices,
                                           GError               **error);
void            cd_minutes_free           (CdMinutes             *minutes);

/* The built-in template id ("mau-08") of the event's form, or NULL when
 * the event has no official form (its minutes are still printable). */
const char     *cd_minutes_template_id    (CdHandoverKind         kind);
/* "Biên bản giao nhận … " — a short Vietnamese title for file names and
 * the print job. */
const char     *cd_minutes_subject        (CdHandoverKind         kind);

/* The pages of the minutes (A4, Nghị định 30/2020, a signature block for
 * each side and the witness). @minutes must outlive the renderer. */
CdPageRenderer *cd_minutes_renderer_new   (const CdMinutes       *minutes);
gboolean        cd_minutes_export_pdf     (const CdMinutes       *minutes,
                                           const char            *target,
                                           gboolean               overwrite,
                                           GError               **error);
/* Fills @template_path (a .docx or a built-in folder; NULL: the built-in
 * form of the event) and writes @target (mode 0600). */
gboolean        cd_minutes_save_docx      (const CdMinutes       *minutes,
                                           const char            *template_path,
                                           const char            *target,
                                           gboolean               overwrite,
                                           GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdMinutes, cd_minutes_free)

G_END_DECLS
