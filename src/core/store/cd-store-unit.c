/* cd-store-unit.c — the unit's details (the single row of table unit)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n.h>

#include "cd-sql.h"
#include "cd-store.h"
#include "cd-store-private.h"
#include "cd-text.h"
#include "cd-validate.h"

/* The text columns of table unit and where each lives in CdUnit; one
 * table so that reading, writing and the audit entry cannot disagree.
 * former_names (a list) is handled apart. */
typedef struct {
  const char *column;
  gsize       offset;
  const char *label;   /* for the length limit's message, untranslated */
  glong       max;     /* characters */
} UnitColumn;

#define UNIT_FIELD(u, c) (*(char **) G_STRUCT_MEMBER_P ((u), (c)->offset))

static const UnitColumn unit_columns[] = {
  { "name", G_STRUCT_OFFSET (CdUnit, name), N_("The unit name"), CD_MAX_NAME_CHARS },
  { "parent_name", G_STRUCT_OFFSET (CdUnit, parent_name), N_("The managing body"), CD_MAX_NAME_CHARS },
  { "place", G_STRUCT_OFFSET (CdUnit, place), N_("The place name"), CD_MAX_NAME_CHARS },
  { "province", G_STRUCT_OFFSET (CdUnit, province), N_("The province"), CD_MAX_NAME_CHARS },
  { "head_title", G_STRUCT_OFFSET (CdUnit, head_title), N_("The head's title"), CD_MAX_NAME_CHARS },
  { "head_name", G_STRUCT_OFFSET (CdUnit, head_name), N_("The head's name"), CD_MAX_NAME_CHARS },
  { "address", G_STRUCT_OFFSET (CdUnit, address), N_("The address"), CD_MAX_ADDRESS_CHARS },
  { "phone", G_STRUCT_OFFSET (CdUnit, phone), N_("The unit's phone"), CD_MAX_NAME_CHARS },
  { "email", G_STRUCT_OFFSET (CdUnit, email), N_("The unit's email"), CD_MAX_EMAIL_CHARS },
  { "org1", G_STRUCT_OFFSET (CdUnit, org_level), N_("The organisation level"), CD_MAX_NAME_CHARS },
  { "org2", G_STRUCT_OFFSET (CdUnit, org_level) + sizeof (char *), N_("The organisation level"), CD_MAX_NAME_CHARS },
  { "org3", G_STRUCT_OFFSET (CdUnit, org_level) + 2 * sizeof (char *), N_("The organisation level"), CD_MAX_NAME_CHARS },
  { "org4", G_STRUCT_OFFSET (CdUnit, org_level) + 3 * sizeof (char *), N_("The organisation level"), CD_MAX_NAME_CHARS },
  { "tax_code", G_STRUCT_OFFSET (CdUnit, tax_code), N_("The tax code"), CD_MAX_NAME_CHARS },
  { "budget_code", G_STRUCT_OFFSET (CdUnit, budget_code), N_("The budget code"), CD_MAX_NAME_CHARS },
  { "focal_name", G_STRUCT_OFFSET (CdUnit, focal_name), N_("The focal person's name"), CD_MAX_NAME_CHARS },
  { "focal_cccd", G_STRUCT_OFFSET (CdUnit, focal_cccd), N_("The focal person's CCCD"), CD_MAX_NAME_CHARS },
  { "focal_cccd_date", G_STRUCT_OFFSET (CdUnit, focal_cccd_date), N_("The focal person's CCCD date"), CD_MAX_NAME_CHARS },
  { "focal_cccd_place", G_STRUCT_OFFSET (CdUnit, focal_cccd_place), N_("The focal person's CCCD place"), CD_MAX_NAME_CHARS },
  { "focal_position", G_STRUCT_OFFSET (CdUnit, focal_position), N_("The focal person's position"), CD_MAX_NAME_CHARS },
  { "focal_phone", G_STRUCT_OFFSET (CdUnit, focal_phone), N_("The focal person's phone"), CD_MAX_NAME_CHARS },
  { "focal_email", G_STRUCT_OFFSET (CdUnit, focal_email), N_("The focal person's email"), CD_MAX_EMAIL_CHARS },
};
#define N_UNIT_COLUMNS G_N_ELEMENTS (unit_columns)

static char *
column_list (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < N_UNIT_COLUMNS; i++)
    g_string_append_printf (s, "%s, ", unit_columns[i].column);
  g_string_append (s, "former_names");
  return g_string_free (s, FALSE);
}

/* Former names are stored one per line; cd_text_clean() leaves no line
 * break inside a name. */
static char *
former_names_join (char **names)
{
  return names != NULL && names[0] != NULL ? g_strjoinv ("\n", names) : NULL;
}

CdUnit *
cd_store_get_unit (CdStore *self)
{
  CdUnit *u = cd_unit_new ();
  g_autofree char *columns = column_list ();
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM unit WHERE id = 1", columns);
  sqlite3_stmt *st = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), u);

  if (sqlite3_prepare_v2 (self->db, sql, -1, &st, NULL) == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    {
      g_autofree char *former = NULL;

      for (guint i = 0; i < N_UNIT_COLUMNS; i++)
        UNIT_FIELD (u, &unit_columns[i]) = cd_sql_column_text (st, (int) i);
      former = cd_sql_column_text (st, N_UNIT_COLUMNS);
      if (former != NULL)
        u->former_names = g_strsplit (former, "\n", -1);
    }
  sqlite3_finalize (st);
  return u;
}

static gboolean
invalid (GError **error, char *message)
{
  g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, message);
  g_free (message);
  return FALSE;
}

/* Keeps the digits of @text when it holds only digits and the usual
 * separators (spaces, dots, dashes); NULL otherwise. */
static char *
digits_of (const char *text)
{
  GString *d = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (d, *p);
    else if (*p != ' ' && *p != '.' && *p != '-')
      return (g_string_free (d, TRUE), NULL);
  return g_string_free (d, FALSE);
}

/* Mã số thuế: 10 digits, or 13 (10 + a 3-digit branch) written
 * "0101234567-001". */
static gboolean
normalize_tax_code (char **field, GError **error)
{
  g_autofree char *d = NULL;

  if (*field == NULL)
    return TRUE;
  d = digits_of (*field);
  if (d != NULL && strlen (d) == 10)
    cd_store_replace (field, g_steal_pointer (&d));
  else if (d != NULL && strlen (d) == 13)
    cd_store_replace (field, g_strdup_printf ("%.10s-%s", d, d + 10));
  else
    return invalid (error, g_strdup_printf (_("The tax code “%s” is not valid. Write the unit's 10-digit tax code (mã số thuế), or 10 digits, a dash and 3 digits for a dependent unit."), *field));
  return TRUE;
}

/* Mã đơn vị có quan hệ với ngân sách: 7 digits. */
static gboolean
normalize_budget_code (char **field, GError **error)
{
  g_autofree char *d = NULL;

  if (*field == NULL)
    return TRUE;
  d = digits_of (*field);
  if (d == NULL || strlen (d) != 7)
    return invalid (error, g_strdup_printf (_("The budget relation code “%s” is not valid. Write the 7 digits the State Treasury gave the unit (mã đơn vị quan hệ ngân sách)."), *field));
  cd_store_replace (field, g_steal_pointer (&d));
  return TRUE;
}

/* A validator's @message prefixed with @label, so the clerk knows which
 * of the unit's phones or emails is meant. */
static gboolean
labelled (GError **error, const char *label, const char *message)
{
  return invalid (error, g_strdup_printf (_("%s: %s"), label, message ? message : ""));
}

/* A landline with its area code: 0 + 2xx + 7 or 8 digits, 11 digits
 * ("0225 3123456", "+84 225 3123456"). An office's phone is often one;
 * cd_validate_phone() knows only 10-digit numbers. */
static char *
landline_of (const char *text)
{
  GString *d = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (d, *p);
    else if (!strchr (" .-()+", *p))
      return (g_string_free (d, TRUE), NULL);
  if (g_str_has_prefix (d->str, "84") && d->len == 12)
    {
      g_string_erase (d, 0, 2);
      g_string_prepend_c (d, '0');
    }
  if (d->len == 11 && g_str_has_prefix (d->str, "02"))
    return g_string_free (d, FALSE);
  g_string_free (d, TRUE);
  return NULL;
}

static gboolean
normalize_phone (char **field, const char *label, GError **error)
{
  char *norm = NULL, *msg = NULL;

  if (*field == NULL)
    return TRUE;
  if ((norm = landline_of (*field)) != NULL)
    {
      cd_store_replace (field, norm);
      return TRUE;
    }
  if (cd_validate_phone (*field, &norm, &msg) == CD_CHECK_ERROR)
    {
      gboolean ok = labelled (error, label, msg);
      g_free (msg);
      return ok;
    }
  g_free (msg);
  cd_store_replace (field, norm);
  return TRUE;
}

static gboolean
normalize_email (char **field, const char *label, GError **error)
{
  char *norm = NULL, *msg = NULL;

  if (*field == NULL)
    return TRUE;
  if (cd_validate_email (*field, NULL, &norm, &msg) == CD_CHECK_ERROR)
    {
      gboolean ok = labelled (error, label, msg);
      g_free (msg);
      return ok;
    }
  g_free (msg);
  cd_store_replace (field, norm);
  return TRUE;
}

gboolean
cd_store_normalize_unit (CdUnit  *u,
                         GError **error)
{
  g_return_val_if_fail (u != NULL, FALSE);

  for (guint i = 0; i < N_UNIT_COLUMNS; i++)
    {
      char **field = &UNIT_FIELD (u, &unit_columns[i]);
      char *msg = NULL;

      cd_store_replace (field, cd_text_clean (*field));
      if (!cd_validate_length (*field, _(unit_columns[i].label), unit_columns[i].max, &msg))
        {
          g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, msg);
          g_free (msg);
          return FALSE;
        }
    }
  if (u->former_names != NULL)
    {
      GPtrArray *names = g_ptr_array_new ();

      for (guint i = 0; u->former_names[i] != NULL; i++)
        {
          char *clean = cd_text_clean (u->former_names[i]);
          char *msg = NULL;

          if (!cd_validate_length (clean, _("A former name"), CD_MAX_NAME_CHARS, &msg))
            {
              g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, msg);
              g_free (msg);
              g_free (clean);
              g_ptr_array_set_free_func (names, g_free);
              g_ptr_array_free (names, TRUE);
              return FALSE;
            }
          if (clean != NULL)
            g_ptr_array_add (names, clean);
        }
      g_strfreev (u->former_names);
      u->former_names = NULL;
      if (names->len > 0)
        {
          g_ptr_array_add (names, NULL);
          u->former_names = (char **) g_ptr_array_free (names, FALSE);
        }
      else
        g_ptr_array_free (names, TRUE);
    }

  if (!normalize_phone (&u->phone, _("The unit's phone"), error)
      || !normalize_email (&u->email, _("The unit's email"), error)
      || !normalize_tax_code (&u->tax_code, error)
      || !normalize_budget_code (&u->budget_code, error)
      || !normalize_phone (&u->focal_phone, _("The focal person's phone"), error)
      || !normalize_email (&u->focal_email, _("The focal person's email"), error))
    return FALSE;

  if (u->focal_cccd != NULL)
    {
      char *norm = NULL, *msg = NULL;
      if (cd_validate_cccd (u->focal_cccd, NULL, NULL, &norm, &msg) == CD_CHECK_ERROR)
        {
          gboolean ok = labelled (error, _("The focal person's CCCD"), msg);
          g_free (msg);
          return ok;
        }
      g_free (msg);
      cd_store_replace (&u->focal_cccd, norm);
    }
  if (u->focal_cccd_date != NULL)
    {
      const char *label = _("The focal person's CCCD issue date");
      char *iso = cd_text_parse_date (u->focal_cccd_date);
      char *msg = NULL;

      if (iso == NULL)
        return invalid (error, g_strdup_printf (_("%s “%s” is not a date. Write it as day/month/year, for example 05/01/1980."),
                                                label, u->focal_cccd_date));
      cd_store_replace (&u->focal_cccd_date, iso);
      if (cd_validate_past_date (iso, NULL, label, &msg) == CD_CHECK_ERROR)
        return invalid (error, msg);
      g_free (msg);
    }
  return TRUE;
}

gboolean
cd_store_save_unit (CdStore      *self,
                    const CdUnit *unit,
                    GError      **error)
{
  g_autoptr(CdUnit) u = NULL;
  g_autoptr(CdUnit) old = NULL;
  g_autofree char *columns = column_list ();
  g_autofree char *sql = NULL;
  g_autofree char *former_old = NULL;
  g_autofree char *former_new = NULL;
  g_autoptr(GString) js_old = g_string_new ("{");
  g_autoptr(GString) js_new = g_string_new ("{");
  g_autoptr(GString) marks = g_string_new (NULL);
  sqlite3_stmt *st = NULL;
  /* Inside a caller's transaction (a merger writes the unit with its
   * batches as one), the caller commits, rolls back and signals. */
  gboolean own = sqlite3_get_autocommit (self->db);
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (unit != NULL, FALSE);
  if (!cd_store_check_writable (self, error))
    return FALSE;
  u = cd_unit_copy (unit);
  if (!cd_store_normalize_unit (u, error))
    return FALSE;

  old = cd_store_get_unit (self);
  for (guint i = 0; i < N_UNIT_COLUMNS; i++)
    {
      const char *o = UNIT_FIELD (old, &unit_columns[i]);
      const char *n = UNIT_FIELD (u, &unit_columns[i]);
      if (g_strcmp0 (o, n) != 0)
        {
          cd_store_json_add (js_old, unit_columns[i].column, o);
          cd_store_json_add (js_new, unit_columns[i].column, n);
        }
    }
  former_old = former_names_join (old->former_names);
  former_new = former_names_join (u->former_names);
  if (g_strcmp0 (former_old, former_new) != 0)
    {
      cd_store_json_add (js_old, "former_names", former_old);
      cd_store_json_add (js_new, "former_names", former_new);
    }
  g_string_append_c (js_old, '}');
  g_string_append_c (js_new, '}');

  for (guint i = 0; i <= N_UNIT_COLUMNS; i++)
    g_string_append (marks, ",?");
  sql = g_strdup_printf ("INSERT OR REPLACE INTO unit (id, %s) VALUES (1%s)", columns, marks->str);
  rc = sqlite3_prepare_v2 (self->db, sql, -1, &st, NULL);
  if (rc == SQLITE_OK)
    {
      for (guint i = 0; i < N_UNIT_COLUMNS; i++)
        cd_sql_bind_text (st, (int) i + 1, UNIT_FIELD (u, &unit_columns[i]));
      cd_sql_bind_text (st, N_UNIT_COLUMNS + 1, former_new);
      if (own)
        rc = cd_sql_exec (self->db, "BEGIN IMMEDIATE", NULL) ? SQLITE_OK : SQLITE_ERROR;
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_step (st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
  if (rc == SQLITE_OK && !cd_store_audit (self, "update", "unit", 1, js_old->str, js_new->str, NULL))
    rc = SQLITE_ERROR;
  if (rc == SQLITE_OK && own && !cd_sql_exec (self->db, "COMMIT", NULL))
    rc = SQLITE_ERROR;
  if (rc != SQLITE_OK)
    {
      cd_sql_set_last_error (self->db, error);
      if (own)
        cd_store_rollback (self);
    }
  sqlite3_finalize (st);
  if (rc == SQLITE_OK && own)
    cd_store_emit_changed (self, "unit");
  return rc == SQLITE_OK;
}

/* ---- The unit's history (renames and mergers) -------------------------- */

void
cd_unit_history_free (CdUnitHistory *h)
{
  if (h == NULL)
    return;
  g_free (h->date);
  g_free (h->kind);
  g_free (h->old_name);
  g_free (h->new_name);
  g_free (h->note);
  g_free (h);
}

gboolean
cd_store_add_unit_history (CdStore     *self,
                           const char  *date_iso,
                           const char  *kind,
                           const char  *old_name,
                           const char  *new_name,
                           const char  *note,
                           GError     **error)
{
  g_autofree char *today = cd_text_today_iso ();
  sqlite3_stmt *st = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_strcmp0 (kind, "rename") == 0 || g_strcmp0 (kind, "merge") == 0, FALSE);
  if (!cd_store_check_writable (self, error))
    return FALSE;
  rc = sqlite3_prepare_v2 (self->db, "INSERT INTO unit_history (date, kind, old_name, new_name, note)"
                                     " VALUES (?, ?, ?, ?, ?)", -1, &st, NULL);
  if (rc != SQLITE_OK)
    return cd_sql_set_error (self->db, rc, error);
  cd_sql_bind_text (st, 1, date_iso != NULL ? date_iso : today);
  cd_sql_bind_text (st, 2, kind);
  cd_sql_bind_text (st, 3, old_name);
  cd_sql_bind_text (st, 4, new_name);
  cd_sql_bind_text (st, 5, note);
  rc = sqlite3_step (st);
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    return cd_sql_set_error (self->db, rc, error);
  return cd_store_audit (self, "insert", "unit_history", sqlite3_last_insert_rowid (self->db),
                         old_name, new_name, error);
}

GPtrArray *
cd_store_list_unit_history (CdStore  *self,
                            GError  **error)
{
  sqlite3_stmt *st = NULL;
  GPtrArray *out;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  rc = sqlite3_prepare_v2 (self->db, "SELECT id, date, kind, old_name, new_name, note FROM unit_history"
                                     " ORDER BY date, id", -1, &st, NULL);
  if (rc != SQLITE_OK)
    {
      cd_sql_set_error (self->db, rc, error);
      return NULL;
    }
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_unit_history_free);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      CdUnitHistory *h = g_new0 (CdUnitHistory, 1);
      h->id = sqlite3_column_int64 (st, 0);
      h->date = cd_sql_column_text (st, 1);
      h->kind = cd_sql_column_text (st, 2);
      h->old_name = cd_sql_column_text (st, 3);
      h->new_name = cd_sql_column_text (st, 4);
      h->note = cd_sql_column_text (st, 5);
      g_ptr_array_add (out, h);
    }
  sqlite3_finalize (st);
  return out;
}
