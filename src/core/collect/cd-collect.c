/* cd-collect.c — reading every school's list, checking it as the Sở
 * would, and keeping each person once
 *
 * One pass over the files, one file in memory at a time: each file's rows
 * are checked as they are read and only the people kept stay. Then the
 * whole is settled: a unit that came again in a later file (a corrected
 * list) keeps only the later file's rows; people are grouped by unit in
 * the order the units first came; the same person (same CCCD, else the
 * same accent-free name and birth date) is kept once, the other place
 * reported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cd-collect-private.h"
#include "cd-docx.h"
#include "cd-fileutil.h"
#include "cd-text.h"
#include "cd-validate.h"

G_DEFINE_QUARK (cd-collect-error-quark, cd_collect_error)

/* ---- Freeing ------------------------------------------------------------ */

static void
issue_free (CdCollectIssue *issue)
{
  g_free (issue->name);
  g_free (issue->message);
  g_free (issue);
}

static void
person_free (CdCollectPerson *p)
{
  if (p == NULL)
    return;
  g_free (p->full_name);
  g_free (p->birth_date);
  g_free (p->gender);
  g_free (p->position);
  g_free (p->unit);
  g_free (p->cccd);
  g_free (p->cccd_date);
  g_free (p->cccd_place);
  g_free (p->phone);
  g_free (p->email);
  g_free (p->serial);
  g_free (p->cert_info);
  g_free (p->cert_from);
  g_free (p->cert_to);
  g_free (p->provider);
  g_free (p->reason);
  g_free (p->change);
  g_free (p->device);
  g_free (p->note);
  g_free (p);
}

static void
file_free (CdCollectFile *f)
{
  g_free (f->path);
  g_free (f->name);
  g_free (f->problem);
  g_free (f->unit);
  g_free (f->title);
  g_clear_pointer (&f->issues, g_ptr_array_unref);
  g_free (f);
}

void
cd_collect_result_free (CdCollectResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->files, g_ptr_array_unref);
  g_clear_pointer (&result->people, g_ptr_array_unref);
  g_clear_pointer (&result->units, g_ptr_array_unref);
  g_clear_pointer (&result->other, cd_collect_result_free);
  g_free (result);
}

void
cd_collect_totals (const CdCollectResult *result,
                   CdCollectTotals       *totals)
{
  memset (totals, 0, sizeof *totals);
  for (const CdCollectResult *r = result; r != NULL; r = r->other)
    {
      totals->n_read += r->n_read;
      totals->n_kept += r->n_kept;
      totals->n_rejected += r->n_rejected;
      totals->n_duplicates += r->n_duplicates;
      totals->n_replaced += r->n_replaced;
      totals->n_files_read += r->n_files_read;
      totals->n_files_skipped += r->n_files_skipped;
      totals->n_units += r->units->len;
    }
}

static void
add_issue (CdCollectFile      *f,
           CdCollectIssueKind  kind,
           guint               row,
           const char         *name,
           char               *message,
           int                 other_file,
           guint               other_row)
{
  CdCollectIssue *issue = g_new0 (CdCollectIssue, 1);

  issue->kind = kind;
  issue->row = row;
  issue->name = g_strdup (name);
  issue->message = message;
  issue->other_file = other_file;
  issue->other_row = other_row;
  g_ptr_array_add (f->issues, issue);
}

/* ---- Paths -------------------------------------------------------------- */

static gboolean
is_list_name (const char *name)
{
  static const char *const exts[] = { ".docx", ".xlsx", ".csv", ".doc", ".xls" };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  /* Word's lock files (~$name.docx) and hidden files are not lists */
  if (name[0] == '.' || g_str_has_prefix (name, "~$"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    if (g_str_has_suffix (lower, exts[i]))
      return TRUE;
  return FALSE;
}

static int
name_cmp (gconstpointer a,
          gconstpointer b)
{
  /* collate keys for file names: "truong-2" before "truong-10" */
  const char *ka = *(char * const *) a;
  const char *kb = *(char * const *) b;
  g_autofree char *ca = g_utf8_collate_key_for_filename (ka, -1);
  g_autofree char *cb = g_utf8_collate_key_for_filename (kb, -1);

  return strcmp (ca, cb);
}

GPtrArray *
cd_collect_expand_paths (const char *const  *paths,
                         GError            **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      if (g_file_test (paths[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (paths[i], 0, error);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          const char *entry;

          if (dir == NULL)
            return NULL;
          while ((entry = g_dir_read_name (dir)) != NULL)
            {
              g_autofree char *child = g_build_filename (paths[i], entry, NULL);
              if (is_list_name (entry) && g_file_test (child, G_FILE_TEST_IS_REGULAR))
                g_ptr_array_add (names, g_strdup (entry));
            }
          g_ptr_array_sort (names, name_cmp);
          for (guint k = 0; k < names->len; k++)
            g_ptr_array_add (out, g_build_filename (paths[i], g_ptr_array_index (names, k), NULL));
        }
      else
        g_ptr_array_add (out, g_strdup (paths[i]));
    }
  if (out->len == 0)
    {
      g_set_error_literal (error, CD_COLLECT_ERROR, CD_COLLECT_ERROR_NO_FILES,
                           _("No list to collect: give Word files (.docx), Excel sheets (.xlsx) or a folder holding them."));
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* ---- Checking one row ------------------------------------------------------ */

/* A unit's own name ("Trường THCS Lê Lợi", "UBND xã An Lão"), not a
 * department of one ("Tổ Toán - Tin"): the Đơn vị column of a school's
 * own list often holds its departments. */
static gboolean
looks_like_unit (const char *text)
{
  static const char *const starts[] = {
    "truong", "ubnd", "uy ban", "phong ", "so ", "trung tam", "mam non", "mau giao",
    "tieu hoc", "thcs", "thpt", "th ", "tieu hoc", "nha tre", "van phong", "ban ",
    "cong ty", "benh vien", "tram ", "xa ", "phuong ", "dac khu", "hoi ", "cuc ",
  };
  g_autofree char *k = cd_text_search_key (text);

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    if (g_str_has_prefix (k, starts[i]))
      return TRUE;
  return FALSE;
}

static char *
file_unit_fallback (const char *name)
{
  const char *dot = strrchr (name, '.');

  return g_strndup (name, dot != NULL && dot != name ? (gsize) (dot - name) : strlen (name));
}

typedef struct {
  const char *today;
  GPtrArray  *reasons;   /* char *: why the row is refused */
  GPtrArray  *warnings;  /* char *: kept, but worth a look */
} Check;

static char *
check_date (Check      *ck,
            const char *text,
            const char *label)
{
  g_autofree char *iso = NULL;
  char *msg = NULL;

  if (text == NULL)
    return NULL;
  iso = cd_text_parse_date (text);
  if (iso == NULL)
    {
      g_ptr_array_add (ck->reasons,
                       /* Translators: %s is a field (“The birth date”), then the text */
                       g_strdup_printf (_("%s “%s” is not a date: write it as day/month/year, for example 07/03/1985."),
                                        label, text));
      return NULL;
    }
  if (cd_validate_past_date (iso, ck->today, label, &msg) != CD_CHECK_OK)
    {
      g_ptr_array_add (ck->reasons, msg);
      return NULL;
    }
  return g_steal_pointer (&iso);
}

/* The longest run of 8 or more hexadecimal digits: the serial that a
 * revocation list's free text names ("Số hiệu: 5403A1B2…; hiệu lực …",
 * "Serial 54 04…" is left alone: a run cut by spaces is not one). */
static char *
serial_in_text (const char *text)
{
  const char *best = NULL;
  gsize best_len = 0;

  for (const char *c = text; *c;)
    {
      const char *start = c;
      gboolean hex = TRUE, digit = FALSE;

      if (!g_ascii_isalnum (*c))
        {
          c++;
          continue;
        }
      while (g_ascii_isalnum (*c))
        {
          hex = hex && g_ascii_isxdigit (*c);
          digit = digit || g_ascii_isdigit (*c);
          c++;
        }
      if (hex && digit && (gsize) (c - start) >= 8 && (gsize) (c - start) > best_len)
        {
          best = start;
          best_len = (gsize) (c - start);
        }
    }
  return best != NULL ? g_ascii_strup (best, (gssize) best_len) : NULL;
}

/* A revocation list's "Thông tin chứng thư số" is free text: its serial
 * and validity dates are read out of it, so the collected list writes
 * them again (cd_doc_field_value's thong_tin_cts) instead of an empty
 * "Số hiệu: ; hiệu lực  - ". What cannot be read stays in the note. */
static void
read_cert_info (CdCollectPerson *p)
{
  g_autoptr(GRegex) re = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *serial = NULL;

  if (p->cert_info == NULL)
    return;
  re = g_regex_new ("(?<![0-9])[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{4}(?![0-9])", 0, 0, NULL);
  serial = serial_in_text (p->cert_info);
  if (p->serial == NULL)
    p->serial = g_strdup (serial);
  g_regex_match (re, p->cert_info, 0, &match);
  while (g_match_info_matches (match) && p->cert_to == NULL)
    {
      g_autofree char *word = g_match_info_fetch (match, 0);
      char *iso = cd_text_parse_date (word);

      if (iso != NULL && p->cert_from == NULL)
        p->cert_from = iso;
      else if (iso != NULL)
        p->cert_to = iso;
      g_match_info_next (match, NULL);
    }
  if (serial == NULL && p->cert_from == NULL)
    {
      char *note = p->note != NULL ? g_strconcat (p->note, "; ", p->cert_info, NULL)
                                   : g_strdup (p->cert_info);
      g_free (p->note);
      p->note = note;
    }
}

static CdCollectPerson *
check_row (const CdCollectRead *read,
           const CdCollectRaw  *raw,
           const char          *file_unit,
           Check               *ck)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  CdCollectPerson *p = g_new0 (CdCollectPerson, 1);
  char *const *v = raw->v;

  ck->reasons = reasons;
  p->row = raw->row;
  p->full_name = g_strdup (v[CF_NAME]);
  if (p->full_name == NULL)
    g_ptr_array_add (reasons, g_strdup (_("The row has no full name.")));
  else
    {
      /* as the register refuses it (cd-staff-import) */
      for (const char *c = p->full_name; *c; c++)
        if (g_ascii_isdigit (*c))
          {
            g_ptr_array_add (reasons, g_strdup_printf (_("The full name “%s” contains digits: check that the columns were not shifted."), p->full_name));
            break;
          }
    }

  p->birth_date = check_date (ck, v[CF_BIRTH], _("The birth date"));
  if (v[CF_BIRTH] == NULL && read->has_column[CF_BIRTH])
    g_ptr_array_add (ck->warnings, g_strdup (_("The birth date is missing.")));
  p->gender = cd_validate_gender (v[CF_GENDER]);

  if (v[CF_CCCD] != NULL)
    {
      g_autofree char *text = g_strdup (v[CF_CCCD]);
      char *msg = NULL;
      CdCheck c;

      /* Excel keeps a CCCD typed as a number without its leading zero. */
      if (raw->cccd_numeric && strlen (text) == 11)
        {
          char *padded = g_strconcat ("0", text, NULL);
          g_ptr_array_add (ck->warnings, g_strdup_printf (_("The sheet stored the CCCD as a number: read as “%s”. Format the column as text."), padded));
          g_free (text);
          text = padded;
        }
      c = cd_validate_cccd (text, p->birth_date, p->gender, &p->cccd, &msg);
      if (c == CD_CHECK_ERROR)
        {
          g_ptr_array_add (reasons, msg);
          g_clear_pointer (&p->cccd, g_free);
        }
      else if (c == CD_CHECK_WARNING)
        g_ptr_array_add (ck->warnings, msg);
      else
        g_free (msg);
    }
  else if (read->has_column[CF_CCCD])
    g_ptr_array_add (reasons, g_strdup (_("The CCCD number is empty.")));

  p->cccd_date = check_date (ck, v[CF_CCCD_DATE], _("The CCCD issue date"));
  if (p->cccd_date != NULL && p->birth_date != NULL && strcmp (p->cccd_date, p->birth_date) < 0)
    g_ptr_array_add (reasons, g_strdup (_("The CCCD issue date is before the birth date. Check both against the card.")));
  p->cccd_place = g_strdup (v[CF_CCCD_PLACE]);

  if (v[CF_PHONE] != NULL)
    {
      char *msg = NULL;
      if (cd_validate_phone (v[CF_PHONE], &p->phone, &msg) == CD_CHECK_ERROR)
        g_ptr_array_add (reasons, msg);
      else
        g_free (msg);
    }
  if (v[CF_EMAIL] != NULL)
    {
      char *msg = NULL;
      if (cd_validate_email (v[CF_EMAIL], NULL, &p->email, &msg) == CD_CHECK_ERROR)
        g_ptr_array_add (reasons, msg);
      else
        g_free (msg);
    }

  p->position = g_strdup (v[CF_POSITION]);
  p->serial = g_strdup (v[CF_SERIAL]);
  p->cert_info = g_strdup (v[CF_CERT_INFO]);
  p->provider = g_strdup (v[CF_PROVIDER]);
  p->reason = g_strdup (v[CF_REASON]);
  p->change = g_strdup (v[CF_CHANGE]);
  p->device = g_strdup (v[CF_DEVICE]);
  p->note = g_strdup (v[CF_NOTE]);
  read_cert_info (p);

  /* The school: a unit named in the Đơn vị column (a list already
   * collected), else the frame's, else the file's name. */
  if (v[CF_UNIT] != NULL && looks_like_unit (v[CF_UNIT]))
    p->unit = g_strdup (v[CF_UNIT]);
  else
    p->unit = g_strdup (file_unit);

  if (reasons->len > 0)
    {
      ck->reasons = NULL;
      person_free (p);
      /* the caller reads the reasons */
      g_ptr_array_extend_and_steal (ck->warnings, g_steal_pointer (&reasons));
      return NULL;
    }
  ck->reasons = NULL;
  return p;
}

/* ---- The run ------------------------------------------------------------ */

typedef struct {
  GPtrArray  *people;   /* CdCollectPerson kept from this file */
} FileRows;

static void
file_rows_free (FileRows *fr)
{
  if (fr == NULL)
    return;
  g_clear_pointer (&fr->people, g_ptr_array_unref);
  g_free (fr);
}

static char *
join_reasons (GPtrArray *reasons,
              guint      from)
{
  GString *s = g_string_new (NULL);

  for (guint i = from; i < reasons->len; i++)
    {
      if (s->len > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, g_ptr_array_index (reasons, i));
    }
  return g_string_free (s, FALSE);
}

/* Reads one file into @f and returns its people, NULL when unread. */
static GPtrArray *
collect_file (CdCollectFile *f,
              const char    *today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCollectRead) read = cd_collect_read_file (f->path, &error);
  g_autofree char *file_unit = NULL;
  GPtrArray *people;

  if (read == NULL)
    {
      f->status = CD_COLLECT_FILE_SKIPPED;
      f->problem = g_strdup (error->message);
      return NULL;
    }
  f->format = read->format;
  f->unit = g_strdup (read->unit);
  f->title = g_strdup (read->title);
  f->kind = cd_collect_kind_from_title (read->title);
  f->kind_source = f->kind != NULL ? CD_COLLECT_KIND_TITLE : CD_COLLECT_KIND_ASSUMED;
  /* a title of the school's own wording ("DANH SÁCH") names no kind: a
   * revocation list still has a revocation list's columns. A request's
   * columns do not tell which request it is. */
  if (f->kind == NULL && read->revocation)
    {
      f->kind = "thu-hoi";
      f->kind_source = CD_COLLECT_KIND_COLUMNS;
    }
  file_unit = read->unit != NULL ? g_strdup (read->unit) : file_unit_fallback (f->name);
  people = g_ptr_array_new_with_free_func ((GDestroyNotify) person_free);
  for (guint r = 0; r < read->rows->len; r++)
    {
      const CdCollectRaw *raw = g_ptr_array_index (read->rows, r);
      g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
      Check ck = { today, NULL, notes };
      CdCollectPerson *p;
      guint n_warnings;

      f->n_read++;
      p = check_row (read, raw, file_unit, &ck);
      if (p == NULL)
        {
          /* warnings first, then the reasons appended by check_row */
          f->n_rejected++;
          add_issue (f, CD_COLLECT_ISSUE_REJECTED, raw->row, raw->v[CF_NAME],
                     join_reasons (notes, 0), -1, 0);
          continue;
        }
      n_warnings = notes->len;
      if (n_warnings > 0)
        add_issue (f, CD_COLLECT_ISSUE_WARNING, raw->row, p->full_name,
                   join_reasons (notes, 0), -1, 0);
      g_ptr_array_add (people, p);
    }
  if (f->n_read == 0)
    {
      f->problem = g_strdup (_("The list is empty: its table has no one in it."));
    }
  return people;
}

static int
issue_row_cmp (gconstpointer a,
               gconstpointer b)
{
  const CdCollectIssue *ia = *(CdCollectIssue * const *) a;
  const CdCollectIssue *ib = *(CdCollectIssue * const *) b;

  return ia->row < ib->row ? -1 : ia->row > ib->row;
}

/* The index of the file that had @key already, else -1 (and @key is
 * remembered as file @index's). */
static int
file_seen (GHashTable *seen,
           const char *key,
           guint       index)
{
  gpointer other;

  if (key == NULL)
    return -1;
  if (g_hash_table_lookup_extended (seen, key, NULL, &other))
    return (int) GPOINTER_TO_UINT (other);
  g_hash_table_insert (seen, g_strdup (key), GUINT_TO_POINTER (index));
  return -1;
}

static char *
person_name_key (const CdCollectPerson *p)
{
  g_autofree char *k = NULL;

  if (p->birth_date == NULL)
    return NULL;
  k = cd_text_search_key (p->full_name);
  return g_strconcat (k, "|", p->birth_date, NULL);
}

/* Settles the whole: replaced units, order by unit, duplicates. */
static void
settle (CdCollectResult *res,
        GPtrArray       *rows_by_file)
{
  g_autoptr(GHashTable) unit_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) unit_last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) buckets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) by_cccd = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* The units in the order they first came; the last file naming each.
   * From here each person is either moved into the result or freed. */
  for (guint i = 0; i < rows_by_file->len; i++)
    {
      FileRows *fr = g_ptr_array_index (rows_by_file, i);
      if (fr != NULL)
        g_ptr_array_set_free_func (fr->people, NULL);
      for (guint k = 0; fr != NULL && k < fr->people->len; k++)
        {
          CdCollectPerson *p = g_ptr_array_index (fr->people, k);
          char *key = cd_text_search_key (p->unit);

          if (!g_hash_table_contains (unit_index, key))
            {
              g_hash_table_insert (unit_index, g_strdup (key), GUINT_TO_POINTER (res->units->len));
              g_ptr_array_add (res->units, g_strdup (p->unit));
              g_ptr_array_add (buckets, g_ptr_array_new ());
            }
          g_hash_table_insert (unit_last, key, GUINT_TO_POINTER (i));
        }
    }

  for (guint i = 0; i < rows_by_file->len; i++)
    {
      FileRows *fr = g_ptr_array_index (rows_by_file, i);
      CdCollectFile *f = g_ptr_array_index (res->files, i);
      int replaced_by = -1;

      for (guint k = 0; fr != NULL && k < fr->people->len; k++)
        {
          CdCollectPerson *p = g_ptr_array_index (fr->people, k);
          g_autofree char *key = cd_text_search_key (p->unit);
          guint last = GPOINTER_TO_UINT (g_hash_table_lookup (unit_last, key));

          p->file = i;
          if (last != i)
            {
              CdCollectFile *later = g_ptr_array_index (res->files, last);
              f->n_replaced++;
              replaced_by = (int) last;
              add_issue (f, CD_COLLECT_ISSUE_REPLACED, p->row, p->full_name,
                         g_strdup_printf (_("Replaced: “%s” sent its list again in “%s”, which is used instead."),
                                          p->unit, later->name),
                         (int) last, 0);
              person_free (p);
              continue;
            }
          g_ptr_array_add (g_ptr_array_index (buckets, GPOINTER_TO_UINT (g_hash_table_lookup (unit_index, key))), p);
        }
      if (replaced_by >= 0 && f->n_replaced == fr->people->len)
        {
          CdCollectFile *later = g_ptr_array_index (res->files, replaced_by);
          f->status = CD_COLLECT_FILE_REPLACED;
          g_free (f->problem);
          f->problem = g_strdup_printf (_("Replaced by “%s”, a later list of the same unit: only the later one is used."),
                                        later->name);
        }
    }

  /* Each person once, in unit order. */
  for (guint u = 0; u < buckets->len; u++)
    {
      GPtrArray *bucket = g_ptr_array_index (buckets, u);
      for (guint k = 0; k < bucket->len; k++)
        {
          CdCollectPerson *p = g_ptr_array_index (bucket, k);
          CdCollectFile *f = g_ptr_array_index (res->files, p->file);
          CdCollectPerson *other = NULL;
          g_autofree char *name_key = person_name_key (p);
          gboolean by_number = FALSE;

          if (p->cccd != NULL)
            {
              other = g_hash_table_lookup (by_cccd, p->cccd);
              by_number = other != NULL;
            }
          if (other == NULL && name_key != NULL)
            {
              CdCollectPerson *same = g_hash_table_lookup (by_name, name_key);
              /* Two CCCD numbers are two people with the same name and
               * birth date: kept, but said. */
              if (same != NULL && same->cccd != NULL && p->cccd != NULL)
                add_issue (f, CD_COLLECT_ISSUE_WARNING, p->row, p->full_name,
                           g_strdup_printf (_("Same name and birth date as row %u of “%s”, but another CCCD number: two people, or a mistyped number?"),
                                            same->row,
                                            ((CdCollectFile *) g_ptr_array_index (res->files, same->file))->name),
                           (int) same->file, same->row);
              else
                other = same;
            }
          if (other != NULL)
            {
              CdCollectFile *of = g_ptr_array_index (res->files, other->file);
              f->n_duplicates++;
              add_issue (f, CD_COLLECT_ISSUE_DUPLICATE, p->row, p->full_name,
                         by_number
                         ? g_strdup_printf (_("Listed twice: the same CCCD number %s is already in row %u of “%s” (%s); kept there."),
                                            p->cccd, other->row, of->name, other->unit)
                         : g_strdup_printf (_("Listed twice: the same name and birth date are already in row %u of “%s” (%s); kept there."),
                                            other->row, of->name, other->unit),
                         (int) other->file, other->row);
              person_free (p);
              continue;
            }
          if (p->cccd != NULL)
            g_hash_table_insert (by_cccd, p->cccd, p);
          if (name_key != NULL && !g_hash_table_contains (by_name, name_key))
            g_hash_table_insert (by_name, g_steal_pointer (&name_key), p);
          f->n_kept++;
          g_ptr_array_add (res->people, p);
        }
    }

}

/* The kind most lists of @list are (the first of a tie), counting the
 * files whose people were kept or, before the whole is settled
 * (@rows_by_file not NULL), those with people to keep; @source says
 * whether a title said it (TITLE) or only columns did (COLUMNS). */
static const char *
main_kind (GPtrArray           *files,
           GPtrArray           *rows_by_file,
           guint                list,
           CdCollectKindSource *source)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree gboolean *counted = g_new0 (gboolean, files->len);
  const char *best = NULL;
  guint best_n = 0;

  for (guint i = 0; i < files->len; i++)
    {
      CdCollectFile *f = g_ptr_array_index (files, i);
      FileRows *fr = rows_by_file != NULL ? g_ptr_array_index (rows_by_file, i) : NULL;
      guint n;

      counted[i] = f->kind != NULL && f->list == list
                   && (rows_by_file != NULL ? fr != NULL && fr->people->len > 0 : f->n_kept > 0);
      if (!counted[i])
        continue;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, f->kind)) + 1;
      g_hash_table_insert (counts, (gpointer) f->kind, GUINT_TO_POINTER (n));
      if (n > best_n)
        {
          best = f->kind;
          best_n = n;
        }
    }
  *source = CD_COLLECT_KIND_ASSUMED;
  for (guint i = 0; best != NULL && i < files->len; i++)
    {
      CdCollectFile *f = g_ptr_array_index (files, i);

      if (counted[i] && g_strcmp0 (f->kind, best) == 0
          && (*source == CD_COLLECT_KIND_ASSUMED || f->kind_source == CD_COLLECT_KIND_TITLE))
        *source = f->kind_source;
    }
  return best;
}

/* Puts each file read on the first list or the second: a file whose kind
 * is of the other sort (request or revocation) than the kind most lists
 * are goes on the second, the rest — the files whose kind is unknown too —
 * on the first. FALSE, all on the first, when no file with people to keep
 * is of the other sort. */
static gboolean
split_files (GPtrArray *files,
             GPtrArray *rows_by_file)
{
  CdCollectKindSource source;
  const char *first = main_kind (files, rows_by_file, 0, &source);
  gboolean second = FALSE;

  if (first == NULL)
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      CdCollectFile *f = g_ptr_array_index (files, i);
      FileRows *fr = g_ptr_array_index (rows_by_file, i);

      if (f->kind != NULL && cd_form_kind_revocation (f->kind) != cd_form_kind_revocation (first)
          && fr != NULL && fr->people->len > 0)
        {
          f->list = 1;
          second = TRUE;
        }
    }
  return second;
}

static CdCollectResult *
result_new (GPtrArray *files)
{
  CdCollectResult *res = g_new0 (CdCollectResult, 1);

  res->files = files;
  res->people = g_ptr_array_new_with_free_func ((GDestroyNotify) person_free);
  res->units = g_ptr_array_new_with_free_func (g_free);
  return res;
}

/* Settles the people of @res's own files (CdCollectFile.list == @list)
 * and counts them. */
static void
settle_list (CdCollectResult *res,
             GPtrArray       *rows_by_file,
             guint            list)
{
  g_autoptr(GPtrArray) own = g_ptr_array_new ();
  CdCollectKindSource source;

  for (guint i = 0; i < res->files->len; i++)
    {
      CdCollectFile *f = g_ptr_array_index (res->files, i);

      g_ptr_array_add (own, f->list == list ? g_ptr_array_index (rows_by_file, i) : NULL);
    }
  settle (res, own);
  for (guint i = 0; i < res->files->len; i++)
    {
      CdCollectFile *f = g_ptr_array_index (res->files, i);

      if (f->list != list)
        continue;
      /* A row's problems are found as it is read (rejected, warnings) and
       * when the whole is settled (replaced, listed twice): the school
       * reads them in row order. The sort is stable, so one row's keep
       * the order they were found in. */
      g_ptr_array_sort (f->issues, issue_row_cmp);
      if (f->status == CD_COLLECT_FILE_READ)
        res->n_files_read++;
      else if (f->status == CD_COLLECT_FILE_SKIPPED)
        res->n_files_skipped++;
      res->n_read += f->n_read;
      res->n_kept += f->n_kept;
      res->n_rejected += f->n_rejected;
      res->n_duplicates += f->n_duplicates;
      res->n_replaced += f->n_replaced;
    }
  res->kind = main_kind (res->files, NULL, list, &source);
  res->kind_source = source;
}

CdCollectResult *
cd_collect_run (const char *const     *paths,
                const char            *today_iso,
                CdCollectProgressFunc  progress,
                gpointer               progress_data,
                GCancellable          *cancellable,
                GError               **error)
{
  g_autoptr(GPtrArray) expanded = cd_collect_expand_paths (paths, error);
  g_autoptr(CdCollectResult) res = NULL;
  g_autoptr(GPtrArray) rows_by_file = NULL;
  g_autoptr(GHashTable) seen_real = NULL;
  g_autoptr(GHashTable) seen_sha = NULL;
  g_autofree char *today = today_iso ? g_strdup (today_iso) : cd_text_today_iso ();

  if (expanded == NULL)
    return NULL;
  res = result_new (g_ptr_array_new_with_free_func ((GDestroyNotify) file_free));
  rows_by_file = g_ptr_array_new_with_free_func ((GDestroyNotify) file_rows_free);
  seen_real = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  seen_sha = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < expanded->len; i++)
    {
      const char *path = g_ptr_array_index (expanded, i);
      CdCollectFile *f = g_new0 (CdCollectFile, 1);
      g_autofree char *real = realpath (path, NULL);
      int real_errno = errno;
      g_autofree char *sha = NULL;
      int same = -1;
      GPtrArray *people = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          file_free (f);
          return NULL;
        }
      f->path = g_strdup (path);
      f->name = g_path_get_basename (path);
      f->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) issue_free);
      g_ptr_array_add (res->files, f);

      /* The same file given twice (by two paths, or copied): once. */
      same = file_seen (seen_real, real, i);
      if (same < 0 && real != NULL)
        {
          sha = cd_file_sha256_hex (real, NULL);
          same = file_seen (seen_sha, sha, i);
        }
      if (same >= 0)
        {
          CdCollectFile *first = g_ptr_array_index (res->files, same);
          f->status = CD_COLLECT_FILE_SAME;
          f->problem = g_strdup_printf (_("The same file as “%s”: counted once."), first->path);
        }
      else if (real == NULL)
        {
          g_autoptr(GError) unread = NULL;

          cd_file_set_read_error (&unread, f->name, real_errno);
          f->status = CD_COLLECT_FILE_SKIPPED;
          f->problem = g_strdup (unread->message);
        }
      else
        people = collect_file (f, today);

      if (people != NULL)
        {
          FileRows *fr = g_new0 (FileRows, 1);
          fr->people = people;
          g_ptr_array_add (rows_by_file, fr);
        }
      else
        g_ptr_array_add (rows_by_file, NULL);
      if (progress != NULL)
        progress (i + 1, expanded->len, path, progress_data);
    }

  if (split_files (res->files, rows_by_file))
    {
      CdCollectKindSource source;
      const char *first = main_kind (res->files, rows_by_file, 0, &source);

      res->other = result_new (g_ptr_array_ref (res->files));
      res->other->second = TRUE;
      settle_list (res, rows_by_file, 0);
      settle_list (res->other, rows_by_file, 1);
      /* the first list's own lists were all listed again elsewhere on it:
       * it is still of their kind, not one assumed */
      if (res->kind == NULL)
        {
          res->kind = first;
          res->kind_source = source;
        }
    }
  else
    settle_list (res, rows_by_file, 0);
  return g_steal_pointer (&res);
}
