/* cd-cli-services.c — headless actions on the unit's services
 *
 *   --add-service=NAME [--add-service=NAME …]  a service that holds a
 *                                 certificate of its own (the one-stop
 *                                 desk); adding a name twice is harmless
 *   --list-services [--json]      the services and their certificates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cd-cli-areas.h"

const GOptionEntry cd_cli_services_entries[] = {
  { "add-service", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Add a service of the unit that holds its own certificate, such as “Bộ phận Một cửa” (repeatable), then exit"),
    N_("NAME") },
  { "list-services", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the unit's services and their certificates, then exit"), NULL },
  { NULL }
};

static int
add_services (CdStore     *store,
              const char **names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(CdService) same = cd_store_find_service_by_name (store, names[i]);
      g_autoptr(CdService) s = NULL;
      g_autoptr(GError) error = NULL;

      if (same != NULL)
        {
          g_autofree char *msg = g_strdup_printf (_("The service “%s” is already in the register."), same->name);

          g_print ("%s\n", msg);
          continue;
        }
      s = cd_service_new ();
      s->name = g_strdup (names[i]);
      if (!cd_store_save_service (store, s, &error))
        {
          cd_cli_printerr ("%s", error->message);
          return 1;
        }
      {
        g_autofree char *msg = g_strdup_printf (_("The service “%s” was added. Its certificate can now be given to it."),
                                                s->name);

        g_print ("%s\n", msg);
      }
    }
  return 0;
}

static int
list_services (CdStore  *store,
               gboolean  json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) services = cd_store_list_services (store, &error);
  g_autoptr(JsonBuilder) b = NULL;

  if (services == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  if (json)
    {
      b = json_builder_new ();
      json_builder_begin_array (b);
    }
  else if (services->len == 0)
    g_print ("%s\n", _("The unit has no services yet. Add one with --add-service=NAME."));
  for (guint i = 0; i < services->len; i++)
    {
      CdService *s = g_ptr_array_index (services, i);
      g_autoptr(GPtrArray) certs = cd_store_list_certificates_held (store, CD_CERT_HOLDER_SERVICE, s->id, &error);

      if (certs == NULL)
        {
          cd_cli_printerr ("%s", error->message);
          return 1;
        }
      if (json)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, s->id);
          cd_cli_json_string (b, "name", s->name);
          cd_cli_json_string (b, "note", s->note);
          json_builder_set_member_name (b, "certificates");
          json_builder_begin_array (b);
          for (guint j = 0; j < certs->len; j++)
            json_builder_add_string_value (b, ((CdCertificate *) g_ptr_array_index (certs, j))->serial);
          json_builder_end_array (b);
          json_builder_end_object (b);
          continue;
        }
      g_print ("%s", s->name);
      if (certs->len == 0)
        g_print (" · %s", _("no certificate"));
      for (guint j = 0; j < certs->len; j++)
        g_print (" · %s", ((CdCertificate *) g_ptr_array_index (certs, j))->serial);
      g_print ("\n");
    }
  if (json)
    {
      json_builder_end_array (b);
      cd_cli_json_print (b);
    }
  return 0;
}

int
cd_cli_services_run (GVariantDict *options,
                     CdCliEnv     *env)
{
  g_autoptr(GError) error = NULL;
  g_autofree const char **names = NULL;
  gboolean list = g_variant_dict_contains (options, "list-services");
  CdStore *store;
  int rc = 0;

  g_variant_dict_lookup (options, "add-service", "^a&s", &names);
  if (names == NULL && !list)
    return -1;
  store = cd_cli_env_get_store (env, &error);
  if (store == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  if (names != NULL)
    rc = add_services (store, names);
  if (rc == 0 && list)
    rc = list_services (store, env->json);
  return rc;
}
