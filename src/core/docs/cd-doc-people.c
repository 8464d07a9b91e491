/* cd-doc-people.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "cd-cert-pick.h"
#include "cd-device-link.h"
#include "cd-doc-people.h"
#include "cd-doc-templates.h"
#include "cd-docx.h"
#include "cd-sql.h"
#include "cd-text.h"
#include "cd-staff-pager.h"

/* The row's certificate as documents of @kind may name it: a paper for
 * the Ban Cơ yếu never carries a commercial certificate. */
static gint64
row_cert_id (const char       *kind,
             const CdStaffRow *row)
{
  if (cd_cert_kind_is_government (kind) && row->cert_track != CD_CERT_TRACK_GOVERNMENT)
    return 0;
  return row->cert_id;
}

gboolean
cd_doc_kind_needs_choice (const char *kind)
{
  static const char *with_default[] = { "cap-moi", "mau-01", "bulk", "hom-thu", "gia-han",
                                        "mau-04", "thu-hoi", "mau-05", "register" };

  if (cd_doc_kind_is_unit (kind))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (with_default); i++)
    if (g_str_equal (kind, with_default[i]))
      return FALSE;
  return TRUE;
}

static gboolean
blank (const char *s)
{
  for (; s != NULL && *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

gboolean
cd_doc_kind_check_unit (const char    *kind,
                        const CdUnit  *unit,
                        GError       **error)
{
  if (!cd_doc_kind_is_unit (kind))
    return TRUE;
  if (unit == NULL || blank (unit->name))
    {
      g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_FAILED,
                   _("The unit has no name yet: run certdesk --set-unit=name=… or enter it in Preferences."));
      return FALSE;
    }
  if (g_str_equal (kind, "mau-02") && blank (unit->tax_code))
    {
      g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_FAILED,
                   _("The unit has no tax code yet: run certdesk --set-unit=tax_code=… or enter it in Preferences."));
      return FALSE;
    }
  return TRUE;
}

gboolean
cd_doc_context_check_header (const CdDocContext  *ctx,
                             GError             **error)
{
  if (!blank (ctx->unit->name))
    return TRUE;
  g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_FAILED,
               _("The unit has no name yet: run certdesk --set-unit=name=… or enter it in Preferences."));
  return FALSE;
}

gboolean
cd_doc_context_check_people (const CdDocContext  *ctx,
                             const char          *kind,
                             GError             **error)
{
  if (cd_doc_kind_is_unit (kind) || ctx->people->len > 0)
    return TRUE;
  g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_FAILED,
               _("The list names nobody: no one in the register is due a document of kind “%s”. Nothing was written. Choose the people with --staff=ID,ID… (numbers from the staff list)."),
               kind);
  return FALSE;
}

static gboolean
suggested (const char       *kind,
           const CdStaffRow *row)
{
  gboolean has_cert = row_cert_id (kind, row) != 0;
  CdCertStatus status = has_cert ? row->status : CD_CERT_STATUS_NONE;

  if (cd_doc_kind_is_unit (kind))
    return FALSE;
  if (g_str_equal (kind, "register"))
    return TRUE;
  /* the wizard's rule: no certificate in force (none, expired, revoked) */
  if (g_str_equal (kind, "cap-moi") || g_str_equal (kind, "mau-01") || g_str_equal (kind, "bulk"))
    return !row->left && !cd_cert_status_in_force (status);
  if (g_str_equal (kind, "hom-thu"))
    return !row->left && (row->email == NULL || *row->email == '\0');
  if (g_str_equal (kind, "gia-han") || g_str_equal (kind, "mau-04"))
    return !row->left && status == CD_CERT_STATUS_EXPIRING;
  if (g_str_equal (kind, "thu-hoi") || g_str_equal (kind, "mau-05"))
    return row->left && has_cert && status != CD_CERT_STATUS_REVOKED
           && status != CD_CERT_STATUS_EXPIRED;
  return FALSE;
}

/* A renewal extends a certificate still in force: one already expired
 * cannot be renewed (the Cục refuses the request), its holder needs a new
 * certificate. Leaves such a row out of a renewal list with a note. */
static gboolean
renewable (CdDocContext     *ctx,
           const char       *kind,
           const CdStaffRow *row)
{
  g_autofree char *until = NULL;

  if (!g_str_equal (kind, "gia-han") && !g_str_equal (kind, "mau-04"))
    return TRUE;
  if (row_cert_id (kind, row) == 0 || row->status != CD_CERT_STATUS_EXPIRED)
    return TRUE;
  until = cd_docs_unix_to_dmy (row->cert_not_after);
  g_ptr_array_add (ctx->notes,
                   g_strdup_printf (_("%s left out: the certificate expired on %s and cannot be renewed; ask for a new one (--generate=cap-moi)."),
                                    row->full_name, until));
  return FALSE;
}

/* A revocation list's certificate linked to no device: said, with how to
 * link it, since no device is printed for it and none is taken back
 * (issue 16). Revocation lists are short: one read per row. */
static void
note_unknown_device (CdDocContext     *ctx,
                     CdStore          *store,
                     const char       *kind,
                     const CdStaffRow *row)
{
  static const char *const revocations[] = { "thu-hoi", "mau-05", NULL };
  g_autoptr(CdCertificate) cert = NULL;
  gint64 id = row_cert_id (kind, row);

  if (id == 0 || !g_strv_contains (revocations, kind))
    return;
  cert = cd_store_get_certificate (store, id, NULL);
  if (cert != NULL && cert->device_id == 0)
    g_ptr_array_add (ctx->notes, cd_devices_unknown_device_note (row->full_name, cert->serial));
}

static CdDocPerson *
person_for (CdStore     *store,
            gint64       staff_id,
            gint64       cert_id,
            GPtrArray   *devices,
            GError     **error)
{
  CdStaff *staff = cd_store_get_staff (store, staff_id, error);
  CdCertificate *cert = NULL;
  CdDocPerson *p;

  if (staff == NULL)
    return NULL;
  if (cert_id != 0)
    {
      cert = cd_store_get_certificate (store, cert_id, error);
      if (cert == NULL)
        {
          cd_staff_free (staff);
          return NULL;
        }
    }
  p = cd_doc_person_new (staff, cert);
  cd_doc_person_set_device (p, cd_doc_device_for (devices, 0, cert));
  return p;
}

CdDocContext *
cd_doc_context_from_store (CdStore      *store,
                           const char   *kind,
                           const gint64 *ids,
                           guint         n_ids,
                           int           threshold_days,
                           GError      **error)
{
  g_autoptr(CdUnit) unit = cd_store_get_unit (store);
  g_autoptr(CdDocContext) ctx = cd_doc_context_new (unit);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  ctx->threshold_days = threshold_days;
  ctx->kind = g_strdup (kind);
  /* People chosen by number: read only them, not the whole register. */
  rows = n_ids > 0 ? cd_store_list_staff_rows_by_id (store, ids, n_ids, ctx->now, threshold_days, error)
                   : cd_store_list_staff_rows (store, ctx->now, threshold_days, error);
  if (rows == NULL)
    return NULL;
  devices = n_ids > 0 ? cd_store_list_devices_of_staff (store, ids, n_ids, error)
                      : cd_store_list_devices (store, error);
  if (devices == NULL)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      CdStaffRow *row = g_ptr_array_index (rows, i);
      g_hash_table_insert (by_id, &row->staff_id, row);
    }

  if (n_ids > 0)
    {
      for (guint i = 0; i < n_ids; i++)
        {
          CdStaffRow *row = g_hash_table_lookup (by_id, &ids[i]);
          CdDocPerson *p;

          if (row == NULL)
            {
              g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, ids[i]);
              g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("There is no staff member with number %s in the register. Check the numbers given with --staff."),
                           number);
              return NULL;
            }
          if (!renewable (ctx, kind, row))
            continue;
          note_unknown_device (ctx, store, kind, row);
          p = person_for (store, row->staff_id, row_cert_id (kind, row), devices, error);
          if (p == NULL)
            return NULL;
          cd_doc_context_add (ctx, p);
        }
      return g_steal_pointer (&ctx);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      CdStaffRow *row = g_ptr_array_index (rows, i);
      CdDocPerson *p;

      if (!suggested (kind, row))
        {
          /* said only for those a renewal list would otherwise hold */
          if (!row->left)
            renewable (ctx, kind, row);
          continue;
        }
      note_unknown_device (ctx, store, kind, row);
      p = person_for (store, row->staff_id, row_cert_id (kind, row), devices, error);
      if (p == NULL)
        return NULL;
      cd_doc_context_add (ctx, p);
    }
  return g_steal_pointer (&ctx);
}

/* ---- A list read a page at a time ------------------------------------- */

/* Staff rows read per page while the list is counted or written. */
#define ROWS_PAGE 512

typedef struct {
  CdDocPeopleSource  parent;
  CdStore           *store;
  char              *kind;
  gint64             now;
  int                threshold;
  CdStaffPager      *snapshot;  /* holds a pass's read transaction; never read */
  CdStaffPager      *pager;     /* the pass under way */
  GPtrArray         *rows;      /* the pager's page being turned into people */
  guint              row;       /* next of @rows */
  gint64             cache_size; /* the connection's own, 0: untouched */
} StoreSource;

/* The devices of the certificates of @people from @first on, read for
 * them alone (cd_store_list_devices_by_id): every device of a 100,000
 * staff register held for the whole list cost as much again as the
 * people of a page. */
static gboolean
people_set_devices (CdStore    *store,
                    GPtrArray  *people,
                    guint       first,
                    GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GHashTable) by_id = NULL;

  for (guint i = first; i < people->len; i++)
    {
      const CdDocPerson *p = g_ptr_array_index (people, i);

      if (p->cert != NULL && p->cert->device_id != 0)
        g_array_append_val (ids, p->cert->device_id);
    }
  if (ids->len == 0)
    return TRUE;
  devices = cd_store_list_devices_by_id (store, (const gint64 *) ids->data, ids->len, error);
  if (devices == NULL)
    return FALSE;
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < devices->len; i++)
    {
      CdDevice *d = g_ptr_array_index (devices, i);

      g_hash_table_insert (by_id, &d->id, d);
    }
  for (guint i = first; i < people->len; i++)
    {
      CdDocPerson *p = g_ptr_array_index (people, i);

      if (p->cert != NULL && p->cert->device_id != 0)
        cd_doc_person_set_device (p, g_hash_table_lookup (by_id, &p->cert->device_id));
    }
  return TRUE;
}

/* Page cache of the connection while the list is read: the register's
 * pages are read once in order; the primary connection's 64 MiB cache
 * would keep a 100,000-staff register (~70 MB) resident for nothing. */
#define READ_CACHE_KIB 4096

static void
store_source_limit_cache (StoreSource *src,
                          gboolean     limit)
{
  sqlite3 *db = cd_store_get_db (src->store);
  g_autofree char *sql = NULL;

  if (limit)
    {
      src->cache_size = cd_sql_query_int64 (db, "PRAGMA cache_size", src->cache_size);
      if (src->cache_size == 0 || src->cache_size == -READ_CACHE_KIB)
        return;
      sql = g_strdup_printf ("PRAGMA cache_size=-%d", READ_CACHE_KIB);
    }
  else
    {
      if (src->cache_size == 0)
        return;
      sql = g_strdup_printf ("PRAGMA cache_size=%" G_GINT64_FORMAT, src->cache_size);
      src->cache_size = 0;
    }
  sqlite3_exec (db, sql, NULL, NULL, NULL);
}

static gboolean
store_source_begin (StoreSource  *src,
                    GError      **error)
{
  g_clear_pointer (&src->pager, cd_staff_pager_free);
  g_clear_pointer (&src->rows, g_ptr_array_unref);
  src->row = 0;
  /* One snapshot for the whole pass: its pages agree with each other. */
  if (src->snapshot == NULL)
    {
      store_source_limit_cache (src, TRUE);
      src->snapshot = cd_staff_pager_new (src->store, src->now, src->threshold, error);
    }
  if (src->snapshot == NULL)
    return FALSE;
  src->pager = cd_staff_pager_new (src->store, src->now, src->threshold, error);
  return src->pager != NULL;
}

static gboolean
store_source_rewind (CdDocPeopleSource  *self,
                     GError            **error)
{
  return store_source_begin ((StoreSource *) self, error);
}

/* The next row of the list, NULL at the end (*@error unset) or on error. */
static CdStaffRow *
store_source_next_row (StoreSource  *src,
                       GError      **error)
{
  for (;;)
    {
      if (src->rows != NULL && src->row < src->rows->len)
        return g_ptr_array_index (src->rows, src->row++);
      if (src->pager == NULL)
        return NULL;
      g_clear_pointer (&src->rows, g_ptr_array_unref);
      src->row = 0;
      src->rows = cd_staff_pager_next (src->pager, ROWS_PAGE, error);
      if (src->rows == NULL)
        return NULL;
      if (src->rows->len == 0)
        {
          /* A pass is over: end its snapshot. None is held between the
           * count and the rows written: the caller records the document
           * on this connection meanwhile (cd_store_document_prepare
           * checks the write lock and notes where the file goes, which
           * a read transaction left open would swallow). A list that
           * changed in between is caught by the count
           * (cd_doc_context_foreach_person). */
          g_clear_pointer (&src->pager, cd_staff_pager_free);
          g_clear_pointer (&src->snapshot, cd_staff_pager_free);
          store_source_limit_cache (src, FALSE);
          return NULL;
        }
    }
}

static gboolean
store_source_next (CdDocPeopleSource  *self,
                   GPtrArray          *page,
                   guint               max,
                   GError            **error)
{
  StoreSource *src = (StoreSource *) self;
  GError *local = NULL;
  guint first = page->len;

  while (page->len < max)
    {
      CdStaffRow *row = store_source_next_row (src, &local);
      CdDocPerson *p;

      if (row == NULL)
        break;
      if (!suggested (src->kind, row))
        continue;
      p = person_for (src->store, row->staff_id, row_cert_id (src->kind, row), NULL, &local);
      if (p == NULL)
        break;
      g_ptr_array_add (page, p);
    }
  if (local == NULL)
    people_set_devices (src->store, page, first, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

static void
store_source_free (CdDocPeopleSource *self)
{
  StoreSource *src = (StoreSource *) self;

  g_clear_pointer (&src->rows, g_ptr_array_unref);
  g_clear_pointer (&src->pager, cd_staff_pager_free);
  g_clear_pointer (&src->snapshot, cd_staff_pager_free);
  store_source_limit_cache (src, FALSE);
  g_clear_object (&src->store);
  g_free (src->kind);
  g_free (src);
}

CdDocContext *
cd_doc_context_from_store_paged (CdStore     *store,
                                 const char  *kind,
                                 int          threshold_days,
                                 GError     **error)
{
  g_autoptr(CdUnit) unit = cd_store_get_unit (store);
  g_autoptr(CdDocContext) ctx = cd_doc_context_new (unit);
  StoreSource *src = g_new0 (StoreSource, 1);
  GError *local = NULL;
  CdStaffRow *row;
  guint serial_em = 0;

  src->parent.rewind = store_source_rewind;
  src->parent.next = store_source_next;
  src->parent.free = store_source_free;
  src->store = g_object_ref (store);
  src->kind = g_strdup (kind);
  src->now = ctx->now;
  src->threshold = threshold_days;
  ctx->source = &src->parent;
  ctx->threshold_days = threshold_days;
  ctx->kind = g_strdup (kind);
  if (!store_source_begin (src, error))
    return NULL;
  /* The first pass counts the list (the document says how many, and
   * the last two rows close the table) and keeps its first three, as
   * cd_doc_context_from_store() would have them. */
  while ((row = store_source_next_row (src, &local)) != NULL)
    {
      if (!suggested (kind, row))
        {
          if (!row->left)
            renewable (ctx, kind, row);
          continue;
        }
      /* The serial column of a form is sized from the list's values: the
       * whole list's widest counts, found in this pass at no cost (the
       * selection is this C filter, the measure the fit's glyph widths:
       * a SQL MAX(length()) would see neither). */
      if (row_cert_id (kind, row) != 0 && row->cert_serial != NULL
          && cd_docx_token_width (row->cert_serial) > serial_em)
        {
          serial_em = cd_docx_token_width (row->cert_serial);
          g_free (ctx->widest_serial);
          ctx->widest_serial = g_strdup (row->cert_serial);
        }
      note_unknown_device (ctx, store, kind, row);
      if (ctx->people->len < 3)
        {
          CdDocPerson *p = person_for (store, row->staff_id, row_cert_id (kind, row),
                                       NULL, error);
          if (p == NULL)
            return NULL;
          cd_doc_context_add (ctx, p);
          /* in the pass's snapshot, as its rows */
          if (!people_set_devices (store, ctx->people, ctx->people->len - 1, error))
            return NULL;
        }
      ctx->n_people++;
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  return g_steal_pointer (&ctx);
}

gboolean
cd_doc_context_set_reason (CdDocContext  *ctx,
                           const char    *kind,
                           const char    *text,
                           GError       **error)
{
  static const char *const reasons[] = { "cap-lai", "thu-hoi", "khoi-phuc", "mau-05", "mau-06", NULL };
  static const char *const changes[] = { "thay-doi", "mau-04", NULL };
  gboolean change = g_strv_contains (changes, kind);

  if (!change && !g_strv_contains (reasons, kind))
    {
      g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_FAILED,
                   _("A document of kind “%s” has no reason column: --reason fills cap-lai, thu-hoi, khoi-phuc, mau-05 and mau-06 (the reason) and thay-doi and mau-04 (what changes)."),
                   kind);
      return FALSE;
    }
  for (guint i = 0; i < ctx->people->len; i++)
    {
      CdDocPerson *p = g_ptr_array_index (ctx->people, i);
      char **field = change ? &p->change_note : &p->reason;

      g_free (*field);
      *field = g_strdup (text);
    }
  return TRUE;
}

/* "Nguyễn Thị Hoa" → "hoant": the given name, then the initials of the
 * family and middle names, without marks. */
static char *
mailbox_local_part (const char *full_name)
{
  g_autofree char *key = cd_text_search_key (full_name != NULL ? full_name : "");
  g_auto(GStrv) words = g_strsplit_set (key != NULL ? key : "", " \t", -1);
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = 0, last = 0;

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      last = i, n++;
  if (n == 0)
    return NULL;
  for (const char *c = words[last]; *c; c++)
    if (g_ascii_isalnum (*c))
      g_string_append_c (out, g_ascii_tolower (*c));
  for (guint i = 0; i < last; i++)
    if (g_ascii_isalnum (words[i][0]))
      g_string_append_c (out, g_ascii_tolower (words[i][0]));
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static gboolean
mailbox_taken (GHashTable *taken,
               CdStore    *store,
               const char *address)
{
  g_autofree char *lower = g_ascii_strdown (address, -1);

  return g_hash_table_contains (taken, lower)
         || (store != NULL && cd_store_email_in_use (store, lower));
}

const char *
cd_doc_unit_mail_domain (const CdUnit *unit)
{
  const char *at = unit != NULL && unit->email != NULL ? strchr (unit->email, '@') : NULL;

  return at != NULL && at[1] != '\0' ? at : NULL;
}

guint
cd_doc_context_propose_mailboxes (CdDocContext *ctx,
                                  CdStore      *store)
{
  const char *at = cd_doc_unit_mail_domain (ctx->unit);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint proposed = 0;

  if (at == NULL)
    return 0;
  for (guint i = 0; i < ctx->people->len; i++)
    {
      CdDocPerson *p = g_ptr_array_index (ctx->people, i);
      if (p->change_note != NULL && *p->change_note != '\0')
        g_hash_table_add (taken, g_ascii_strdown (p->change_note, -1));
    }
  for (guint i = 0; i < ctx->people->len; i++)
    {
      CdDocPerson *p = g_ptr_array_index (ctx->people, i);
      g_autofree char *local = NULL;
      char *address = NULL;

      if ((p->change_note != NULL && *p->change_note != '\0') || p->staff == NULL
          || (local = mailbox_local_part (p->staff->full_name)) == NULL)
        continue;
      address = g_strconcat (local, at, NULL);
      /* neither another proposal of this list nor an address someone in
       * the register holds already (a colleague, someone who left): the
       * Sở cannot open a mailbox twice */
      for (guint k = 2; mailbox_taken (taken, store, address); k++)
        {
          g_free (address);
          address = g_strdup_printf ("%s%u%s", local, k, at);
        }
      g_hash_table_add (taken, g_ascii_strdown (address, -1));
      p->change_note = address;
      proposed++;
    }
  return proposed;
}
