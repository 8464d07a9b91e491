/* cd-device-event-dialog.c
 *
 * The fields depend on the event (the batch's serials when receiving,
 * the receiving staff member when handing over, the witness of Mẫu
 * 08/09), so the form's rows are added here; the rules and the records
 * are the core's (cd_devices_*), the minutes the renderer's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-device-event-dialog.h"
#include "cd-device-kind.h"
#include "cd-device-minutes.h"
#include "cd-devices-async.h"
#include "cd-text.h"

typedef enum {
  F_DATE, F_PLACE, F_SERIALS, F_MODEL, F_STAFF,
  F_GIVER_NAME, F_GIVER_TITLE, F_GIVER_ORG,
  F_RECEIVER_NAME, F_RECEIVER_TITLE, F_RECEIVER_ORG,
  F_WITNESS_NAME, F_WITNESS_TITLE, F_NOTE, F_CARRIER, F_PHONE,
  N_FIELDS
} Field;

struct _CdDeviceEventDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkButton      *cancel_button;
  GtkButton      *record_button;
  GtkButton      *docx_button;
  GtkButton      *print_button;
  GtkButton      *pdf_button;
  GtkButton      *own_template_button;
  GtkStack       *stack;
  GtkLabel       *devices_label;
  GtkLabel       *error_label;
  GtkGrid        *grid;
  AdwStatusPage  *done_page;

  /* Borrowed */
  GtkEntry       *fields[N_FIELDS];
  GtkWidget      *labels[N_FIELDS];
  GtkDropDown    *type_drop;      /* receiving: TOKEN, SIM… */
  GtkCheckButton *ported_check;   /* receiving a SIM: chuyển mạng giữ số */

  /* Owned */
  CdStore        *store;
  GArray         *device_ids;
  CdMinutes      *minutes;
  GtkPrintOperation *print_op;
  CdPageRenderer *print_renderer;
  char           *manufacturer;
  char           *saving_path;   /* the minutes being written */

  CdHandoverKind  kind;
  int             rows;
};

G_DEFINE_FINAL_TYPE (CdDeviceEventDialog, cd_device_event_dialog, ADW_TYPE_WINDOW)

enum { RECORDED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- Form ------------------------------------------------------------- */

static const char *
field_text (CdDeviceEventDialog *self,
            Field                f)
{
  const char *t;

  if (self->fields[f] == NULL)
    return NULL;
  t = gtk_editable_get_text (GTK_EDITABLE (self->fields[f]));
  return t != NULL && *t != '\0' ? t : NULL;
}

/* A field's name, right-aligned before it. Wrapped past about 22
 * characters: "Các số sê-ri (cách nhau bằng dấu cách hoặc dấu phẩy)" on
 * one line left the entries 150 px of a 560 px dialog. */
static GtkWidget *
field_label (const char *text)
{
  GtkWidget *l = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (l), 1);
  gtk_label_set_justify (GTK_LABEL (l), GTK_JUSTIFY_RIGHT);
  gtk_label_set_wrap (GTK_LABEL (l), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (l), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (l), 22);
  return l;
}

static void
add_field (CdDeviceEventDialog *self,
           Field                f,
           const char          *label,
           const char          *value)
{
  GtkWidget *l = field_label (label);
  GtkWidget *e = gtk_entry_new ();

  gtk_widget_set_hexpand (e, TRUE);
  gtk_widget_set_valign (e, GTK_ALIGN_CENTER);   /* beside a name on two lines */
  gtk_accessible_update_property (GTK_ACCESSIBLE (e), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (value != NULL)
    gtk_editable_set_text (GTK_EDITABLE (e), value);
  gtk_entry_set_activates_default (GTK_ENTRY (e), TRUE);
  gtk_grid_attach (self->grid, l, 0, self->rows, 1, 1);
  gtk_grid_attach (self->grid, e, 1, self->rows, 1, 1);
  self->rows++;
  self->fields[f] = GTK_ENTRY (e);
  self->labels[f] = l;
}

static const char *
selected_type (CdDeviceEventDialog *self)
{
  guint i = self->type_drop != NULL ? gtk_drop_down_get_selected (self->type_drop) : 0;

  return i < g_strv_length ((char **) cd_device_types ()) ? cd_device_types ()[i] : "TOKEN";
}

/* A SIM's carrier, number and porting are asked only for a SIM. */
static void
type_changed_cb (GtkDropDown         *drop,
                 GParamSpec          *pspec,
                 CdDeviceEventDialog *self)
{
  gboolean sim = g_str_equal (selected_type (self), "SIM");

  for (Field f = F_CARRIER; f <= F_PHONE; f++)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->fields[f]), sim);
      gtk_widget_set_visible (self->labels[f], sim);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->ported_check), sim);
}

/* Receiving: the kind of the devices of the batch, and a SIM's details. */
static void
add_kind_fields (CdDeviceEventDialog *self)
{
  const char * const *types = cd_device_types ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *l = field_label (_("Device type"));
  GtkWidget *drop;
  g_autofree char *carriers = g_strjoinv (", ", (char **) cd_device_carriers ());
  g_autofree char *hint = NULL;

  for (guint i = 0; types[i] != NULL; i++)
    gtk_string_list_append (labels, cd_device_type_label (types[i]));
  drop = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Device type"), -1);
  gtk_grid_attach (self->grid, l, 0, self->rows, 1, 1);
  gtk_grid_attach (self->grid, drop, 1, self->rows++, 1, 1);
  self->type_drop = GTK_DROP_DOWN (drop);

  add_field (self, F_CARRIER, _("Carrier (nhà mạng)"), NULL);
  /* Translators: %s lists the carriers, "Viettel, VinaPhone, …" */
  hint = g_strdup_printf (_("For example %s"), carriers);
  gtk_entry_set_placeholder_text (self->fields[F_CARRIER], hint);
  add_field (self, F_PHONE, _("Phone numbers of the SIMs"), NULL);
  gtk_entry_set_placeholder_text (self->fields[F_PHONE], _("One per SIM, in the order of the serials, separated by commas"));
  gtk_entry_set_input_purpose (self->fields[F_PHONE], GTK_INPUT_PURPOSE_PHONE);
  self->ported_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_("Number ported from another carrier (chuyển mạng giữ số)")));
  gtk_grid_attach (self->grid, GTK_WIDGET (self->ported_check), 1, self->rows++, 1, 1);
  g_signal_connect (drop, "notify::selected", G_CALLBACK (type_changed_cb), self);
  type_changed_cb (self->type_drop, NULL, self);
}

static void
add_heading (CdDeviceEventDialog *self,
             const char          *text)
{
  GtkWidget *l = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_widget_add_css_class (l, "heading");
  gtk_widget_set_margin_top (l, 12);
  gtk_grid_attach (self->grid, l, 0, self->rows++, 2, 1);
}

static gboolean
lost_like (CdHandoverKind kind)
{
  return kind == CD_HANDOVER_REPORT_LOST || kind == CD_HANDOVER_MARK_LOCKED
         || kind == CD_HANDOVER_MARK_DAMAGED;
}

/* Whose side the holder is on, or NULL when the event has no holder. */
static const char *
holder_side (CdHandoverKind kind)
{
  switch (kind)
    {
    case CD_HANDOVER_HAND_TO_HOLDER:
    case CD_HANDOVER_RESTORED:
    case CD_HANDOVER_REPORT_LOST:
    case CD_HANDOVER_MARK_LOCKED:
    case CD_HANDOVER_MARK_DAMAGED:
      return "receiver";
    case CD_HANDOVER_TAKE_BACK:
      return "giver";
    default:
      return NULL;
    }
}

static void
build_form (CdDeviceEventDialog *self)
{
  g_autoptr(CdUnit) unit = cd_store_get_unit (self->store);
  g_autofree char *today_iso = cd_text_today_iso ();
  g_autofree char *today = cd_text_date_display (today_iso);
  g_autoptr(CdStaff) holder = NULL;
  g_autoptr(GString) devices = g_string_new (NULL);
  CdHandoverKind k = self->kind;
  gboolean unit_gives = !(k == CD_HANDOVER_RECEIVE || k == CD_HANDOVER_TAKE_BACK);
  const char *hs = holder_side (k);

  for (guint i = 0; i < self->device_ids->len; i++)
    {
      g_autoptr(CdDevice) d = cd_store_get_device (self->store, g_array_index (self->device_ids, gint64, i), NULL);
      if (d == NULL)
        continue;
      g_string_append_printf (devices, "%s%s", devices->len ? ", " : "", d->token_serial);
      if (holder == NULL && d->holder_id > 0)
        holder = cd_store_get_staff (self->store, d->holder_id, NULL);
    }
  gtk_window_set_title (GTK_WINDOW (self), cd_handover_kind_label (k));
  if (devices->len > 0)
    {
      /* Translators: the serials of the devices of the event */
      g_autofree char *text = g_strdup_printf (_("Devices: %s"), devices->str);
      gtk_label_set_text (self->devices_label, text);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->devices_label), FALSE);

  add_field (self, F_DATE, _("Date (dd/mm/yyyy)"), today);
  add_field (self, F_PLACE, _("Place"), unit->name);
  if (k == CD_HANDOVER_RECEIVE)
    {
      add_field (self, F_SERIALS, _("Serial numbers (separated by spaces or commas)"), NULL);
      add_field (self, F_MODEL, _("Model"), NULL);
      add_kind_fields (self);
    }
  if (k == CD_HANDOVER_HAND_TO_HOLDER)
    add_field (self, F_STAFF, _("Staff member receiving it (full name)"), NULL);

  /* A lost, locked or damaged device changes no hands: the two sides
   * are the unit and the holder, their fields named so. */
  add_heading (self, lost_like (k) ? _("Unit representative") : _("Handing over"));
  add_field (self, F_GIVER_NAME,
             lost_like (k) ? _("Name of the unit representative") : _("Name of the giver"),
             g_strcmp0 (hs, "giver") == 0 ? (holder ? holder->full_name : NULL)
             : unit_gives ? unit->head_name : NULL);
  add_field (self, F_GIVER_TITLE,
             lost_like (k) ? _("Title of the unit representative") : _("Title of the giver"),
             g_strcmp0 (hs, "giver") == 0 ? (holder ? holder->position : NULL)
             : unit_gives ? unit->head_title : NULL);
  if (k == CD_HANDOVER_RECEIVE)
    add_field (self, F_GIVER_ORG, _("Provider (organisation of the giver)"), NULL);

  add_heading (self, lost_like (k) ? _("Holder") : _("Receiving"));
  add_field (self, F_RECEIVER_NAME,
             lost_like (k) ? _("Name of the holder") : _("Name of the receiver"),
             g_strcmp0 (hs, "receiver") == 0 && k != CD_HANDOVER_HAND_TO_HOLDER
             ? (holder ? holder->full_name : NULL) : !unit_gives ? unit->head_name : NULL);
  add_field (self, F_RECEIVER_TITLE,
             lost_like (k) ? _("Title of the holder") : _("Title of the receiver"),
             g_strcmp0 (hs, "receiver") == 0 && k != CD_HANDOVER_HAND_TO_HOLDER
             ? (holder ? holder->position : NULL) : !unit_gives ? unit->head_title : NULL);
  if (k == CD_HANDOVER_RETURN_TO_PROVIDER)
    add_field (self, F_RECEIVER_ORG, _("Provider (organisation of the receiver)"), NULL);

  /* The forms of Mẫu 08 and 09 have a witness. */
  if (k == CD_HANDOVER_RETURN_TO_PROVIDER || k == CD_HANDOVER_REPORT_LOST)
    {
      add_heading (self, _("Witness"));
      add_field (self, F_WITNESS_NAME, _("Name of the witness"), NULL);
      add_field (self, F_WITNESS_TITLE, _("Title of the witness"), NULL);
    }
  add_heading (self, _("Other"));
  add_field (self, F_NOTE, _("Note"), NULL);
}

/* ---- Recording -------------------------------------------------------- */

static void
show_error (CdDeviceEventDialog *self,
            const char          *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
add_person (CdHandoverEvent *ev,
            const char      *side,
            const char      *name,
            const char      *title,
            const char      *org)
{
  if (name != NULL || org != NULL)
    g_ptr_array_add (ev->people, cd_event_person_new (side, name, title, org));
}

static const char *
follow_up_text (CdHandoverKind kind)
{
  const char *f = cd_handover_kind_follow_up (kind);

  if (g_strcmp0 (f, "thu_hoi") == 0)
    return _("Next: send the minutes to the certification authority at once and make a revocation request for the certificate on this device.");
  if (g_strcmp0 (f, "khoi_phuc") == 0)
    return _("Next: make a request to restore the key storage device.");
  if (g_strcmp0 (f, "cap_lai") == 0)
    return _("Next: make a re-issue request for the holder's certificate.");
  return NULL;
}

static void
record_clicked_cb (GtkButton           *button,
                   CdDeviceEventDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = cd_text_parse_date (field_text (self, F_DATE));
  g_autoptr(CdHandoverEvent) ev = NULL;
  g_autoptr(CdStaff) staff = NULL;
  const char *receiver_name = field_text (self, F_RECEIVER_NAME);
  const char *receiver_title = field_text (self, F_RECEIVER_TITLE);
  const gint64 *ids = (const gint64 *) (gpointer) self->device_ids->data;
  guint n = self->device_ids->len;
  gboolean ok;

  if (date == NULL)
    {
      show_error (self, _("The date of the event is missing or not a real date. Enter it as dd/mm/yyyy."));
      gtk_widget_grab_focus (GTK_WIDGET (self->fields[F_DATE]));
      return;
    }
  ev = cd_handover_event_new (self->kind, date);
  ev->place = g_strdup (field_text (self, F_PLACE));
  ev->note = g_strdup (field_text (self, F_NOTE));
  ev->device_id = n > 0 ? ids[0] : 0;

  if (self->kind == CD_HANDOVER_HAND_TO_HOLDER)
    {
      const char *name = field_text (self, F_STAFF);
      gboolean ambiguous = FALSE;

      staff = name ? cd_store_find_staff_by_plain_name (self->store, name, &ambiguous) : NULL;
      if (staff == NULL)
        {
          g_autofree char *msg = name == NULL
            ? g_strdup (_("Type the full name of the staff member who receives the device."))
            : ambiguous
            ? g_strdup_printf (_("Several staff members are named “%s”. Hand the device over from the staff list, where each is shown with their birth date."), name)
            : g_strdup_printf (_("No staff member is named “%s”. Type the full name as it is in the staff list (accents may be left out)."), name);
          show_error (self, msg);
          gtk_widget_grab_focus (GTK_WIDGET (self->fields[F_STAFF]));
          return;
        }
      /* The receiver signs the Mẫu 07: the staff member unless typed. */
      if (receiver_name == NULL)
        {
          receiver_name = staff->full_name;
          receiver_title = receiver_title ? receiver_title : staff->position;
        }
    }

  add_person (ev, "giver", field_text (self, F_GIVER_NAME), field_text (self, F_GIVER_TITLE),
              field_text (self, F_GIVER_ORG));
  add_person (ev, "receiver", receiver_name, receiver_title, field_text (self, F_RECEIVER_ORG));
  add_person (ev, "witness", field_text (self, F_WITNESS_NAME), field_text (self, F_WITNESS_TITLE), NULL);

  switch (self->kind)
    {
    case CD_HANDOVER_RECEIVE:
      {
        g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_device_free);
        g_auto(GStrv) serials = g_regex_split_simple ("[\\s,;]+", field_text (self, F_SERIALS) ?: "", 0, 0);

        for (guint i = 0; serials[i] != NULL; i++)
          {
            CdDevice *d;
            if (*serials[i] == '\0')
              continue;
            d = cd_device_new ();
            d->token_serial = g_strdup (serials[i]);
            d->model = g_strdup (field_text (self, F_MODEL));
            d->manufacturer = g_strdup (self->manufacturer);
            d->type = g_strdup (selected_type (self));
            if (g_str_equal (d->type, "SIM"))
              {
                d->carrier = g_strdup (field_text (self, F_CARRIER));
                d->ported = gtk_check_button_get_active (self->ported_check);
              }
            g_ptr_array_add (batch, d);
          }
        /* One number per SIM, in the order of the serials: a batch of
         * SIMs never shares the one number typed. */
        if (!cd_device_kind_assign_phones (batch, field_text (self, F_PHONE), &error))
          {
            show_error (self, error->message);
            return;
          }
        for (guint i = 0; i < batch->len; i++)
          /* The rule is core's: a SIM without its carrier or number
           * cannot go on the Cục's sheet. */
          if (!cd_device_kind_check (g_ptr_array_index (batch, i), &error))
            {
              show_error (self, error->message);
              return;
            }
        ok = cd_devices_receive (self->store, batch, ev, &error);
        if (ok)
          {
            g_array_set_size (self->device_ids, 0);
            for (guint i = 0; i < batch->len; i++)
              g_array_append_val (self->device_ids, ((CdDevice *) g_ptr_array_index (batch, i))->id);
            ids = (const gint64 *) (gpointer) self->device_ids->data;
            n = self->device_ids->len;
          }
      }
      break;
    case CD_HANDOVER_RETURN_TO_PROVIDER:
      ok = cd_devices_return_to_provider (self->store, ids, n, ev, &error);
      break;
    default:
      ok = cd_devices_apply (self->store, ev, staff ? staff->id : 0, &error);
      break;
    }
  if (!ok)
    {
      show_error (self, error->message);
      return;
    }

  /* The minutes of what was recorded: for a batch one set for all. */
  self->minutes = cd_minutes_new (self->store, ev, ids, n, &error);
  gtk_widget_set_visible (GTK_WIDGET (self->record_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  adw_status_page_set_description (self->done_page, follow_up_text (self->kind));
  if (self->minutes == NULL)
    {
      adw_status_page_set_description (self->done_page, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->pdf_button), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->docx_button), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->own_template_button), FALSE);
    }
  gtk_stack_set_visible_child_name (self->stack, "done");
  g_signal_emit (self, signals[RECORDED], 0);
}

static void
cancel_clicked_cb (GtkButton           *button,
                   CdDeviceEventDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* ---- Minutes: print --------------------------------------------------- */

static void
begin_print_cb (GtkPrintOperation   *op,
                GtkPrintContext     *context,
                CdDeviceEventDialog *self)
{
  int pages;

  g_clear_pointer (&self->print_renderer, cd_page_renderer_free);
  self->print_renderer = cd_minutes_renderer_new (self->minutes);
  pages = cd_page_renderer_paginate (self->print_renderer,
                                     gtk_print_context_get_cairo_context (context),
                                     gtk_print_context_get_width (context),
                                     gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (op, pages);
}

static void
draw_page_cb (GtkPrintOperation   *op,
              GtkPrintContext     *context,
              int                  page,
              CdDeviceEventDialog *self)
{
  cd_page_renderer_draw_page (self->print_renderer, gtk_print_context_get_cairo_context (context), page);
}

static void
print_done_cb (GtkPrintOperation       *op,
               GtkPrintOperationResult  result,
               CdDeviceEventDialog     *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      gtk_print_operation_get_error (op, &error);
      adw_status_page_set_description (self->done_page, error ? error->message : NULL);
    }
  g_clear_object (&self->print_op);
}

static void
print_clicked_cb (GtkButton           *button,
                  CdDeviceEventDialog *self)
{
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;

  if (self->minutes == NULL || self->print_op != NULL)
    return;
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  /* "Biên bản được lập thành 02 bản". */
  gtk_print_settings_set_n_copies (settings, CD_MINUTES_COPIES);
  gtk_print_settings_set_collate (settings, TRUE);

  self->print_op = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (self->print_op, cd_minutes_subject (self->minutes->kind));
  gtk_print_operation_set_default_page_setup (self->print_op, setup);
  gtk_print_operation_set_print_settings (self->print_op, settings);
  /* The renderer draws the Nghị định 30/2020 margins itself. */
  gtk_print_operation_set_use_full_page (self->print_op, TRUE);
  gtk_print_operation_set_unit (self->print_op, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (self->print_op, TRUE);
  gtk_print_operation_set_embed_page_setup (self->print_op, TRUE);
  g_signal_connect (self->print_op, "begin-print", G_CALLBACK (begin_print_cb), self);
  g_signal_connect (self->print_op, "draw-page", G_CALLBACK (draw_page_cb), self);
  g_signal_connect (self->print_op, "done", G_CALLBACK (print_done_cb), self);
  if (gtk_print_operation_run (self->print_op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      adw_status_page_set_description (self->done_page, error->message);
      g_clear_object (&self->print_op);
    }
}

/* ---- Minutes: files (on a worker thread) ------------------------------ */

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  /* Held until the file is written: the minutes are its. */
  g_autoptr(CdDeviceEventDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_steal_pointer (&self->saving_path);
  g_autofree char *msg = NULL;
  gboolean saved = cd_minutes_save_finish (CD_STORE (source), result, &error);

  /* The dialog may have been closed while the file was written. */
  if (self->stack == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), TRUE);
  if (!saved)
    {
      adw_status_page_set_description (self->done_page, error->message);
      return;
    }
  msg = g_strdup_printf (_("Saved: %s"), path);
  adw_status_page_set_description (self->done_page, msg);
}

static void
chooser_response_cb (GtkNativeDialog     *chooser,
                     int                  response,
                     CdDeviceEventDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && g_file_peek_path (file) != NULL && self->store != NULL)
    {
      g_free (self->saving_path);
      self->saving_path = g_file_get_path (file);
      gtk_widget_set_sensitive (GTK_WIDGET (self->stack), FALSE);
      /* Written and recorded in the register on a worker. */
      cd_minutes_save_async (self->store, self->minutes,
                             GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "docx")),
                             g_object_get_data (G_OBJECT (chooser), "template"),
                             self->saving_path, NULL, save_done_cb, g_object_ref (self));
    }
  g_object_unref (chooser);
}

static void
choose_file (CdDeviceEventDialog *self,
             gboolean             docx,
             const char          *template_path)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->minutes == NULL)
    return;
  name = g_strdup_printf ("Biên bản %s %s.%s", cd_minutes_template_id (self->minutes->kind)
                          ? cd_minutes_template_id (self->minutes->kind) : "thiết bị",
                          self->minutes->date, docx ? "docx" : "pdf");
  chooser = gtk_file_chooser_native_new (docx ? _("Save minutes as Word") : _("Save minutes as PDF"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "docx", GINT_TO_POINTER (docx));
  g_object_set_data_full (G_OBJECT (chooser), "template", g_strdup (template_path), g_free);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
pdf_clicked_cb (GtkButton           *button,
                CdDeviceEventDialog *self)
{
  choose_file (self, FALSE, NULL);
}

static void
docx_clicked_cb (GtkButton           *button,
                 CdDeviceEventDialog *self)
{
  choose_file (self, TRUE, NULL);
}

static void
template_chosen_cb (GtkNativeDialog     *chooser,
                    int                  response,
                    CdDeviceEventDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && g_file_peek_path (file) != NULL)
    choose_file (self, TRUE, g_file_peek_path (file));
  g_object_unref (chooser);
}

/* The form the Sở sent, with placeholders or as it came. */
static void
own_template_clicked_cb (GtkButton           *button,
                         CdDeviceEventDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->minutes == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Choose your Word template of the minutes"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Word documents (*.docx)"));
  gtk_file_filter_add_suffix (filter, "docx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (template_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- Object ----------------------------------------------------------- */

CdDeviceEventDialog *
cd_device_event_dialog_new (GtkWindow      *parent,
                            CdStore        *store,
                            CdHandoverKind  kind,
                            const gint64   *device_ids,
                            guint           n_devices)
{
  CdDeviceEventDialog *self = g_object_new (CD_TYPE_DEVICE_EVENT_DIALOG,
                                            "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->kind = kind;
  g_array_append_vals (self->device_ids, device_ids, n_devices);
  build_form (self);
  /* Word is offered only where the form has a template. */
  gtk_widget_set_visible (GTK_WIDGET (self->docx_button), cd_minutes_template_id (kind) != NULL);
  return self;
}

void
cd_device_event_dialog_set_serial (CdDeviceEventDialog *self,
                                   const char          *serial,
                                   const char          *model,
                                   const char          *manufacturer)
{
  g_return_if_fail (CD_IS_DEVICE_EVENT_DIALOG (self));
  if (self->fields[F_SERIALS] != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->fields[F_SERIALS]), serial ? serial : "");
  if (self->fields[F_MODEL] != NULL && model != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->fields[F_MODEL]), model);
  g_free (self->manufacturer);
  self->manufacturer = g_strdup (manufacturer);
}

static void
cd_device_event_dialog_dispose (GObject *object)
{
  CdDeviceEventDialog *self = CD_DEVICE_EVENT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_DEVICE_EVENT_DIALOG);
  g_clear_object (&self->print_op);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cd_device_event_dialog_parent_class)->dispose (object);
}

static void
cd_device_event_dialog_finalize (GObject *object)
{
  CdDeviceEventDialog *self = CD_DEVICE_EVENT_DIALOG (object);

  g_clear_pointer (&self->print_renderer, cd_page_renderer_free);
  g_clear_pointer (&self->minutes, cd_minutes_free);
  g_clear_pointer (&self->device_ids, g_array_unref);
  g_free (self->manufacturer);
  g_free (self->saving_path);
  G_OBJECT_CLASS (cd_device_event_dialog_parent_class)->finalize (object);
}

static void
cd_device_event_dialog_class_init (CdDeviceEventDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_device_event_dialog_dispose;
  object_class->finalize = cd_device_event_dialog_finalize;

  signals[RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/certdesk/CertDesk/devices/cd-device-event-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdDeviceEventDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceEventDialog, record_button);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceEventDialog, docx_button);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceEventDialog, print_button);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceEventDialog, pdf_button);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceEventDialog, own_template_button);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceEventDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceEventDialog, devices_label);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceEventDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceEventDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, CdDeviceEventDialog, done_page);
  gtk_widget_class_bind_template_callback (widget_class, record_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, pdf_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, docx_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, own_template_clicked_cb);
}

static void
cd_device_event_dialog_init (CdDeviceEventDialog *self)
{
  self->device_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->record_button));
}
