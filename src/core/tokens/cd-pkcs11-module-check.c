/* cd-pkcs11-module-check.c — can a library the clerk adds be used?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "cd-pkcs11-module-check.h"

gboolean
cd_pkcs11_module_check (const char  *path,
                        GError     **error)
{
  GModule *module;
  gpointer sym = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error_literal (error, CD_PKCS11_ERROR, CD_PKCS11_ERROR_NOT_FOUND,
                           _("The file does not exist any more. Reinstall the token driver or remove this entry."));
      return FALSE;
    }
  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_set_error (error, CD_PKCS11_ERROR, CD_PKCS11_ERROR_FAILED,
                   _("Cannot be loaded (%s). Install the 64-bit Linux driver of the token."),
                   g_module_error ());
      return FALSE;
    }
  if (!g_module_symbol (module, "C_GetFunctionList", &sym) || sym == NULL)
    {
      g_module_close (module);
      g_set_error_literal (error, CD_PKCS11_ERROR, CD_PKCS11_ERROR_NOT_MODULE,
                           _("This library is not a PKCS#11 module. Choose the token driver's PKCS#11 library (often named …pkcs11.so)."));
      return FALSE;
    }
  g_module_close (module);
  return TRUE;
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (cd_pkcs11_module_check (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
cd_pkcs11_module_check_async (const char          *path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_pkcs11_module_check_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  /* A closed Preferences window is told "cancelled", not the result. */
  g_task_set_check_cancellable (task, TRUE);
  g_task_run_in_thread (task, check_thread);
}

gboolean
cd_pkcs11_module_check_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_pkcs11_module_check_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
