/* cd-pkcs11-modules.c — loading PKCS#11 modules through p11-kit
 *
 * Every module, registered or not, is loaded through p11-kit as a
 * "managed" module: p11-kit then lets several users in one process
 * initialise it and reports why a library could not be used.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <p11-kit/p11-kit.h>

#include "cd-pkcs11-modules.h"

G_DEFINE_QUARK (cd-pkcs11-error-quark, cd_pkcs11_error)

/* Where Debian and others put OpenSC's module. */
static const char * const opensc_paths[] = {
  "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
  "/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so",
  "/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so",
  "/usr/lib/aarch64-linux-gnu/pkcs11/opensc-pkcs11.so",
  "/usr/lib64/opensc-pkcs11.so",
  "/usr/lib64/pkcs11/opensc-pkcs11.so",
  "/usr/lib/opensc-pkcs11.so",
  "/usr/lib/pkcs11/opensc-pkcs11.so",
};

void
cd_pkcs11_module_error_free (CdPkcs11ModuleError *e)
{
  if (e == NULL)
    return;
  g_free (e->name);
  g_free (e->path);
  g_free (e->message);
  g_free (e);
}

static void
add_error (GPtrArray  *errors,
           const char *name,
           const char *path,
           const char *message)
{
  CdPkcs11ModuleError *e;

  if (errors == NULL)
    return;
  e = g_new0 (CdPkcs11ModuleError, 1);
  e->name = g_strdup (name);
  e->path = g_strdup (path);
  e->message = g_strdup (message);
  g_ptr_array_add (errors, e);
}

static void
module_free (CdPkcs11Module *m)
{
  if (m == NULL)
    return;
  if (m->funcs != NULL)
    {
      p11_kit_module_finalize (m->funcs);
      p11_kit_module_release (m->funcs);
    }
  g_free (m->name);
  g_free (m->path);
  g_free (m);
}

/* The canonical path, so a symlink and its target count once. */
static char *
canonical (const char *path)
{
  char *real = realpath (path, NULL);
  char *out = g_strdup (real != NULL ? real : path);

  free (real);
  return out;
}

static char *
name_from_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strstr (base, ".so");

  if (dot != NULL && dot != base)
    *dot = '\0';
  if (g_str_has_prefix (base, "lib") && strlen (base) > 3)
    return g_strdup (base + 3);
  return g_strdup (base);
}

static gboolean
already_loaded (GPtrArray  *modules,
                const char *path)
{
  for (guint i = 0; i < modules->len; i++)
    if (g_strcmp0 (((CdPkcs11Module *) g_ptr_array_index (modules, i))->path, path) == 0)
      return TRUE;
  return FALSE;
}

static CdPkcs11Module *
init_module (CK_FUNCTION_LIST  *funcs,
             const char        *name,
             const char        *path,
             GError           **error)
{
  CK_RV rv = p11_kit_module_initialize (funcs);
  CdPkcs11Module *m;

  if (rv != CKR_OK)
    {
      const char *why = p11_kit_message ();
      g_set_error (error, CD_PKCS11_ERROR, CD_PKCS11_ERROR_INIT,
                   _("The token driver “%s” did not start (%s). Reinstall the driver from its vendor, "
                     "or remove it in Preferences."),
                   name, why != NULL && *why != '\0' ? why : p11_kit_strerror (rv));
      p11_kit_module_release (funcs);
      return NULL;
    }
  m = g_new0 (CdPkcs11Module, 1);
  m->funcs = funcs;
  m->name = g_strdup (name);
  m->path = canonical (path);
  return m;
}

CdPkcs11Module *
cd_pkcs11_module_load (const char  *path,
                       GError     **error)
{
  g_autofree char *real = NULL;
  g_autofree char *name = NULL;
  CK_FUNCTION_LIST *funcs;

  g_return_val_if_fail (path != NULL, NULL);
  name = name_from_path (path);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CD_PKCS11_ERROR, CD_PKCS11_ERROR_NOT_FOUND,
                   _("The token driver file “%s” does not exist. Check the path in Preferences "
                     "or install the driver from its vendor."), path);
      return NULL;
    }
  real = canonical (path);
  funcs = p11_kit_module_load (real, 0);
  if (funcs == NULL)
    {
      const char *why = p11_kit_message ();
      g_set_error (error, CD_PKCS11_ERROR, CD_PKCS11_ERROR_NOT_MODULE,
                   _("“%s” is not a PKCS#11 token driver (%s). Choose the vendor's PKCS#11 library "
                     "(a .so file) instead."), path, why != NULL ? why : "");
      return NULL;
    }
  return init_module (funcs, name, real, error);
}

static void
load_registered (GPtrArray *modules,
                 GPtrArray *errors)
{
  CK_FUNCTION_LIST **list = p11_kit_modules_load (NULL, 0);

  if (list == NULL)
    {
      const char *why = p11_kit_message ();
      add_error (errors, "p11-kit", NULL, why != NULL ? why : "p11-kit");
      return;
    }
  for (guint i = 0; list[i] != NULL; i++)
    {
      char *raw_name = p11_kit_module_get_name (list[i]);
      char *raw_path = p11_kit_module_get_filename (list[i]);
      g_autofree char *name = g_strdup_printf ("p11-kit: %s", raw_name ? raw_name : "?");
      g_autofree char *path = raw_path ? canonical (raw_path) : g_strdup ("");
      g_autoptr(GError) error = NULL;
      CdPkcs11Module *m;

      /* The trust module holds CA anchors and gnome-keyring's holds the
       * session's secrets: neither is a USB token. */
      if (g_strcmp0 (raw_name, "p11-kit-trust") == 0 || strstr (path, "p11-kit-trust") != NULL
          || strstr (path, "gnome-keyring") != NULL
          || already_loaded (modules, path))
        {
          p11_kit_module_release (list[i]);
        }
      else if ((m = init_module (list[i], name, path, &error)) != NULL)
        g_ptr_array_add (modules, m);
      else
        add_error (errors, name, path, error->message);
      free (raw_name);
      free (raw_path);
    }
  free (list);
}

GPtrArray *
cd_pkcs11_modules_load (const char * const *extra_paths,
                        CdPkcs11LoadFlags   flags,
                        GPtrArray          *errors)
{
  GPtrArray *modules = g_ptr_array_new ();

  if (flags & CD_PKCS11_LOAD_REGISTERED)
    load_registered (modules, errors);

  if (flags & CD_PKCS11_LOAD_OPENSC)
    for (guint i = 0; i < G_N_ELEMENTS (opensc_paths); i++)
      {
        g_autofree char *path = NULL;
        g_autoptr(GError) error = NULL;
        CdPkcs11Module *m;

        if (!g_file_test (opensc_paths[i], G_FILE_TEST_IS_REGULAR))
          continue;
        path = canonical (opensc_paths[i]);
        if (already_loaded (modules, path))
          break;
        if ((m = cd_pkcs11_module_load (path, &error)) != NULL)
          g_ptr_array_add (modules, m);
        else
          add_error (errors, "opensc-pkcs11", path, error->message);
        break;
      }

  for (guint i = 0; extra_paths != NULL && extra_paths[i] != NULL; i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GError) error = NULL;
      CdPkcs11Module *m;

      if (*extra_paths[i] == '\0')
        continue;
      path = canonical (extra_paths[i]);
      if (already_loaded (modules, path))
        continue;
      if ((m = cd_pkcs11_module_load (extra_paths[i], &error)) != NULL)
        g_ptr_array_add (modules, m);
      else
        {
          name = name_from_path (extra_paths[i]);
          add_error (errors, name, extra_paths[i], error->message);
        }
    }
  return modules;
}

void
cd_pkcs11_modules_unload (GPtrArray *modules)
{
  if (modules == NULL)
    return;
  for (guint i = 0; i < modules->len; i++)
    module_free (g_ptr_array_index (modules, i));
  g_ptr_array_free (modules, TRUE);
}

char *
cd_pkcs11_string (const CK_UTF8CHAR *field,
                  gsize              len)
{
  gsize n = len;
  g_autofree char *valid = NULL;

  while (n > 0 && (field[n - 1] == ' ' || field[n - 1] == '\0'))
    n--;
  valid = g_utf8_make_valid ((const char *) field, (gssize) n);
  return g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
}
