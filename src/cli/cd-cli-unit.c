/* cd-cli-unit.c — the unit's details, headless
 *
 *   certdesk --set-unit=KEY=VALUE [--set-unit=KEY=VALUE …]
 *   certdesk --show-unit [--json]
 *
 * Every value is checked before anything is written: one bad key or
 * value and the register is left as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cd-cli-areas.h"
#include "cd-text.h"

const GOptionEntry cd_cli_unit_entries[] = {
  { "set-unit", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Set one of the unit's details (repeatable; keys: see --show-unit --json; an empty value clears it), then exit"),
    /* Translators: placeholder in --help; keep KEY and VALUE readable */
    N_("KEY=VALUE") },
  { "show-unit", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the unit's details (with --json: as a JSON object), then exit"), NULL },
  { NULL }
};

/* The keys are a stable interface for scripts: never rename one. */
typedef struct {
  const char *key;
  gsize       offset;
  const char *label;
  gboolean    date;
} UnitKey;

static const UnitKey unit_keys[] = {
  { "name", G_STRUCT_OFFSET (CdUnit, name), N_("Name of the unit"), FALSE },
  { "parent", G_STRUCT_OFFSET (CdUnit, parent_name), N_("Managing body"), FALSE },
  { "place", G_STRUCT_OFFSET (CdUnit, place), N_("Place name on documents"), FALSE },
  { "province", G_STRUCT_OFFSET (CdUnit, province), N_("Province or city"), FALSE },
  { "address", G_STRUCT_OFFSET (CdUnit, address), N_("Address"), FALSE },
  { "phone", G_STRUCT_OFFSET (CdUnit, phone), N_("Phone"), FALSE },
  { "email", G_STRUCT_OFFSET (CdUnit, email), N_("Official email"), FALSE },
  { "tax_code", G_STRUCT_OFFSET (CdUnit, tax_code), N_("Tax code"), FALSE },
  { "budget_code", G_STRUCT_OFFSET (CdUnit, budget_code), N_("Budget relation code"), FALSE },
  /* The Cục sheet's "Tổ chức cấp 1–4" columns (its bulk check asks for
   * level 1). */
  { "org1", G_STRUCT_OFFSET (CdUnit, org_level), N_("Organisation level 1"), FALSE },
  { "org2", G_STRUCT_OFFSET (CdUnit, org_level) + sizeof (char *), N_("Organisation level 2"), FALSE },
  { "org3", G_STRUCT_OFFSET (CdUnit, org_level) + 2 * sizeof (char *), N_("Organisation level 3"), FALSE },
  { "org4", G_STRUCT_OFFSET (CdUnit, org_level) + 3 * sizeof (char *), N_("Organisation level 4"), FALSE },
  { "signer", G_STRUCT_OFFSET (CdUnit, head_name), N_("Signer"), FALSE },
  { "signer_title", G_STRUCT_OFFSET (CdUnit, head_title), N_("Signer's title"), FALSE },
  { "focal_name", G_STRUCT_OFFSET (CdUnit, focal_name), N_("Focal person"), FALSE },
  { "focal_cccd", G_STRUCT_OFFSET (CdUnit, focal_cccd), N_("Focal person's CCCD"), FALSE },
  { "focal_cccd_date", G_STRUCT_OFFSET (CdUnit, focal_cccd_date), N_("Focal person's CCCD issue date"), TRUE },
  { "focal_cccd_place", G_STRUCT_OFFSET (CdUnit, focal_cccd_place), N_("Focal person's CCCD place of issue"), FALSE },
  { "focal_position", G_STRUCT_OFFSET (CdUnit, focal_position), N_("Focal person's position"), FALSE },
  { "focal_phone", G_STRUCT_OFFSET (CdUnit, focal_phone), N_("Focal person's phone"), FALSE },
  { "focal_email", G_STRUCT_OFFSET (CdUnit, focal_email), N_("Focal person's email"), FALSE },
};

#define FORMER_NAMES_KEY "former_names"
#define KEY_FIELD(u, k) (*(char **) G_STRUCT_MEMBER_P ((u), (k)->offset))

static const UnitKey *
find_key (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (unit_keys); i++)
    if (g_str_equal (unit_keys[i].key, key))
      return &unit_keys[i];
  return NULL;
}

static char *
all_keys (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (unit_keys); i++)
    g_string_append_printf (s, "%s, ", unit_keys[i].key);
  g_string_append (s, FORMER_NAMES_KEY);
  return g_string_free (s, FALSE);
}

/* Puts @value in @key's field of @u ("" clears it); former_names splits
 * on ";". FALSE (and a message) for an unknown key. */
static gboolean
set_key (CdUnit     *u,
         const char *key,
         const char *value)
{
  const UnitKey *k = find_key (key);
  char **field;

  if (g_str_equal (key, FORMER_NAMES_KEY))
    {
      g_strfreev (u->former_names);
      u->former_names = *value ? g_strsplit (value, ";", -1) : NULL;
      return TRUE;
    }
  if (k == NULL)
    {
      g_autofree char *keys = all_keys ();
      /* Translators: %s: the key given; %s: the list of keys */
      cd_cli_printerr (_("--set-unit: there is no key “%s”. Use one of: %s."), key, keys);
      return FALSE;
    }
  field = &KEY_FIELD (u, k);
  g_free (*field);
  *field = *value ? g_strdup (value) : NULL;
  return TRUE;
}

static int
set_unit (CdStore     *store,
          const char **pairs)
{
  g_autoptr(CdUnit) u = cd_store_get_unit (store);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      g_autofree char *key = NULL;
      g_autoptr(CdUnit) alone = cd_unit_new ();

      if (eq == NULL || eq == pairs[i])
        {
          cd_cli_printerr (_("--set-unit “%s” is not KEY=VALUE. Write for example --set-unit=tax_code=0201234567."),
                           pairs[i]);
          return 2;
        }
      key = g_strndup (pairs[i], (gsize) (eq - pairs[i]));
      g_strstrip (key);
      if (!set_key (u, key, eq + 1))
        return 2;
      /* Check each value on its own so the message names its key. */
      set_key (alone, key, eq + 1);
      if (!cd_store_normalize_unit (alone, &error))
        {
          /* Translators: %s: the key; %s: what is wrong and what to write */
          cd_cli_printerr (_("--set-unit %s: %s Nothing was saved."), key, error->message);
          return 1;
        }
    }
  if (!cd_store_save_unit (store, u, &error))
    {
      cd_cli_printerr (_("%s Nothing was saved."), error->message);
      return 1;
    }
  return 0;
}

static void
show_unit (CdStore  *store,
           gboolean  json)
{
  g_autoptr(CdUnit) u = cd_store_get_unit (store);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      for (guint i = 0; i < G_N_ELEMENTS (unit_keys); i++)
        cd_cli_json_string (b, unit_keys[i].key, KEY_FIELD (u, &unit_keys[i]));
      json_builder_set_member_name (b, FORMER_NAMES_KEY);
      json_builder_begin_array (b);
      for (guint i = 0; u->former_names != NULL && u->former_names[i] != NULL; i++)
        json_builder_add_string_value (b, u->former_names[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      cd_cli_json_print (b);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (unit_keys); i++)
    {
      const char *value = KEY_FIELD (u, &unit_keys[i]);
      g_autofree char *shown = NULL;

      if (value != NULL && unit_keys[i].date)
        shown = cd_text_date_display (value);
      g_print ("%s: %s\n", _(unit_keys[i].label),
               shown ? shown : value ? value : "");
    }
  {
    g_autofree char *former = u->former_names ? g_strjoinv ("; ", u->former_names) : NULL;
    g_print ("%s: %s\n", _("Former names"), former ? former : "");
  }
}

int
cd_cli_unit_run (GVariantDict *options,
                 CdCliEnv     *env)
{
  g_autoptr(GError) error = NULL;
  g_autofree const char **pairs = NULL;
  gboolean show = g_variant_dict_contains (options, "show-unit");
  CdStore *store;
  int rc = 0;

  g_variant_dict_lookup (options, "set-unit", "^a&s", &pairs);
  if (pairs == NULL && !show)
    return -1;

  store = cd_cli_env_get_store (env, &error);
  if (store == NULL)
    {
      cd_cli_printerr ("%s", error->message);
      return 1;
    }
  if (pairs != NULL)
    {
      if (cd_store_is_read_only (store))
        {
          cd_cli_printerr ("%s", cd_store_get_read_only_reason (store));
          return 1;
        }
      rc = set_unit (store, pairs);
    }
  if (rc == 0 && show)
    show_unit (store, env->json);
  return rc;
}
