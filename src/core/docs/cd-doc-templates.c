/* cd-doc-templates.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cd-doc-context.h"
#include "cd-doc-templates.h"
#include "cd-docx.h"
#include "cd-fileutil.h"
#include "cd-paths.h"

static const CdDocKind kinds[] = {
  { "cap-moi", N_("Request for new certificates"), "de-nghi-cap-moi", TRUE },
  { "cap-lai", N_("Request to re-issue certificates"), "de-nghi-cap-lai", TRUE },
  { "gia-han", N_("Request to renew certificates"), "de-nghi-gia-han", TRUE },
  { "thay-doi", N_("Request to change certificate details"), "de-nghi-thay-doi", TRUE },
  { "khoi-phuc", N_("Request to restore key storage devices"), "de-nghi-khoi-phuc", TRUE },
  { "hom-thu", N_("Request for new official mailboxes"), "de-nghi-hom-thu", TRUE },
  { "thu-hoi", N_("Revocation list"), "danh-sach-thu-hoi", TRUE },
  { "mau-01", N_("Form 01: letter requesting certificates for individuals"), "mau-01", TRUE },
  { "mau-02", N_("Form 02: letter requesting the unit's own certificate"), "mau-02", FALSE },
  { "mau-03", N_("Form 03: letter requesting a device, service or software certificate"), "mau-03", FALSE },
  { "mau-04", N_("Form 04: letter requesting renewal or change"), "mau-04", TRUE },
  { "mau-05", N_("Form 05: letter requesting revocation"), "mau-05", TRUE },
  { "mau-06", N_("Form 06: letter requesting a device restore"), "mau-06", TRUE },
  { "mau-07", N_("Form 07: minutes of handing a device to its holder"), "mau-07", FALSE },
  { "mau-08", N_("Form 08: minutes of taking a device back"), "mau-08", FALSE },
  { "mau-09", N_("Form 09: minutes confirming a lost device"), "mau-09", FALSE },
};

const CdDocKind *
cd_doc_kinds (guint *n_kinds)
{
  *n_kinds = G_N_ELEMENTS (kinds);
  return kinds;
}

const CdDocKind *
cd_doc_kind_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].id, id) == 0)
      return &kinds[i];
  return NULL;
}

gboolean
cd_doc_kind_is_unit (const char *id)
{
  /* The request is about the unit (its seal, its one-stop desk), not
   * about people: no list, no per-person row. */
  return g_strcmp0 (id, "mau-02") == 0 || g_strcmp0 (id, "mau-03") == 0;
}

void
cd_doc_template_free (CdDocTemplate *tpl)
{
  if (tpl == NULL)
    return;
  g_free (tpl->id);
  g_free (tpl->title);
  g_free (tpl->path);
  g_free (tpl);
}

static char *
builtin_dir (void)
{
  return g_build_filename (cd_paths_pkgdatadir (), "templates", NULL);
}

char *
cd_doc_templates_builtin_path (const char  *kind,
                               GError     **error)
{
  const CdDocKind *k = cd_doc_kind_lookup (kind);
  g_autofree char *dir = builtin_dir ();
  g_autofree char *path = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  if (k == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        g_string_append_printf (names, "%s%s", i ? ", " : "", kinds[i].id);
      g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_UNKNOWN_KIND,
                   _("“%s” is not a kind of document CertDesk makes. Use one of: %s."),
                   kind, names->str);
      return NULL;
    }
  path = g_build_filename (dir, k->template_id, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_NOT_FOUND,
                   _("The built-in template “%s” is missing from “%s”. Reinstall CertDesk."),
                   k->template_id, dir);
      return NULL;
    }
  return g_steal_pointer (&path);
}

static int
template_cmp (gconstpointer a,
              gconstpointer b)
{
  const CdDocTemplate *ta = *(CdDocTemplate * const *) a;
  const CdDocTemplate *tb = *(CdDocTemplate * const *) b;

  return g_utf8_collate (ta->id, tb->id);
}

GPtrArray *
cd_doc_templates_list (void)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_doc_template_free);
  g_autofree char *dir = builtin_dir ();
  g_autofree char *user = cd_paths_user_templates_dir ();
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_doc_template_free);
  const char *entry;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *path = g_build_filename (dir, kinds[i].template_id, NULL);
      CdDocTemplate *tpl;

      if (!g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;
      tpl = g_new0 (CdDocTemplate, 1);
      tpl->id = g_strdup (kinds[i].template_id);
      tpl->title = g_strdup (_(kinds[i].title));
      tpl->path = g_steal_pointer (&path);
      tpl->builtin = TRUE;
      g_ptr_array_add (out, tpl);
    }

  d = g_dir_open (user, 0, NULL);
  while (d != NULL && (entry = g_dir_read_name (d)) != NULL)
    {
      CdDocTemplate *tpl;

      if (!g_str_has_suffix (entry, ".docx") || entry[0] == '.')
        continue;
      tpl = g_new0 (CdDocTemplate, 1);
      tpl->id = g_strndup (entry, strlen (entry) - 5);
      tpl->title = g_strdup (tpl->id);
      tpl->path = g_build_filename (user, entry, NULL);
      g_ptr_array_add (own, tpl);
    }
  g_ptr_array_sort (own, template_cmp);
  g_ptr_array_extend_and_steal (out, g_steal_pointer (&own));
  return out;
}

char *
cd_doc_templates_import (const char  *docx,
                         gboolean     overwrite,
                         GError     **error)
{
  g_autofree char *user = cd_paths_user_templates_dir ();
  g_autofree char *base = g_path_get_basename (docx);
  g_autofree char *target = NULL;
  g_autoptr(CdDocxPackage) pkg = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_str_has_suffix (base, ".docx"))
    {
      g_set_error (error, CD_FILE_ERROR, CD_FILE_ERROR_FORMAT,
                   _("“%s” is not a .docx file. Save the template from Word or LibreOffice as .docx, then import it."),
                   docx);
      return NULL;
    }
  /* Refuse what we could not fill later: damaged, bombs, DTDs. */
  pkg = cd_docx_package_load (docx, error);
  if (pkg == NULL)
    return NULL;
  {
    g_autoptr(GPtrArray) ph = cd_docx_list_placeholders (pkg, error);
    if (ph == NULL)
      return NULL;
  }
  if (!cd_paths_ensure_private_dir (user, error))
    return NULL;
  if (!cd_file_read_limited (docx, 64 * 1024 * 1024, &contents, &len, error))
    return NULL;
  target = g_build_filename (user, base, NULL);
  if (!cd_file_write_atomic (target, contents, len, overwrite, error))
    return NULL;
  return g_steal_pointer (&target);
}
