/* cd-cli-docs.c — headless actions of the docs area
 *
 *   --check-template=FILE       placeholders used, known or not, kinds served
 *   --list-templates            built-in and own templates
 *   --import-template=FILE      copy a .docx into the own templates folder
 *   --generate=KIND --output=FILE.docx [--template=FILE.docx] [--staff=ID,…]
 *   --generate=mau-03 --service-name=TEXT [--service-kind=TEXT] --output=…
 *   --generate=KIND --reason=TEXT …   the reason (or change) for everyone
 *   --generate=thu-hoi|mau-05 without --staff: the revocation wizard's
 *                               list (cd-cli-revocation.c)
 *   --generate=hom-thu without --staff: the mailbox wizard's list (no
 *                               email, or one at no official domain)
 *   --generate=cap-lai|khoi-phuc|mau-06|thay-doi without --staff: the
 *                               request wizard's list, with its reasons
 *                               and devices (cd-cli-suggested.c)
 *   --generate=KIND --batch=ID --output=FILE.docx
 *                               the saved list again, with its reasons
 *   --generate=… --letter=TEXT --deadline=DD/MM/YYYY --recipient=TEXT
 *                --channel=email|dichvucong|post|truc
 *                               also records the list as a batch answering
 *                               that letter (Hồ sơ, --list-batches)
 *   --export-register=FILE.xlsx
 *   --export-bulk-sheet=FILE.xlsx [--staff=ID,…] [--strict]
 *                               each row with empty required cells told
 *                               on stderr first; --strict then refuses
 *   --export-pdf=FILE.pdf       the register, drawn with Pango/Cairo
 *
 * Every file written is recorded in the register with its template's
 * SHA-256.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-cli-areas.h"
#include "cd-cli-form.h"
#include "cd-cli-revocation.h"
#include "cd-cli-suggested.h"
#include "cd-doc-people.h"
#include "cd-doc-templates.h"
#include "cd-docx.h"
#include "cd-fileutil.h"
#include "cd-page-renderer.h"
#include "cd-settings.h"
#include "cd-text.h"
#include "cd-batch.h"
#include "cd-wizard-draft.h"
#include "cd-wizard-generate.h"
#include "cd-wizard-offer.h"
#include "cd-wizard-suggest.h"
#include "cd-xlsx-export.h"

const GOptionEntry cd_cli_docs_entries[] = {
  { "check-template", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("List the placeholders a Word template uses and the documents it can make"),
    N_("FILE") },
  { "list-templates", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the built-in templates and your own"), NULL },
  { "import-template", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Add a Word file to your own templates"), N_("FILE") },
  { "generate", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Make a document of this kind (cap-moi, thu-hoi, mau-07…) into --output"), N_("KIND") },
  { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("With --generate or --collect: the .docx file to write"), N_("FILE") },
  { "template", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("With --generate or --collect: fill this Word file instead of the built-in form"), N_("FILE") },
  { "staff", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --generate or --export-bulk-sheet: the staff numbers to list, separated by commas"),
    N_("ID,ID…") },
  { "reason", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --generate: the reason (cap-lai, thu-hoi, khoi-phuc, mau-05, mau-06) or the change (thay-doi, mau-04) printed for everyone listed"),
    N_("TEXT") },
  { "service-name", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --generate=mau-03: the name of the certificate (the device, service or software)"),
    N_("TEXT") },
  { "service-kind", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --generate=mau-03: the kind of certificate (default: for public services)"),
    N_("TEXT") },
  { "letter", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --generate: the Department's letter the list answers, number and date"),
    N_("\"5277/KH-SGDĐT ngày 06/08/2025\"") },
  { "deadline", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --generate: the day the letter asks the list by"), N_("DD/MM/YYYY") },
  { "recipient", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --generate: where the list goes (a name, an e-mail or a postal address)"), N_("TEXT") },
  { "channel", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --generate: how the list goes: email, dichvucong, post or truc"), N_("CHANNEL") },
  { "export-register", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the register (everyone, certificates, devices) as an Excel file"), N_("FILE") },
  { "export-bulk-sheet", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the Cục's bulk-registration sheet (19 columns) as an Excel file"), N_("FILE") },
  { "strict", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --export-bulk-sheet or --collect --bulk-sheet: write nothing when a row has empty required cells"), NULL },
  { "export-pdf", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the register as a PDF file"), N_("FILE") },
  { NULL }
};

/* Which kinds a template can serve, from the placeholders it uses: a
 * per-person row serves every list; the columns that only some lists
 * have narrow it down. */
static GPtrArray *
kinds_served (GPtrArray *placeholders)
{
  GPtrArray *kinds = g_ptr_array_new ();
  gboolean row = FALSE, reason = FALSE, change = FALSE;
  guint n;
  const CdDocKind *all = cd_doc_kinds (&n);

  for (guint i = 0; i < placeholders->len; i++)
    {
      CdDocxPlaceholder *ph = g_ptr_array_index (placeholders, i);
      row |= ph->per_person && ph->in_row;
      reason |= g_str_equal (ph->name, "ly_do");
      change |= g_str_equal (ph->name, "noi_dung_thay_doi");
    }
  if (!row)
    return kinds;
  for (guint k = 0; k < n; k++)
    {
      const char *id = all[k].id;
      if (cd_doc_kind_is_unit (id))
        continue;
      if (change && !g_str_equal (id, "thay-doi") && !g_str_equal (id, "mau-04"))
        continue;
      if (reason && !change && !g_str_equal (id, "thu-hoi") && !g_str_equal (id, "cap-lai")
          && !g_str_equal (id, "mau-05") && !g_str_equal (id, "mau-06") && !g_str_equal (id, "khoi-phuc"))
        continue;
      g_ptr_array_add (kinds, (gpointer) id);
    }
  return kinds;
}

/* One list of a Sở's form: its columns, what the fill would do to keep
 * its numbers whole (the same measure, cd-docx-fit.c, told before the
 * clerk fills the form) and the documents it is filled for. */
static void
print_form_list (CdFormCheck *list,
                 guint        index,
                 guint        n_lists)
{
  if (n_lists > 1)
    g_print (_("\nList %u (table %u of the file), its columns:\n"), index + 1, list->table + 1);
  for (guint i = 0; i < list->columns->len; i++)
    {
      CdFormColumn *c = g_ptr_array_index (list->columns, i);
      if (c->field != NULL)
        g_print ("  %u. %s → {{%s}}\n", c->column + 1, c->header, c->field);
      else
        g_print (_("  %u. %s → (not filled: unknown column)\n"), c->column + 1, c->header);
    }
  for (guint i = 0; i < list->narrow->len; i++)
    {
      CdFormNarrowColumn *n = g_ptr_array_index (list->narrow, i);
      g_autofree char *mm = cd_form_decimal_comma (n->width_mm);
      g_autofree char *form_pt = cd_form_decimal_comma (n->form_pt);
      g_autofree char *fit_pt = cd_form_decimal_comma (n->fit_pt);

      if (n->fit_pt > 0)
        g_print (_("Column %u “%s” (%s mm) cannot hold its numbers on one line at the form's %s pt: they will be set in %s pt.\n"),
                 n->column + 1, n->header, mm, form_pt, fit_pt);
      else
        g_print (_("Column %u “%s” (%s mm) cannot hold its numbers on one line even at 10 pt: widen the column in the form.\n"),
                 n->column + 1, n->header, mm);
    }
  g_print (n_lists > 1 ? _("Documents filled into this list:") : _("Documents it can make:"));
  for (guint k = 0; k < list->kinds->len; k++)
    g_print (" %s", (const char *) g_ptr_array_index (list->kinds, k));
  if (list->kinds->len == 0)
    g_print ("%s", _(" none (every document fills another list of the form)"));
  g_print ("\n");
}

static int
check_template (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDocxPackage) pkg = cd_docx_package_load (path, &error);
  g_autoptr(GPtrArray) ph = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  guint unknown = 0;

  if (pkg == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  ph = cd_docx_list_placeholders (pkg, &error);
  if (ph == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  g_print (_("Template: %s\nSHA-256: %s\n"), path, cd_docx_package_sha256 (pkg));

  if (ph->len == 0)
    {
      /* The Sở's own form: show how each list it holds would be read. */
      g_autoptr(GPtrArray) lists = cd_docx_check_form (pkg, &error);

      if (lists == NULL)
        {
          cd_cli_printerr ("%s", error->message);
          return 1;
        }
      if (lists->len == 1)
        g_print (_("No placeholders: the file is filled as a form. Its table's columns:\n"));
      else
        g_print (_("No placeholders: the file is filled as a form. It holds %u lists, each filled for its own documents.\n"),
                 lists->len);
      for (guint l = 0; l < lists->len; l++)
        print_form_list (g_ptr_array_index (lists, l), l, lists->len);
      return 0;
    }

  g_print (_("Placeholders:\n"));
  for (guint i = 0; i < ph->len; i++)
    {
      CdDocxPlaceholder *p = g_ptr_array_index (ph, i);
      g_print ("  {{%s}}\t%s\t%s\n", p->name,
               p->known ? (p->per_person ? _("per person") : _("known")) : _("UNKNOWN"),
               p->where);
      if (!p->known)
        unknown++;
    }
  kinds = kinds_served (ph);
  g_print (_("Documents it can make:"));
  for (guint i = 0; i < kinds->len; i++)
    g_print (" %s", (const char *) g_ptr_array_index (kinds, i));
  g_print ("%s\n", kinds->len == 0 ? _(" none (no table row with per-person placeholders)") : "");
  if (unknown > 0)
    {
      cd_cli_printerr (g_dngettext (GETTEXT_PACKAGE,
                                    "%u placeholder is unknown; correct it in Word.",
                                    "%u placeholders are unknown; correct them in Word.", unknown),
                       unknown);
      return 1;
    }
  return 0;
}

static int
list_templates (void)
{
  g_autoptr(GPtrArray) list = cd_doc_templates_list ();

  for (guint i = 0; i < list->len; i++)
    {
      CdDocTemplate *t = g_ptr_array_index (list, i);
      g_print ("%s\t%s\t%s\t%s\n", t->id, t->builtin ? _("built-in") : _("own"), t->title, t->path);
    }
  return 0;
}


/* "12, 7,30" → ids; FALSE with a message on anything else. */
static gboolean
parse_staff (const char  *text,
             GArray      *ids,
             GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 v = 0;
      char *s = g_strstrip (parts[i]);

      if (*s == '\0')
        continue;
      if (!g_ascii_string_to_unsigned (s, 10, 1, G_MAXINT64, &v, NULL))
        {
          g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_FAILED,
                       _("“%s” is not a staff number. Give the numbers shown by the staff list, separated by commas: --staff=12,15,31"),
                       s);
          return FALSE;
        }
      {
        gint64 id = (gint64) v;
        g_array_append_val (ids, id);
      }
    }
  return TRUE;
}

/* The numbers given with --staff (none: an empty array), or NULL with
 * a message on anything else. */
static GArray *
staff_option (GVariantDict  *options,
              GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *staff = NULL;

  if (g_variant_dict_lookup (options, "staff", "&s", &staff) && !parse_staff (staff, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}

/* hom-thu without --staff: the people the wizard suggests (no email,
 * or one outside the official domains of the settings), so that the
 * terminal and the window make the same list. */
static gboolean
suggested_mailbox_staff (CdCliEnv  *env,
                         GArray    *ids,
                         GError   **error)
{
  CdStore *store = cd_cli_env_get_store (env, error);
  g_auto(GStrv) domains = cd_settings_official_domains (NULL);
  g_autoptr(GPtrArray) items = NULL;

  if (store == NULL)
    return FALSE;
  items = cd_wizard_suggest (store, "hom-thu", g_get_real_time () / G_USEC_PER_SEC,
                             cd_settings_expiry_threshold_days (NULL),
                             (const char *const *) domains, error);
  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    g_array_append_val (ids, ((CdWizardItem *) g_ptr_array_index (items, i))->staff_id);
  return TRUE;
}

static CdDocContext *
load_context (CdCliEnv      *env,
              const GArray  *ids,
              const char    *kind,
              gboolean       paged,
              GError       **error)
{
  CdStore *store = cd_cli_env_get_store (env, error);

  if (store == NULL)
    return NULL;
  if (ids->len == 0 && cd_doc_kind_needs_choice (kind))
    {
      g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_FAILED,
                   _("A document of kind “%s” needs the people chosen: add --staff=ID,ID…"), kind);
      return NULL;
    }
  /* A Word list of a whole register is read as its rows are written:
   * 100,000 people held at once took ~200 MiB. */
  if (paged && ids->len == 0 && !cd_doc_kind_is_unit (kind))
    return cd_doc_context_from_store_paged (store, kind, cd_settings_expiry_threshold_days (NULL), error);
  return cd_doc_context_from_store (store, kind, (const gint64 *) ids->data, ids->len,
                                    cd_settings_expiry_threshold_days (NULL), error);
}

/* "2,7" of the numbers in @ids not in @left_out (NULL: all), "" for none. */
static char *
staff_numbers (const GArray *ids,
               GHashTable   *left_out)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (left_out != NULL && g_hash_table_contains (left_out, &id))
        continue;
      g_string_append_printf (out, "%s%" G_GINT64_FORMAT, out->len > 0 ? "," : "", id);
    }
  return g_string_free (out, FALSE);
}

/* People named with --staff whom a list of @kind does not suit, judged
 * by the wizard's own rule (cd_wizard_offer_unsuited): one who left on a
 * request, one with nothing in force to revoke, one with no certificate
 * to renew… Each is told with why and what to do, then what to run
 * instead, and nothing is written: their row would be empty or wrong,
 * and the wizard refuses them too. FALSE: refused (or the register could
 * not be read, with @error set). */
static gboolean
staff_suited (CdStore       *store,
              const char    *kind,
              const GArray  *ids,
              GError       **error)
{
  g_autoptr(GPtrArray) unsuited = NULL;
  g_autoptr(GHashTable) out = NULL;
  g_autoptr(GHashTable) better = NULL;
  g_autofree char *rest = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (ids->len == 0)
    return TRUE;
  unsuited = cd_wizard_offer_unsuited (store, kind, ids, g_get_real_time () / G_USEC_PER_SEC, error);
  if (unsuited == NULL)
    return FALSE;
  if (unsuited->len == 0)
    return TRUE;
  out = g_hash_table_new (g_int64_hash, g_int64_equal);
  /* the kind they belong on → a GArray of their numbers */
  better = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  cd_cli_printerr (g_dngettext (GETTEXT_PACKAGE,
                                "%u person given with --staff does not go on a “%s” list. Nothing was written:",
                                "%u people given with --staff do not go on a “%s” list. Nothing was written:",
                                unsuited->len),
                   unsuited->len, kind);
  for (guint i = 0; i < unsuited->len; i++)
    {
      CdWizardOffer *o = g_ptr_array_index (unsuited, i);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, o->staff_id);

      g_hash_table_add (out, &o->staff_id);
      /* Translators: a staff number, then why they do not go on the list */
      g_printerr (_("  No. %s: %s\n"), number, o->refusal != NULL ? o->refusal : o->warning);
      if (o->refusal == NULL)
        {
          GArray *them = g_hash_table_lookup (better, o->better_kind);

          if (them == NULL)
            {
              them = g_array_new (FALSE, FALSE, sizeof (gint64));
              g_hash_table_insert (better, (gpointer) o->better_kind, them);
            }
          g_array_append_val (them, o->staff_id);
        }
    }
  rest = staff_numbers (ids, out);
  if (*rest != '\0')
    cd_cli_printerr (_("Leave them out and run the command again with --staff=%s"), rest);
  else
    cd_cli_printerr ("%s", _("None of the people given goes on this list: choose others with --staff=ID,ID…"));
  g_hash_table_iter_init (&iter, better);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *them = staff_numbers (value, NULL);

      cd_cli_printerr (_("Make the list they belong on with --generate=%s --staff=%s"),
                       (const char *) key, them);
    }
  return FALSE;
}

/* The letter options of --generate, checked before anything is written.
 * Returns FALSE (with a message for the terminal) on a bad one; *@given
 * tells whether any was given, so the list is recorded as a batch. */
static gboolean
letter_options (GVariantDict   *options,
                CdWizardDraft  *draft,
                gboolean       *given,
                GError        **error)
{
  const char *letter = NULL, *deadline = NULL, *recipient = NULL, *channel = NULL;

  *given = FALSE;
  if (g_variant_dict_lookup (options, "letter", "&s", &letter))
    {
      g_autofree char *clean = g_strstrip (g_strdup (letter));
      cd_wizard_draft_set_text (&draft->letter_ref, clean);
      *given = TRUE;
    }
  if (g_variant_dict_lookup (options, "deadline", "&s", &deadline))
    {
      g_autofree char *clean = g_strstrip (g_strdup (deadline));
      g_autofree char *iso = NULL;

      if (!g_regex_match_simple ("^\\d{1,2}/\\d{1,2}/\\d{4}$", clean, 0, 0)
          || (iso = cd_text_parse_date (clean)) == NULL)
        {
          g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_FAILED,
                       _("The deadline “%s” is not a date: write it as dd/mm/yyyy, for example --deadline=12/09/2025"),
                       deadline);
          return FALSE;
        }
      draft->deadline = g_steal_pointer (&iso);
      *given = TRUE;
    }
  if (g_variant_dict_lookup (options, "recipient", "&s", &recipient))
    {
      g_autofree char *clean = g_strstrip (g_strdup (recipient));
      cd_wizard_draft_set_text (&draft->send_to, clean);
      *given = TRUE;
    }
  if (g_variant_dict_lookup (options, "channel", "&s", &channel))
    {
      if (!cd_batch_channel_from_id (channel, &draft->channel))
        {
          g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_FAILED,
                       _("“%s” is not a way to send the list: give --channel=email, dichvucong, post or truc"),
                       channel);
          return FALSE;
        }
      *given = TRUE;
    }
  return TRUE;
}

/* Mẫu 08's parties (Bên giao, Bên nhận, the witnesses, the names under
 * the signatures) come from a take-back or a hand-over to the provider
 * recorded in the window (cd-device-minutes), which the command line
 * does not record: said, with where to record it, and the minutes still
 * written for the clerk to fill by hand. */
static void
warn_partyless (const char *kind)
{
  if (!g_str_equal (kind, "mau-08"))
    return;
  cd_cli_printerr ("%s", _("Form 08 takes its parties (the giving side, the receiving side, the witnesses and the names under "
                           "the signatures) from a device event recorded in the window, which the command line cannot record: "
                           "they are left blank. Record the take-back (Devices → Take back…) or the hand-over to the provider "
                           "(Devices → To provider…) in the window and save its minutes there (Save minutes as Word…), "
                           "or fill them in Word."));
}

/* The draft of what --generate wrote, to record it as a batch. */
static void
draft_fill_people (CdWizardDraft *draft,
                   CdDocContext  *ctx)
{
  for (guint i = 0; i < ctx->people->len; i++)
    {
      CdDocPerson *p = g_ptr_array_index (ctx->people, i);
      CdWizardItem *item = cd_wizard_item_new (p->staff != NULL ? p->staff->id : 0);

      item->certificate_id = p->cert != NULL ? p->cert->id : 0;
      item->device_id = p->device != NULL ? p->device->id : 0;
      item->reason = g_strdup (p->reason);
      item->change_note = g_strdup (p->change_note);
      g_ptr_array_add (draft->items, item);
    }
}

/* --generate=KIND --batch=ID: the saved list written again, each person
 * with the reason or change saved for them, recorded with its batch as
 * the wizard records it. */
static int
generate_batch (CdCliEnv     *env,
                GVariantDict *options,
                const char   *kind,
                const char   *batch)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdWizardDraft) draft = NULL;
  g_autoptr(CdDocContext) header = NULL;
  g_autoptr(CdUnit) unit = NULL;
  g_autofree char *abs = NULL;
  g_autofree char *xlsx = NULL;
  const char *output = cd_cli_option_path (options, "output");
  const char *tpl = cd_cli_option_path (options, "template");
  CdStore *store;
  guint64 id = 0;

  if (output == NULL)
    {
      cd_cli_printerr ("%s", _("Say where to write the document: --output=FILE.docx"));
      return 2;
    }
  if (!g_ascii_string_to_unsigned (batch, 10, 1, G_MAXINT64, &id, NULL))
    {
      cd_cli_printerr (_("“%s” is not the number of a list: give --batch=ID, with the number --list-batches shows"), batch);
      return 2;
    }
  if (g_variant_dict_contains (options, "staff") || g_variant_dict_contains (options, "reason"))
    {
      cd_cli_printerr ("%s", _("--batch writes the saved list with the people and reasons saved in it: leave out --staff and --reason."));
      return 2;
    }
  store = cd_cli_env_get_store (env, &error);
  if (store == NULL || (draft = cd_batch_load (store, (gint64) id, &error)) == NULL)
    goto fail;
  if (!g_str_equal (draft->kind, kind))
    {
      cd_cli_printerr (_("List no. %s is of kind “%s”, not “%s”: run --generate=%s --batch=%s"),
                       batch, draft->kind, kind, draft->kind, batch);
      return 2;
    }
  unit = cd_store_get_unit (store);
  header = cd_doc_context_new (unit);
  if (!cd_doc_context_check_header (header, &error))
    goto fail;
  if (tpl != NULL)
    cd_wizard_draft_set_text (&draft->template_path, tpl);
  else if (draft->template_path != NULL && !g_file_test (draft->template_path, G_FILE_TEST_IS_REGULAR))
    {
      cd_cli_printerr (_("The form list no. %s was made with, “%s”, is gone: give another with --template=FILE.docx"),
                       batch, draft->template_path);
      return 1;
    }
  abs = g_canonicalize_filename (output, NULL);
  if (!cd_wizard_draft_generate (draft, store, abs, env->force, g_get_real_time () / G_USEC_PER_SEC,
                                 cd_settings_expiry_threshold_days (NULL), &xlsx, &error))
    goto fail;
  if (xlsx != NULL)
    g_print ("%s\n", xlsx);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u person\n", "%s: %u people\n", draft->items->len),
           output, draft->items->len);
  return 0;

fail:
  cd_cli_generate_failed (error, draft != NULL ? draft->template_path : NULL);
  return 1;
}

static int
generate (CdCliEnv     *env,
          GVariantDict *options,
          const char   *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDocContext) ctx = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autofree char *builtin = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *tpl_name = NULL;
  g_autoptr(CdWizardDraft) draft = cd_wizard_draft_new (kind);
  g_autoptr(GArray) staff = NULL;
  g_autofree char *abs = NULL;
  g_autofree char *stage = NULL;
  const char *output = cd_cli_option_path (options, "output");
  const char *tpl = cd_cli_option_path (options, "template");
  const char *reason = NULL;
  gboolean as_batch = FALSE;
  gboolean suggested = FALSE;
  gint64 doc_id = 0;
  guint notes_told = 0;

  if (output == NULL)
    {
      cd_cli_printerr ("%s", _("Say where to write the document: --output=FILE.docx"));
      return 2;
    }
  if (!letter_options (options, draft, &as_batch, &error))
    {
      cd_cli_printerr ("%s", error->message);
      return 2;
    }
  if (cd_doc_kind_lookup (kind) == NULL)
    {
      /* the same message as for a missing built-in, listing the kinds */
      builtin = cd_doc_templates_builtin_path (kind, &error);
      cd_cli_printerr ("%s", error->message);
      return 2;
    }
  if (tpl == NULL)
    {
      builtin = cd_doc_templates_builtin_path (kind, &error);
      if (builtin == NULL)
        goto fail;
      tpl = builtin;
    }
  staff = staff_option (options, &error);
  if (staff == NULL)
    goto fail;
  /* a whole revocation list is the wizard's: its suggestions, written
   * and recorded as it writes them */
  if (staff->len == 0 && cd_cli_revocation_kind (kind))
    return cd_cli_revocation_generate (env, options, kind, draft, output, tpl != builtin ? tpl : NULL);
  if (staff->len == 0 && g_str_equal (kind, "hom-thu") && !suggested_mailbox_staff (env, staff, &error))
    goto fail;
  /* cap-lai, khoi-phuc, mau-06, thay-doi: whom the wizard suggests, with
   * its reasons and devices, read through its draft */
  suggested = staff->len == 0 && cd_cli_suggested_kind (kind);
  if (suggested)
    ctx = cd_cli_suggested_context (env, draft, g_get_real_time () / G_USEC_PER_SEC,
                                    cd_settings_expiry_threshold_days (NULL), &error);
  /* a list recorded as a batch keeps every person, and --reason and
   * hom-thu's proposed mailboxes write into every person: held whole */
  else
    ctx = load_context (env, staff, kind,
                        !as_batch && !g_variant_dict_contains (options, "reason")
                        && !g_str_equal (kind, "hom-thu"),
                        &error);
  if (ctx == NULL)
    goto fail;
  if (!staff_suited (env->store, kind, staff, &error))
    {
      if (error != NULL)
        goto fail;
      return 1;
    }
  if (!cd_doc_kind_check_unit (kind, ctx->unit, &error)
      || !cd_doc_context_check_header (ctx, &error))
    goto fail;
  if (g_str_equal (kind, "mau-03"))
    {
      const char *name = NULL, *service_kind = NULL;
      g_autofree char *trimmed = NULL;

      if (g_variant_dict_lookup (options, "service-name", "&s", &name))
        trimmed = g_strstrip (g_strdup (name));
      if (trimmed == NULL || *trimmed == '\0')
        {
          cd_cli_printerr ("%s", _("Say what the certificate is for: --service-name=TEXT, for example --service-name=\"Bộ phận Một cửa - UBND xã An Lão\""));
          return 2;
        }
      ctx->service_name = g_steal_pointer (&trimmed);
      if (g_variant_dict_lookup (options, "service-kind", "&s", &service_kind))
        ctx->service_kind = g_strstrip (g_strdup (service_kind));
    }
  if (g_variant_dict_lookup (options, "reason", "&s", &reason))
    {
      g_autofree char *clean = g_strstrip (g_strdup (reason));

      if (*clean == '\0' || !cd_doc_context_set_reason (ctx, kind, clean, &error))
        {
          cd_cli_printerr ("%s", error != NULL ? error->message : _("--reason is empty: give the text to print, for example --reason=\"Mất thiết bị\""));
          return 2;
        }
    }
  if (g_str_equal (kind, "hom-thu"))
    {
      guint n = cd_doc_context_propose_mailboxes (ctx, env->store);

      if (n > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              "%u mailbox proposed from the name at the unit's domain: check it before sending.\n",
                              "%u mailboxes proposed from the names at the unit's domain: check them before sending.\n", n),
                 n);
      else if (ctx->people->len > 0)
        cd_cli_printerr ("%s", _("The unit has no email, so no mailbox could be proposed: set it with --set-unit=email=… and generate again, or fill the column by hand."));
    }
  for (guint i = 0; i < ctx->notes->len; i++)
    cd_cli_printerr ("%s", (const char *) g_ptr_array_index (ctx->notes, i));
  notes_told = ctx->notes->len;
  if (!cd_doc_context_check_people (ctx, kind, &error) || !cd_cli_revocation_warn_unreasoned (ctx, kind, &error))
    goto fail;
  warn_partyless (kind);
  abs = g_canonicalize_filename (output, NULL);
  stage = cd_store_document_prepare (env->store, abs, env->force, FALSE, &error);
  if (stage == NULL)
    goto fail;
  if (!cd_docx_generate (tpl, ctx, stage, TRUE, &sha, &columns, &error))
    {
      cd_store_document_abort (stage, abs, &error);
      goto fail;
    }
  /* what filling changed in the form (a narrow column's size) */
  for (guint i = notes_told; i < ctx->notes->len; i++)
    cd_cli_printerr ("%s", (const char *) g_ptr_array_index (ctx->notes, i));
  tpl_name = g_path_get_basename (tpl);
  if (!cd_store_document_commit (env->store, stage, abs, env->force, FALSE, kind, tpl_name, sha,
                                 NULL, NULL, &doc_id, &error))
    goto fail;
  if (as_batch)
    {
      if (suggested)
        cd_cli_suggested_keep_reasons (draft, ctx);
      else
        draft_fill_people (draft, ctx);
      cd_wizard_draft_set_text (&draft->doc_number, ctx->doc_number);
      cd_wizard_draft_set_text (&draft->service_name, ctx->service_name);
      cd_wizard_draft_set_text (&draft->service_kind, ctx->service_kind);
      if (tpl != builtin)
        cd_wizard_draft_set_text (&draft->template_path, tpl);
      if (!cd_batch_save_with_document (draft, env->store, doc_id, &error))
        goto fail;
      g_autofree char *no = g_strdup_printf ("%" G_GINT64_FORMAT, draft->batch_id);
      /* Translators: %s is the number of the list in the register */
      g_print (_("Recorded as list no. %s (see --list-batches).\n"), no);
    }
  for (guint i = 0; columns != NULL && i < columns->len; i++)
    {
      CdFormColumn *c = g_ptr_array_index (columns, i);
      if (c->field == NULL)
        g_print (_("Column %u “%s” was left empty: CertDesk does not know what to put in it.\n"),
                 c->column + 1, c->header);
    }
  if (cd_doc_kind_is_unit (kind))
    g_print ("%s\n", output);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u person\n", "%s: %u people\n", cd_doc_context_n_people (ctx)),
             output, cd_doc_context_n_people (ctx));
  return 0;

fail:
  cd_cli_generate_failed (error, tpl);
  return 1;
}

/* The Cục returns a sheet with an empty required cell: each such row is
 * told on stderr before anything is written, so the clerk can fill it in
 * or send the sheet knowingly. The sheet is still written (exit 0), as
 * the window's "Vẫn xuất" does, since a partial list may be what was
 * asked for; --strict makes a script refuse it instead. FALSE: refused. */
static gboolean
bulk_sheet_checked (const CdDocContext *ctx,
                    gboolean            strict)
{
  g_autoptr(GPtrArray) gaps = cd_xlsx_bulk_check (ctx);

  if (gaps->len == 0)
    return TRUE;
  cd_cli_printerr (g_dngettext (GETTEXT_PACKAGE,
                                "%u row of the sheet has empty required cells:",
                                "%u rows of the sheet have empty required cells:", gaps->len),
                   gaps->len);
  for (guint i = 0; i < gaps->len; i++)
    {
      g_autofree char *line = cd_xlsx_bulk_gap_line (g_ptr_array_index (gaps, i));
      g_printerr ("  %s\n", line);
    }
  if (strict)
    {
      cd_cli_printerr ("%s", _("Nothing was written (--strict). Fill in the staff records, or leave out --strict to write the sheet anyway."));
      return FALSE;
    }
  return TRUE;
}

static int
export (CdCliEnv     *env,
        GVariantDict *options,
        const char   *what,
        const char   *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdDocContext) ctx = NULL;
  g_autofree char *abs = NULL;
  g_autofree char *stage = NULL;
  g_autoptr(GArray) staff = NULL;
  gboolean ok;

  staff = staff_option (options, &error);
  if (staff == NULL)
    goto fail;
  ctx = load_context (env, staff, g_str_equal (what, "bulk") ? "bulk" : "register", FALSE, &error);
  if (ctx == NULL)
    goto fail;
  if (g_str_equal (what, "bulk") && !bulk_sheet_checked (ctx, g_variant_dict_contains (options, "strict")))
    return 1;
  /* A damaged register still lets the clerk save what it holds. */
  abs = g_canonicalize_filename (path, NULL);
  stage = cd_store_document_prepare (env->store, abs, env->force, TRUE, &error);
  if (stage == NULL)
    goto fail;
  if (g_str_equal (what, "register"))
    ok = cd_xlsx_write_register (stage, ctx, TRUE, &error);
  else if (g_str_equal (what, "bulk"))
    ok = cd_xlsx_write_bulk_sheet (stage, ctx, TRUE, &error);
  else
    {
      g_autoptr(CdPageRenderer) r = cd_page_renderer_new (CD_PAGE_REGISTER, ctx);
      ok = cd_page_renderer_export_pdf (r, stage, TRUE, &error);
    }
  if (!ok)
    {
      cd_store_document_abort (stage, abs, &error);
      goto fail;
    }
  if (!cd_store_document_commit (env->store, stage, abs, env->force, TRUE,
                                 g_str_equal (what, "bulk") ? "bulk-sheet" : what,
                                 NULL, NULL, NULL, NULL, NULL, &error))
    goto fail;
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u person\n", "%s: %u people\n", ctx->people->len),
           path, ctx->people->len);
  return 0;

fail:
  cd_cli_printerr ("%s", error->message);
  return 1;
}

/* --export-register=sổ.pdf wrote an Excel workbook under a .pdf name (and
 * --export-pdf=sổ.xlsx a PDF under an Excel one): the clerk's viewer then
 * says the file is damaged. The name must say what the file is. */
static int
export_checked (CdCliEnv     *env,
                GVariantDict *options,
                const char   *what,
                const char   *path,
                const char   *extension)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (!g_str_has_suffix (lower, extension))
    {
      if (g_str_equal (extension, ".pdf"))
        cd_cli_printerr (_("“%s” does not end in .pdf, but --export-pdf writes a PDF file. Name it …%s, or use --export-register to write the register as an Excel workbook (.xlsx)."),
                         path, extension);
      else
        cd_cli_printerr (_("“%s” does not end in .xlsx, but this option writes an Excel workbook. Name it …%s, or use --export-pdf to write the register as a PDF."),
                         path, extension);
      return 2;
    }
  return export (env, options, what, path);
}

int
cd_cli_docs_run (GVariantDict *options,
                 CdCliEnv     *env)
{
  const char *path;
  const char *kind = NULL;

  if ((path = cd_cli_option_path (options, "check-template")) != NULL)
    return check_template (path);
  if (g_variant_dict_contains (options, "list-templates"))
    return list_templates ();
  if ((path = cd_cli_option_path (options, "import-template")) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *target = cd_doc_templates_import (path, env->force, &error);

      if (target == NULL)
        {
          cd_cli_printerr ("%s", error->message);
          return 1;
        }
      g_print ("%s\n", target);
      return 0;
    }
  if (g_variant_dict_lookup (options, "generate", "&s", &kind))
    {
      const char *batch = NULL;

      if (g_variant_dict_lookup (options, "batch", "&s", &batch))
        return generate_batch (env, options, kind, batch);
      return generate (env, options, kind);
    }
  if ((path = cd_cli_option_path (options, "export-register")) != NULL)
    return export_checked (env, options, "register", path, ".xlsx");
  if ((path = cd_cli_option_path (options, "export-bulk-sheet")) != NULL)
    return export_checked (env, options, "bulk", path, ".xlsx");
  if ((path = cd_cli_option_path (options, "export-pdf")) != NULL)
    return export_checked (env, options, "register-pdf", path, ".pdf");
  return -1;
}
