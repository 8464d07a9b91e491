/* cd-cli-docs.c — headless actions of the docs area
 *
 *   --check-template=FILE       placeholders used, known or not, kinds served
 *   --list-templates            built-in and own templates
 *   --import-template=FILE      copy a .docx into the own templates folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-cli-areas.h"
#include "cd-doc-templates.h"
#include "cd-docx.h"

const GOptionEntry cd_cli_docs_entries[] = {
  { "check-template", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("List the placeholders a Word template uses and the documents it can make"),
    N_("FILE") },
  { "list-templates", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the built-in templates and your own"), NULL },
  { "import-template", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Add a Word file to your own templates"), N_("FILE") },
  { NULL }
};

static const char *
option_path (GVariantDict *options,
             const char   *name)
{
  const char *value = NULL;

  if (g_variant_dict_lookup (options, name, "^&ay", &value) && value != NULL && *value != '\0')
    return value;
  return NULL;
}

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
      if (change && !g_str_equal (id, "thay-doi") && !g_str_equal (id, "mau-04"))
        continue;
      if (reason && !change && !g_str_equal (id, "thu-hoi") && !g_str_equal (id, "cap-lai")
          && !g_str_equal (id, "mau-05") && !g_str_equal (id, "mau-06") && !g_str_equal (id, "khoi-phuc"))
        continue;
      g_ptr_array_add (kinds, (gpointer) id);
    }
  return kinds;
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
      /* The Sở's own form: show how its table would be read. */
      g_autoptr(CdDocContext) ctx = cd_doc_context_new (NULL);
      g_autoptr(GPtrArray) cols = cd_docx_fill_form (pkg, ctx, &error);

      if (cols == NULL)
        {
          cd_cli_printerr ("%s", error->message);
          return 1;
        }
      g_print (_("No placeholders: the file is filled as a form. Its table's columns:\n"));
      for (guint i = 0; i < cols->len; i++)
        {
          CdFormColumn *c = g_ptr_array_index (cols, i);
          if (c->field != NULL)
            g_print ("  %u. %s → {{%s}}\n", c->column + 1, c->header, c->field);
          else
            g_print (_("  %u. %s → (not filled: unknown column)\n"), c->column + 1, c->header);
        }
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

int
cd_cli_docs_run (GVariantDict *options,
                 CdCliEnv     *env)
{
  const char *path;

  if ((path = option_path (options, "check-template")) != NULL)
    return check_template (path);
  if (g_variant_dict_contains (options, "list-templates"))
    return list_templates ();
  if ((path = option_path (options, "import-template")) != NULL)
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
  return -1;
}
