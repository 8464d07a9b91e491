/* cd-staff-import.c
 *
 * Real staff lists start with title lines ("DANH SÁCH CÁN BỘ…"), have
 * one or two header rows (merged cells: "CCCD" over "Số | Ngày cấp |
 * Nơi cấp"), a row of column numbers, blank lines, and Excel numbers where
 * text was meant (a CCCD that lost its leading zero, a date serial). The
 * sheet reader (cd-sheet.c) keeps every cell as text and remembers whether
 * Excel stored it as a number; here the columns are found by name,
 * whatever the order and spelling, and each row becomes a staff record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cd-sheet.h"
#include "cd-staff-import.h"
#include "cd-staff-import-columns.h"
#include "cd-staff-import-spill.h"
#include "cd-store-private.h"
#include "cd-store-worker.h"
#include "cd-text.h"
#include "cd-validate.h"

G_DEFINE_QUARK (cd-staff-import-error-quark, cd_staff_import_error)

#define HEADER_SEARCH_ROWS 15

/* ---- Preview ---------------------------------------------------------- */

void
cd_import_row_free (gpointer p)
{
  CdImportRow *r = p;

  g_free (r->name);
  cd_staff_free (r->staff);
  cd_staff_free (r->old);
  g_free (r->matched_by);
  g_free (r->reason);
  g_ptr_array_unref (r->warnings);
  g_free (r);
}

void
cd_staff_import_free (CdStaffImport *imp)
{
  if (imp == NULL)
    return;
  g_free (imp->path);
  g_free (imp->format);
  g_free (imp->encoding_note);
  g_clear_pointer (&imp->ignored_columns, g_ptr_array_unref);
  g_clear_pointer (&imp->skipped, g_ptr_array_unref);
  g_clear_pointer (&imp->rows, g_ptr_array_unref);
  g_clear_pointer (&imp->spill, cd_import_spill_free);
  g_free (imp);
}

static char *
cell_value (const CdSheetRow *r, const Mapping *m, Field f)
{
  const CdSheetCell *c = cd_sheet_row_get (r, m->col[f]);
  return c && c->text ? cd_text_clean (c->text) : NULL;
}

/* The cell's text as the file has it, for a field that only
 * cd_store_normalize_staff() reads: it cleans every field itself, and
 * cleaning it here too was a second copy per field per row. Taken from
 * the row, not copied: prepare_row() reads each cell once and the row
 * is freed after it. */
static char *
cell_take (CdSheetRow *r, const Mapping *m, Field f)
{
  CdSheetCell *c = (CdSheetCell *) cd_sheet_row_get (r, m->col[f]);
  return c != NULL ? g_steal_pointer (&c->text) : NULL;
}

/* What cell_value() would make NULL: nothing but spaces, control and
 * zero-width characters. A letter or digit says no without a copy. */
static gboolean
cell_blank (const char *text)
{
  g_autofree char *clean = NULL;

  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p; p++)
    if ((guchar) *p > 0x20 && (guchar) *p < 0x7F)
      return FALSE;
  clean = cd_text_clean (text);
  return clean == NULL;
}

/* A list's closing line, "Tổng cộng: 60 người" or "Cộng 12", in the name
 * or number column with no CCCD and no e-mail: a count, not a person.
 * Read as a name it was refused with "a “?” means Vietnamese letters were
 * lost: save the file again as UTF-8" — false, and alarming. */
static gboolean
is_total_row (const CdSheetRow *r,
              const Mapping    *m)
{
  static const char *starts[] = { "tong cong", "tong so", "cong", "total", NULL };
  const Field where[] = { F_NAME, F_STT };
  const Field person[] = { F_CCCD, F_EMAIL, F_BIRTH };

  for (guint i = 0; i < G_N_ELEMENTS (person); i++)
    {
      g_autofree char *v = m->col[person[i]] >= 0 ? cell_value (r, m, person[i]) : NULL;
      if (v != NULL)
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (where); i++)
    {
      g_autofree char *v = m->col[where[i]] >= 0 ? cell_value (r, m, where[i]) : NULL;
      g_autofree char *key = v ? cd_text_search_key (v) : NULL;

      if (key == NULL)
        continue;
      for (guint k = 0; starts[k] != NULL; k++)
        {
          gsize n = strlen (starts[k]);
          /* Alone, or followed by a colon or a number: never by a word,
           * since accents are gone from the key ("Tống Công Minh" keys
           * to "tong cong minh"; "Công" to "cong"). */
          if (strncmp (key, starts[k], n) == 0
              && (key[n] == '\0' || key[n] == ':' || (key[n] == ' ' && (key[n + 1] == ':' || g_ascii_isdigit (key[n + 1])))))
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
cell_numeric (const CdSheetRow *r, const Mapping *m, Field f)
{
  const CdSheetCell *c = cd_sheet_row_get (r, m->col[f]);
  return c && c->numeric;
}

static gboolean
same_staff (const CdStaff *a, const CdStaff *b)
{
  return g_strcmp0 (a->full_name, b->full_name) == 0
    && g_strcmp0 (a->birth_date, b->birth_date) == 0
    && g_strcmp0 (a->gender, b->gender) == 0
    && g_strcmp0 (a->position, b->position) == 0
    && g_strcmp0 (a->department, b->department) == 0
    && g_strcmp0 (a->cccd, b->cccd) == 0
    && g_strcmp0 (a->cccd_date, b->cccd_date) == 0
    && g_strcmp0 (a->cccd_place, b->cccd_place) == 0
    && g_strcmp0 (a->phone, b->phone) == 0
    && g_strcmp0 (a->email, b->email) == 0
    && g_strcmp0 (a->note, b->note) == 0;
}

static void
merge_field (char **dst, const char *src)
{
  if (src != NULL)
    {
      g_free (*dst);
      *dst = g_strdup (src);
    }
}

static char *
name_birth_key (const CdStaff *s)
{
  g_autofree char *k = cd_text_name_key (s->full_name);
  return g_strconcat (k, "|", s->birth_date ? s->birth_date : "", NULL);
}

typedef struct {
  GHashTable *by_cccd;      /* char* → CdStaff* (existing, borrowed) */
  GHashTable *by_email;
  GHashTable *by_name;      /* name key|birth → CdStaff* */
  GHashTable *seen_cccd;    /* in the file: char* → row number */
  GHashTable *seen_email;
  GHashTable *seen_name;
  GHashTable *seen_bare;    /* rows with no CCCD, e-mail nor birth date:
                             * all their fields → row number */
  GHashTable *seen_match;   /* existing id → row number */
  GStringChunk *keys;       /* the seen_* keys: one block per 64 KiB, freed
                             * at once, not three allocations per row */
} Index;

static CdImportRow *
reject (CdImportRow *ir, char *reason)
{
  ir->action = CD_IMPORT_REJECT;
  ir->reason = reason;
  g_clear_pointer (&ir->staff, cd_staff_free);
  g_clear_pointer (&ir->old, cd_staff_free);
  return ir;
}

static CdImportRow *
prepare_row (CdSheetRow                *r,
             const Mapping      *m,
             Index              *ix,
             const char *const  *domains)
{
  CdImportRow *ir = g_new0 (CdImportRow, 1);
  g_autoptr(CdStaff) s = cd_staff_new ();
  g_autoptr(GError) err = NULL;
  CdStaff *match = NULL;
  const char *matched_by = NULL;
  g_autofree char *nk = NULL;
  gpointer prev;

  ir->row = r->number;
  ir->warnings = g_ptr_array_new_with_free_func (g_free);

  if (m->col[F_NAME] >= 0)
    s->full_name = cell_value (r, m, F_NAME);
  else
    {
      g_autofree char *fam = cell_value (r, m, F_FAMILY);
      g_autofree char *giv = cell_value (r, m, F_GIVEN);
      if (fam || giv)
        s->full_name = g_strjoin (" ", fam ? fam : "", giv ? giv : "", NULL);
    }
  /* Kept for the preview even when the row is rejected: the clerk looks
   * for the person, not only the row number. */
  ir->name = g_strdup (s->full_name);
  /* Cleaned here only what is read before cd_store_normalize_staff()
   * (which cleans every field): the gender and the CCCD. */
  s->birth_date = cell_take (r, m, F_BIRTH);
  s->gender = cell_value (r, m, F_GENDER);
  s->position = cell_take (r, m, F_POSITION);
  s->department = cell_take (r, m, F_DEPARTMENT);
  s->cccd = cell_value (r, m, F_CCCD);
  s->cccd_date = cell_take (r, m, F_CCCD_DATE);
  s->cccd_place = cell_take (r, m, F_CCCD_PLACE);
  s->phone = cell_take (r, m, F_PHONE);
  s->email = cell_take (r, m, F_EMAIL);
  s->note = cell_take (r, m, F_NOTE);

  /* A CCCD typed as a number lost its leading zeros (every province code
   * starts with 0): put them back, and say so. */
  if (s->cccd != NULL && cell_numeric (r, m, F_CCCD))
    {
      gsize len = strlen (s->cccd);
      guint want = len > 9 && len < 12 ? 12 : (len > 6 && len < 9 ? 9 : 0);
      if (want != 0)
        {
          char *padded = g_strdup_printf ("%0*d%s", (int) (want - len), 0, s->cccd);
          g_ptr_array_add (ir->warnings, g_strdup_printf (_("Excel stored the CCCD as a number: %s was read as %s (leading zeros restored). Check it against the card."), s->cccd, padded));
          g_free (s->cccd);
          s->cccd = padded;
        }
    }
  if (s->gender != NULL)
    {
      char *g = cd_validate_gender (s->gender);
      if (g == NULL)
        g_ptr_array_add (ir->warnings, g_strdup_printf (_("The gender “%s” is not understood and was left empty. Write Nam or Nữ."), s->gender));
      g_free (s->gender);
      s->gender = g;
    }

  if (s->full_name == NULL)
    return reject (ir, g_strdup (_("The full name is empty. Write the staff member's full name (họ và tên).")));
  /* Warnings (an old CMND, an unofficial e-mail): kept, but the clerk
   * should look. From the checks normalising runs, not run again. */
  if (!cd_store_normalize_staff_warn (s, domains, ir->warnings, &err))
    return reject (ir, g_strdup (err->message));
  if (s->birth_date != NULL)
    nk = name_birth_key (s);   /* only looked up with a birth date */

  /* Twice in the same file. */
  if (s->cccd != NULL && g_hash_table_lookup_extended (ix->seen_cccd, s->cccd, NULL, &prev))
    return reject (ir, g_strdup_printf (_("The CCCD number %s is also on row %u. One person has one CCCD: remove the duplicate row or correct the number."), s->cccd, GPOINTER_TO_UINT (prev)));
  if (s->email != NULL && g_hash_table_lookup_extended (ix->seen_email, s->email, NULL, &prev))
    return reject (ir, g_strdup_printf (_("The email address %s is also on row %u. Remove the duplicate row or correct the address."), s->email, GPOINTER_TO_UINT (prev)));

  /* Who is it in the register: CCCD, else email, else name + birth date.
   * (lookup() hashes its key even in an empty table: a new register's
   * import skips them.) */
  if (g_hash_table_size (ix->by_cccd) + g_hash_table_size (ix->by_email) + g_hash_table_size (ix->by_name) > 0)
    {
      if (s->cccd != NULL && (match = g_hash_table_lookup (ix->by_cccd, s->cccd)) != NULL)
        matched_by = "cccd";
      else if (s->email != NULL && (match = g_hash_table_lookup (ix->by_email, s->email)) != NULL)
        {
          matched_by = "email";
          if (s->cccd != NULL && match->cccd != NULL && g_strcmp0 (s->cccd, match->cccd) != 0)
            return reject (ir, g_strdup_printf (_("The email address %s belongs to %s, whose CCCD number is %s, not %s. Check which one is right."), s->email, match->full_name, match->cccd, s->cccd));
        }
      else
        {
          if (s->birth_date != NULL && (match = g_hash_table_lookup (ix->by_name, nk)) != NULL)
            {
              matched_by = "name";
              if (s->cccd != NULL && match->cccd != NULL)
                match = NULL, matched_by = NULL;   /* two people with the same name and birthday */
            }
        }
      if (match != NULL && s->email != NULL)
        {
          CdStaff *owner = g_hash_table_lookup (ix->by_email, s->email);
          if (owner != NULL && owner->id != match->id)
            return reject (ir, g_strdup_printf (_("The email address %s already belongs to %s. Correct the address or that record."), s->email, owner->full_name));
        }
      if (match == NULL && s->email != NULL && g_hash_table_lookup (ix->by_email, s->email) != NULL)
        {
          CdStaff *owner = g_hash_table_lookup (ix->by_email, s->email);
          return reject (ir, g_strdup_printf (_("The email address %s already belongs to %s. Correct the address or that record."), s->email, owner->full_name));
        }
    }
  if (match != NULL)
    {
      gint64 id = match->id;
      if (g_hash_table_lookup_extended (ix->seen_match, &id, NULL, &prev))
        return reject (ir, g_strdup_printf (_("This is the same person as row %u (%s). Remove the duplicate row."), GPOINTER_TO_UINT (prev), match->full_name));
    }
  else if (s->birth_date != NULL)
    {
      if (g_hash_table_lookup_extended (ix->seen_name, nk, NULL, &prev) && s->cccd == NULL)
        return reject (ir, g_strdup_printf (_("%s with the same birth date is also on row %u. Remove the duplicate row, or add the CCCD numbers if they are two people."), s->full_name, GPOINTER_TO_UINT (prev)));
    }

  /* A row with nothing that tells people apart (no CCCD, e-mail nor
   * birth date) written again word for word is the same person
   * repeated, not another person to add (issue 20, D17: a sheet of a
   * million such rows added a million people). Two namesakes differ in
   * some field, or get a birth date. */
  if (match == NULL && s->cccd == NULL && s->email == NULL && s->birth_date == NULL)
    {
      char *bare = g_strjoin ("\x1f", s->full_name, s->gender ? s->gender : "",
                              s->position ? s->position : "", s->department ? s->department : "",
                              s->cccd_date ? s->cccd_date : "", s->cccd_place ? s->cccd_place : "",
                              s->phone ? s->phone : "", s->note ? s->note : "", NULL);

      if (g_hash_table_lookup_extended (ix->seen_bare, bare, NULL, &prev))
        {
          g_free (bare);
          return reject (ir, g_strdup_printf (_("This row repeats row %u (%s) word for word: the same person twice. Remove the duplicate row, or add a birth date or CCCD number if they are two people."), GPOINTER_TO_UINT (prev), s->full_name));
        }
      g_hash_table_insert (ix->seen_bare, bare, GUINT_TO_POINTER (ir->row));
    }

  /* Remember this row for the next ones. */
  if (s->cccd)
    g_hash_table_insert (ix->seen_cccd, g_string_chunk_insert (ix->keys, s->cccd), GUINT_TO_POINTER (ir->row));
  if (s->email)
    g_hash_table_insert (ix->seen_email, g_string_chunk_insert (ix->keys, s->email), GUINT_TO_POINTER (ir->row));
  if (s->birth_date)
    g_hash_table_insert (ix->seen_name, g_string_chunk_insert (ix->keys, nk), GUINT_TO_POINTER (ir->row));

  if (match == NULL)
    {
      ir->action = CD_IMPORT_ADD;
      ir->staff = g_steal_pointer (&s);
      return ir;
    }

  g_hash_table_insert (ix->seen_match, g_memdup2 (&match->id, sizeof match->id), GUINT_TO_POINTER (ir->row));
  ir->matched_by = g_strdup (matched_by);
  ir->old = cd_staff_copy (match);
  ir->staff = cd_staff_copy (match);
  /* Only what the file says replaces what the register has. */
  merge_field (&ir->staff->full_name, s->full_name);
  merge_field (&ir->staff->birth_date, s->birth_date);
  merge_field (&ir->staff->gender, s->gender);
  merge_field (&ir->staff->position, s->position);
  merge_field (&ir->staff->department, s->department);
  merge_field (&ir->staff->cccd, s->cccd);
  merge_field (&ir->staff->cccd_date, s->cccd_date);
  merge_field (&ir->staff->cccd_place, s->cccd_place);
  merge_field (&ir->staff->phone, s->phone);
  merge_field (&ir->staff->email, s->email);
  merge_field (&ir->staff->note, s->note);
  ir->action = same_staff (ir->old, ir->staff) ? CD_IMPORT_UNCHANGED : CD_IMPORT_UPDATE;
  return ir;
}

/* The preview built as the sheet's rows come: the first rows are kept
 * until the header is found among them, then every row is compared with
 * the register and dropped, so only the preview grows with the file. */
typedef struct {
  CdStaffImport      *imp;
  CdStore            *store;
  const char         *path;
  const char *const  *domains;
  GPtrArray          *head;       /* the rows read before the header was decided */
  guint               n_rows;     /* rows handed over so far, blank ones included */
  gboolean            any;        /* a row with something in it was seen */
  gboolean            decided;    /* the header was looked for */
  int                 header;     /* its index, -1 when none */
  guint               first_data; /* index of the first row under it */
  Mapping             map;
  GPtrArray          *existing;   /* CdStaff of the register, for Index */
  Index               ix;
  guint               n_kept;     /* rows kept whole (see CD_STAFF_IMPORT_KEEP_ROWS) */
  guint               n_listed;   /* rejected or warned rows in imp->rows */
} Prepare;

static void
index_init (Index *ix, GPtrArray *existing)
{
  ix->by_cccd = g_hash_table_new (g_str_hash, g_str_equal);
  ix->by_email = g_hash_table_new (g_str_hash, g_str_equal);
  ix->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ix->keys = g_string_chunk_new (64 * 1024);
  ix->seen_cccd = g_hash_table_new (g_str_hash, g_str_equal);
  ix->seen_email = g_hash_table_new (g_str_hash, g_str_equal);
  ix->seen_name = g_hash_table_new (g_str_hash, g_str_equal);
  ix->seen_bare = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ix->seen_match = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < existing->len; i++)
    {
      CdStaff *s = g_ptr_array_index (existing, i);
      if (s->cccd)
        g_hash_table_insert (ix->by_cccd, s->cccd, s);
      if (s->email && !g_hash_table_contains (ix->by_email, s->email))
        g_hash_table_insert (ix->by_email, s->email, s);
      if (s->birth_date)
        g_hash_table_insert (ix->by_name, name_birth_key (s), s);
    }
}

static void
index_clear (Index *ix)
{
  g_clear_pointer (&ix->by_cccd, g_hash_table_unref);
  g_clear_pointer (&ix->by_email, g_hash_table_unref);
  g_clear_pointer (&ix->by_name, g_hash_table_unref);
  g_clear_pointer (&ix->seen_cccd, g_hash_table_unref);
  g_clear_pointer (&ix->seen_email, g_hash_table_unref);
  g_clear_pointer (&ix->seen_name, g_hash_table_unref);
  g_clear_pointer (&ix->seen_bare, g_hash_table_unref);
  g_clear_pointer (&ix->keys, g_string_chunk_free);
  g_clear_pointer (&ix->seen_match, g_hash_table_unref);
}

/* Keeps @ir in the preview or, past the first rows, hands its record to
 * the spill (see CD_STAFF_IMPORT_KEEP_ROWS). Takes @ir. */
static gboolean
keep_row (Prepare      *p,
          CdImportRow  *ir,
          GError      **error)
{
  CdStaffImport *imp = p->imp;
  gboolean listed = ir->action == CD_IMPORT_REJECT || ir->warnings->len > 0;

  if (ir->staff != NULL && p->n_kept >= CD_STAFF_IMPORT_KEEP_ROWS)
    {
      if (ir->action != CD_IMPORT_UNCHANGED)
        {
          if (imp->spill == NULL && (imp->spill = cd_import_spill_new (error)) == NULL)
            {
              cd_import_row_free (ir);
              return FALSE;
            }
          if (!cd_import_spill_add (imp->spill, ir, error))
            {
              cd_import_row_free (ir);
              return FALSE;
            }
        }
      g_clear_pointer (&ir->staff, cd_staff_free);
      g_clear_pointer (&ir->old, cd_staff_free);
    }
  else if (ir->staff != NULL)
    p->n_kept++;
  if (ir->staff == NULL && (!listed || p->n_listed >= CD_STAFF_IMPORT_MAX_LISTED))
    {
      if (listed)
        imp->n_unlisted++;
      cd_import_row_free (ir);
      return TRUE;
    }
  if (listed)
    p->n_listed++;
  g_ptr_array_add (imp->rows, ir);
  return TRUE;
}

/* Row @i (its index among all rows) under the header. */
static gboolean
take_row (Prepare *p, CdSheetRow *r, guint i, GError **error)
{
  CdStaffImport *imp = p->imp;
  gboolean blank = TRUE;
  CdImportRow *ir;

  if (i < p->first_data)
    return TRUE;
  for (int f = 0; f < N_FIELDS && blank; f++)
    if (f != F_STT && p->map.col[f] >= 0)
      {
        const CdSheetCell *c = cd_sheet_row_get (r, p->map.col[f]);
        blank = c == NULL || cell_blank (c->text);
      }
  if (blank || (i < p->first_data + 2 && cd_import_is_column_numbers (r)))
    return TRUE;
  if (is_total_row (r, &p->map))
    {
      g_autofree char *text = cell_value (r, &p->map, F_NAME);
      g_ptr_array_add (imp->skipped, g_strdup_printf (_("Row %u skipped: “%s” is a total, not a person."),
                                                      r->number, text ? text : ""));
      return TRUE;
    }
  ir = prepare_row (r, &p->map, &p->ix, p->domains);
  switch (ir->action)
    {
    case CD_IMPORT_ADD: imp->n_added++; break;
    case CD_IMPORT_UPDATE: imp->n_updated++; break;
    case CD_IMPORT_UNCHANGED: imp->n_unchanged++; break;
    case CD_IMPORT_REJECT: imp->n_rejected++; break;
    default: break;
    }
  return keep_row (p, ir, error);
}

/* The header: the row among the first 15 with the most known column
 * names, which must include the full name; then the rows kept so far. */
static gboolean
decide_header (Prepare *p, GError **error)
{
  GPtrArray *rows = p->head;
  CdStaffImport *imp = p->imp;
  Mapping map;

  p->decided = TRUE;
  cd_import_map_init (&p->map);
  for (guint i = 0; i < rows->len && i < HEADER_SEARCH_ROWS; i++)
    {
      cd_import_map_single (g_ptr_array_index (rows, i), &map);
      if (cd_import_map_has_name (&map) && map.n_fields > p->map.n_fields)
        {
          p->map = map;
          p->header = (int) i;
        }
    }
  if (p->header < 0)
    {
      /* Read on only to tell an empty file from one without a header. */
      g_ptr_array_set_size (rows, 0);
      return TRUE;
    }
  p->first_data = (guint) p->header + 1;
  if ((guint) p->header + 1 < rows->len)
    {
      Mapping dbl;
      cd_import_map_double (g_ptr_array_index (rows, p->header), g_ptr_array_index (rows, p->header + 1), &dbl);
      if (cd_import_map_has_name (&dbl) && dbl.n_fields > p->map.n_fields)
        {
          p->map = dbl;
          p->first_data = (guint) p->header + 2;
        }
    }
  imp->header_row = ((CdSheetRow *) g_ptr_array_index (rows, p->header))->number;

  /* Columns nobody will read: say so, the clerk may have expected them. */
  {
    const CdSheetRow *h = g_ptr_array_index (rows, p->header);
    const CdSheetRow *h2 = p->first_data > (guint) p->header + 1 ? g_ptr_array_index (rows, p->header + 1) : NULL;
    guint n = MAX (h->cells->len, h2 ? h2->cells->len : 0);

    for (guint c = 0; c < n; c++)
      {
        gboolean used = FALSE;
        const char *t = cd_sheet_row_text (h2 && cd_sheet_row_text (h2, (int) c) ? h2 : h, (int) c);
        for (int f = 0; f < N_FIELDS; f++)
          used |= p->map.col[f] == (int) c;
        if (!used && t != NULL && *t)
          g_ptr_array_add (imp->ignored_columns, cd_text_clean (t));
      }
  }

  p->existing = cd_store_list_staff (p->store, error);
  if (p->existing == NULL)
    return FALSE;
  index_init (&p->ix, p->existing);
  for (guint i = 0; i < rows->len; i++)
    if (!take_row (p, g_ptr_array_index (rows, i), i, error))
      return FALSE;
  g_ptr_array_set_size (rows, 0);
  return TRUE;
}

static gboolean
prepare_row_cb (CdSheetRow  *row,
                gpointer     user_data,
                GError     **error)
{
  Prepare *p = user_data;
  g_autoptr(CdSheetRow) r = row;
  guint i = p->n_rows++;

  if (!p->any)
    p->any = !cd_sheet_row_is_blank (r);
  if (!p->decided)
    {
      /* the 15 rows searched, and the one under the last of them for a
       * two-row header */
      g_ptr_array_add (p->head, g_steal_pointer (&r));
      if (p->head->len <= HEADER_SEARCH_ROWS)
        return TRUE;
      return decide_header (p, error);
    }
  if (p->header >= 0)
    return take_row (p, r, i, error);
  return TRUE;
}

CdStaffImport *
cd_staff_import_prepare (CdStore            *store,
                         const char         *path,
                         const char *const  *official_domains,
                         GError            **error)
{
  g_autoptr(CdStaffImport) imp = NULL;
  g_autoptr(GError) local = NULL;
  const char *format = NULL, *encoding = NULL;
  Prepare p = { 0 };
  gboolean ok;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CD_STAFF_IMPORT_ERROR, CD_STAFF_IMPORT_ERROR_FORMAT,
                   _("The file “%s” does not exist or is not a file. Choose the staff list again."), path);
      return NULL;
    }

  imp = g_new0 (CdStaffImport, 1);
  imp->path = g_strdup (path);
  imp->ignored_columns = g_ptr_array_new_with_free_func (g_free);
  imp->skipped = g_ptr_array_new_with_free_func (g_free);
  imp->rows = g_ptr_array_new_with_free_func (cd_import_row_free);

  p.imp = imp;
  p.store = store;
  p.path = path;
  p.domains = official_domains;
  p.head = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_sheet_row_free);
  p.header = -1;

  ok = cd_sheet_foreach_row (path, &format, &encoding, prepare_row_cb, &p, &local);
  if (ok && !p.decided)
    ok = decide_header (&p, &local);
  g_ptr_array_unref (p.head);
  index_clear (&p.ix);
  g_clear_pointer (&p.existing, g_ptr_array_unref);
  if (!ok)
    {
      /* The reader's own errors are this import's format errors. */
      if (local->domain == CD_SHEET_ERROR)
        g_set_error_literal (error, CD_STAFF_IMPORT_ERROR, CD_STAFF_IMPORT_ERROR_FORMAT, local->message);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }

  imp->format = g_strdup (format);
  if (g_strcmp0 (encoding, "WINDOWS-1258") == 0)
    imp->encoding_note = g_strdup (_("The file is not in UTF-8: it was read as Windows-1258 (Vietnamese). Check the names in the preview; to be sure, save it from Excel as “CSV UTF-8”."));
  else if (g_strcmp0 (encoding, "WINDOWS-1252") == 0)
    imp->encoding_note = g_strdup (_("The file is not in UTF-8: it was read as Windows-1252 (Western), which cannot hold Vietnamese letters. Names with “?” are refused; save the file from Excel as “CSV UTF-8” and import it again."));

  if (!p.any)
    {
      g_set_error (error, CD_STAFF_IMPORT_ERROR, CD_STAFF_IMPORT_ERROR_EMPTY,
                   _("“%s” is empty: there is no row to import. Choose the file that holds the staff list."), path);
      return NULL;
    }
  if (p.header < 0)
    {
      g_set_error (error, CD_STAFF_IMPORT_ERROR, CD_STAFF_IMPORT_ERROR_NO_HEADER,
                   _("No header row with a “Họ và tên” column was found in the first %d rows of “%s”. Add a header row naming the columns (Họ và tên, Ngày sinh, Số CCCD, Điện thoại, Email…) and import again."),
                   HEADER_SEARCH_ROWS, path);
      return NULL;
    }
  if (imp->n_added + imp->n_updated + imp->n_unchanged + imp->n_rejected == 0)
    {
      g_set_error (error, CD_STAFF_IMPORT_ERROR, CD_STAFF_IMPORT_ERROR_EMPTY,
                   _("“%s” has a header row but no staff rows under it. Fill in the list and import again."), path);
      return NULL;
    }
  return g_steal_pointer (&imp);
}

void
cd_staff_import_summary_foreach (const CdStaffImport *imp,
                                 void               (*func) (const char *line, gpointer user_data),
                                 gpointer             user_data)
{
  g_autoptr(GString) s = g_string_new (NULL);

  /* One line at a time: a 30,000-row file with a warning on every row
   * would otherwise be held twice, in the rows and in one string. */
#define FLUSH() G_STMT_START { g_string_append_c (s, '\n'); func (s->str, user_data); g_string_truncate (s, 0); } G_STMT_END
  g_string_append_printf (s, _("File: %s (%s), header on row %u"), imp->path, imp->format, imp->header_row);
  FLUSH ();
  if (imp->encoding_note)
    {
      g_string_append (s, imp->encoding_note);
      FLUSH ();
    }
  g_string_append_printf (s, _("To add: %u, to update: %u, unchanged: %u, rejected: %u"),
                          imp->n_added, imp->n_updated, imp->n_unchanged, imp->n_rejected);
  FLUSH ();
  if (imp->ignored_columns->len > 0)
    {
      g_string_append (s, _("Columns not used:"));
      for (guint i = 0; i < imp->ignored_columns->len; i++)
        g_string_append_printf (s, "%s “%s”", i ? "," : "", (char *) g_ptr_array_index (imp->ignored_columns, i));
      FLUSH ();
    }
  for (guint i = 0; i < imp->skipped->len; i++)
    {
      g_string_append (s, g_ptr_array_index (imp->skipped, i));
      FLUSH ();
    }
  for (guint i = 0; i < imp->rows->len; i++)
    {
      const CdImportRow *r = g_ptr_array_index (imp->rows, i);

      if (r->action == CD_IMPORT_REJECT)
        {
          g_string_append_printf (s, _("Row %u rejected: %s"), r->row, r->reason);
          FLUSH ();
        }
      for (guint j = 0; j < r->warnings->len; j++)
        {
          g_string_append_printf (s, _("Row %u, check: %s"), r->row, (char *) g_ptr_array_index (r->warnings, j));
          FLUSH ();
        }
    }
  if (imp->n_unlisted > 0)
    {
      g_string_append_printf (s, ngettext ("%u more row rejected or to check is not listed.",
                                           "%u more rows rejected or to check are not listed.",
                                           imp->n_unlisted), imp->n_unlisted);
      FLUSH ();
    }
#undef FLUSH
}

static void
append_line (const char *line, gpointer user_data)
{
  g_string_append (user_data, line);
}

char *
cd_staff_import_summary (const CdStaffImport *imp)
{
  GString *s = g_string_new (NULL);

  cd_staff_import_summary_foreach (imp, append_line, s);
  return g_string_free (s, FALSE);
}

/* ---- Worker thread ---------------------------------------------------- */

typedef struct {
  char  *path;
  GStrv  domains;
} PrepareData;

static void
prepare_data_free (gpointer p)
{
  PrepareData *d = p;
  g_free (d->path);
  g_strfreev (d->domains);
  g_free (d);
}

static gpointer
prepare_work (CdStore       *worker_store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  PrepareData *d = data;

  return cd_staff_import_prepare (worker_store, d->path, (const char *const *) d->domains, error);
}

void
cd_staff_import_prepare_async (CdStore            *store,
                               const char         *path,
                               const char *const  *official_domains,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  PrepareData *d = g_new0 (PrepareData, 1);

  d->path = g_strdup (path);
  d->domains = g_strdupv ((char **) official_domains);
  /* Reads only: nothing to announce when it is done. */
  cd_store_run_async (store, prepare_work, d, prepare_data_free,
                      (GDestroyNotify) cd_staff_import_free, NULL,
                      cd_staff_import_prepare_async,
                      cancellable, callback, user_data);
}

CdStaffImport *
cd_staff_import_prepare_finish (CdStore       *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  return cd_store_run_finish (store, result, cd_staff_import_prepare_async, error);
}
