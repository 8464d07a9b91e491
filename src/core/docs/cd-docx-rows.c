/* cd-docx-rows.c — repeated rows compiled once and written per person
 * straight into the zip
 *
 * Cloning the template's row as a DOM node per person cost ~23 KB of
 * heap and most of the time of a long list. Instead the fillers (the
 * placeholder engine and the Sở's form) fill a few copies of the row
 * with stand-ins, text such as "\1" "7" "\2" that they place exactly as
 * they would place a value, and hand them here:
 *
 *  - every w:t holding a stand-in becomes a slot: its children are
 *    replaced by <?certdesk-slot N?>, and the pieces of its text (literal
 *    text and values) are kept;
 *  - each copy is framed by <?certdesk-row G V?> … <?certdesk-end?>.
 *
 * The part is then serialised once as usual; writing it cuts the text at
 * the markers and, for each person, writes the row's literal chunks and
 * its slots with the person's values escaped as libxml2 would escape
 * them. A value's line breaks become <w:br/> and a new w:t, as
 * cd_w_set_t_text() does, and an empty w:t is written as the empty
 * element libxml2 writes. So the bytes are those the DOM path gives.
 *
 * Copies: the end of a list is kept with what follows it
 * (cd_w_keep_table_end_with_next: keep-with-next on the table's last two
 * rows), so the last two people's rows may differ from the others. With
 * n people the filler makes min(n, 3) copies: copy k is person k when
 * n <= 3; otherwise copy 0 serves every person but the last two, copies
 * 1 and 2 serve those.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cd-docx-private.h"
#include "cd-zip-writer.h"

#define PI_ROW  "certdesk-row"
#define PI_END  "certdesk-end"
#define PI_SLOT "certdesk-slot"
#define FLUSH_AT (256 * 1024)

typedef struct {
  char             *name;
  CdDocxValueFlags  flags;
  char             *constant;  /* a document-wide value, computed once */
} Field;

typedef struct {
  char *text;    /* literal, or NULL for a field */
  guint field;
} Piece;

typedef struct {
  GArray *pieces;                     /* Piece */
  char   *open, *close, *empty;       /* this w:t: <w:t …>, </w:t>, <w:t …/> */
  char   *cont_open, *cont_empty, *br; /* a new line: <w:br/><w:t …> */
} Slot;

typedef struct {
  GPtrArray *chunks;  /* char *, one more than slots */
  GArray    *slots;   /* guint, index in rows->slots */
} Row;

typedef struct {
  Row *copies[3];
} Group;

struct _CdDocxRows {
  const CdDocContext *ctx;
  GPtrArray  *fields;  /* Field */
  GPtrArray  *slots;   /* Slot */
  guint       n_groups;
  GHashTable *parts;   /* names of the parts holding rows */
};

/* ---- Small helpers ---------------------------------------------------- */

static void
field_free (Field *f)
{
  g_free (f->name);
  g_free (f->constant);
  g_free (f);
}

static void
piece_clear (gpointer data)
{
  g_free (((Piece *) data)->text);
}

static void
slot_free (Slot *s)
{
  g_array_unref (s->pieces);
  g_free (s->open);
  g_free (s->close);
  g_free (s->empty);
  g_free (s->cont_open);
  g_free (s->cont_empty);
  g_free (s->br);
  g_free (s);
}

static void
row_free (Row *row)
{
  if (row == NULL)
    return;
  g_ptr_array_unref (row->chunks);
  g_array_unref (row->slots);
  g_free (row);
}

static void
group_clear (gpointer data)
{
  Group *g = data;

  for (guint i = 0; i < G_N_ELEMENTS (g->copies); i++)
    row_free (g->copies[i]);
}

char *
cd_docx_breakable_email (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *c = value; *c; c++)
    {
      if (*c == '.' && c != value)
        g_string_append (out, "\u200B");
      g_string_append_c (out, *c);
      if (*c == '@' && c[1] != '\0')
        g_string_append (out, "\u200B");
    }
  return g_string_free (out, FALSE);
}

/* What libxml2's xmlEscapeContent() does to a text node's content when
 * the document is saved as UTF-8. */
static void
append_escaped (GString    *out,
                const char *text,
                gsize       len)
{
  const char *run = text;

  for (const char *c = text; c < text + len; c++)
    {
      const char *rep;

      switch (*c)
        {
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '&': rep = "&amp;"; break;
        case '\r': rep = "&#13;"; break;
        default: continue;
        }
      g_string_append_len (out, run, c - run);
      g_string_append (out, rep);
      run = c + 1;
    }
  g_string_append_len (out, run, text + len - run);
}

static char *
value_with_flags (const char       *raw,
                  CdDocxValueFlags  flags)
{
  char *value = g_strdup (raw != NULL ? raw : "");

  if (flags & CD_DOCX_VALUE_STRIP_CR)
    g_strdelimit (value, "\r", ' ');
  if (flags & CD_DOCX_VALUE_EMAIL_BREAK)
    {
      char *broken = cd_docx_breakable_email (value);
      g_free (value);
      value = broken;
    }
  return value;
}

/* ---- Compiling -------------------------------------------------------- */

CdDocxRows *
cd_docx_rows_new (const CdDocContext *ctx)
{
  CdDocxRows *rows = g_new0 (CdDocxRows, 1);

  rows->ctx = ctx;
  rows->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  rows->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) slot_free);
  rows->parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return rows;
}

void
cd_docx_rows_free (CdDocxRows *rows)
{
  if (rows == NULL)
    return;
  g_ptr_array_unref (rows->fields);
  g_ptr_array_unref (rows->slots);
  g_hash_table_unref (rows->parts);
  g_free (rows);
}

guint
cd_docx_rows_copies (const CdDocxRows *rows)
{
  return MIN (cd_doc_context_n_people (rows->ctx), 3);
}

char *
cd_docx_rows_stand_in (CdDocxRows       *rows,
                       const char       *field,
                       CdDocxValueFlags  flags)
{
  const CdDocField *known = cd_doc_field_lookup (field);
  Field *f;

  if (known == NULL)
    return NULL;
  f = g_new0 (Field, 1);
  f->name = g_strdup (field);
  f->flags = flags;
  if (known->scope == CD_DOC_FIELD_DOCUMENT)
    {
      g_autofree char *raw = cd_doc_field_value (rows->ctx, NULL, 0, field);
      f->constant = value_with_flags (raw, flags);
    }
  g_ptr_array_add (rows->fields, f);
  return g_strdup_printf ("\1%u\2", rows->fields->len - 1);
}

/* The pieces of a w:t's text: literal runs and stand-ins. */
static GArray *
split_pieces (CdDocxRows *rows,
              const char *text)
{
  GArray *pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  const char *p = text;

  g_array_set_clear_func (pieces, piece_clear);
  while (*p != '\0')
    {
      const char *mark = strchr (p, '\1');
      Piece piece = { NULL, 0 };

      if (mark == NULL)
        {
          piece.text = g_strdup (p);
          g_array_append_val (pieces, piece);
          break;
        }
      if (mark > p)
        {
          piece.text = g_strndup (p, (gsize) (mark - p));
          g_array_append_val (pieces, piece);
        }
      {
        char *end = NULL;
        guint64 idx = g_ascii_strtoull (mark + 1, &end, 10);
        Piece field = { NULL, 0 };

        /* Stand-ins are ours: the parser refuses control characters in
         * a template's text. */
        g_assert (end != NULL && *end == '\2' && idx < rows->fields->len);
        field.field = (guint) idx;
        g_array_append_val (pieces, field);
        p = end + 1;
      }
    }
  return pieces;
}

static gboolean
mark_slots (CdDocxRows *rows,
            xmlNode    *copy)
{
  g_autoptr(GPtrArray) ts = g_ptr_array_new ();

  cd_w_collect (copy, "t", ts);
  for (guint i = 0; i < ts->len; i++)
    {
      xmlNode *t = g_ptr_array_index (ts, i);
      xmlChar *text = xmlNodeGetContent (t);
      Slot *slot;
      g_autofree char *num = NULL;
      xmlNode *pi;

      if (text == NULL || strchr ((const char *) text, '\1') == NULL)
        {
          xmlFree (text);
          continue;
        }
      slot = g_new0 (Slot, 1);
      slot->pieces = split_pieces (rows, (const char *) text);
      xmlFree (text);
      g_ptr_array_add (rows->slots, slot);
      num = g_strdup_printf ("%u", rows->slots->len - 1);
      xmlNodeSetContent (t, NULL);
      pi = xmlNewDocPI (t->doc, (const xmlChar *) PI_SLOT, (const xmlChar *) num);
      if (pi == NULL)
        return FALSE;
      xmlAddChild (t, pi);
    }
  return TRUE;
}

gboolean
cd_docx_rows_mark (CdDocxRows  *rows,
                   const char  *part,
                   xmlNode    **copies,
                   guint        n_copies)
{
  guint group = rows->n_groups++;

  g_return_val_if_fail (n_copies <= 3, FALSE);
  for (guint v = 0; v < n_copies; v++)
    {
      g_autofree char *id = g_strdup_printf ("%u %u", group, v);
      xmlNode *begin = xmlNewDocPI (copies[v]->doc, (const xmlChar *) PI_ROW, (const xmlChar *) id);
      xmlNode *end = xmlNewDocPI (copies[v]->doc, (const xmlChar *) PI_END, NULL);

      if (begin == NULL || end == NULL || !mark_slots (rows, copies[v]))
        {
          xmlFreeNode (begin);
          xmlFreeNode (end);
          return FALSE;
        }
      xmlAddPrevSibling (copies[v], begin);
      xmlAddNextSibling (copies[v], end);
    }
  g_hash_table_add (rows->parts, g_strdup (part));
  return TRUE;
}

gboolean
cd_docx_rows_has_part (const CdDocxRows *rows,
                       const char       *part)
{
  return rows != NULL && g_hash_table_contains (rows->parts, part);
}

/* ---- Writing ---------------------------------------------------------- */

typedef struct {
  CdDocxRows  *rows;
  CdZipWriter *zw;
  GString     *out;
  GString     *text;   /* a slot's text for one person */
  GPtrArray   *values; /* char *, per field, for the person being written */
} Writer;

static gboolean
flush (Writer  *w,
       gboolean force,
       GError **error)
{
  if (w->out->len == 0 || (!force && w->out->len < FLUSH_AT))
    return TRUE;
  if (!cd_zip_writer_write (w->zw, w->out->str, w->out->len, error))
    return FALSE;
  g_string_truncate (w->out, 0);
  return TRUE;
}

/* Sets up a slot's tags from its element as serialised: @open is the
 * start tag ("<w:t xml:space=\"preserve\">"), @close its end tag. */
static void
slot_set_tags (Slot       *slot,
               const char *open,
               gsize       open_len,
               const char *close,
               gsize       close_len)
{
  gsize qlen = 0;
  const char *colon;
  g_autofree char *qname = NULL;
  g_autofree char *prefix = NULL;

  slot->open = g_strndup (open, open_len);
  slot->close = g_strndup (close, close_len);
  /* "<w:t xml:space=…>" → "<w:t xml:space=…/>": what libxml2 writes for
   * a w:t left without text */
  slot->empty = g_strdup_printf ("%.*s/>", (int) open_len - 1, open);
  while (qlen + 1 < open_len && open[qlen + 1] != ' ' && open[qlen + 1] != '>'
         && open[qlen + 1] != '/')
    qlen++;
  qname = g_strndup (open + 1, qlen);
  colon = strchr (qname, ':');
  prefix = colon ? g_strndup (qname, (gsize) (colon - qname + 1)) : g_strdup ("");
  /* the w:br and w:t that cd_w_set_t_text() adds for a new line */
  slot->br = g_strdup_printf ("<%sbr/>", prefix);
  slot->cont_open = g_strdup_printf ("<%s xml:space=\"preserve\">", qname);
  slot->cont_empty = g_strdup_printf ("<%s xml:space=\"preserve\"/>", qname);
}

static gboolean
bad_markers (GError **error)
{
  g_set_error (error, CD_DOCS_ERROR, CD_DOCS_ERROR_FAILED,
               _("Could not pack the document (%s)."), "row markers");
  return FALSE;
}

/* Cuts one copy's serialised text into chunks around its slots. */
static Row *
parse_row (CdDocxRows *rows,
           const char *text,
           gsize       len,
           GError    **error)
{
  static const char slot_mark[] = "<?" PI_SLOT " ";
  Row *row = g_new0 (Row, 1);
  const char *p = text, *end = text + len;

  row->chunks = g_ptr_array_new_with_free_func (g_free);
  row->slots = g_array_new (FALSE, FALSE, sizeof (guint));
  for (;;)
    {
      const char *m = g_strstr_len (p, end - p, slot_mark);
      const char *lt, *num_end, *close_end;
      guint64 idx;

      if (m == NULL)
        break;
      /* the slot's start tag ends the chunk before it */
      lt = NULL;
      for (gsize back = (gsize) (m - p); back > 0; back--)
        if (p[back - 1] == '<')
          {
            lt = p + back - 1;
            break;
          }
      idx = g_ascii_strtoull (m + strlen (slot_mark), (char **) &num_end, 10);
      if (lt == NULL || *lt != '<' || num_end == NULL || end - num_end < 4
          || strncmp (num_end, "?></", 4) != 0 || idx >= rows->slots->len
          || (close_end = memchr (num_end + 2, '>', end - num_end - 2)) == NULL)
        {
          row_free (row);
          bad_markers (error);
          return NULL;
        }
      {
        Slot *slot = g_ptr_array_index (rows->slots, idx);
        guint sidx = (guint) idx;

        g_ptr_array_add (row->chunks, g_strndup (p, (gsize) (lt - p)));
        if (slot->open == NULL)
          slot_set_tags (slot, lt, (gsize) (m - lt), num_end + 2,
                         (gsize) (close_end + 1 - (num_end + 2)));
        g_array_append_val (row->slots, sidx);
      }
      p = close_end + 1;
    }
  g_ptr_array_add (row->chunks, g_strndup (p, (gsize) (end - p)));
  return row;
}

static const char *
field_value (Writer            *w,
             guint              idx,
             const CdDocPerson *person,
             guint              k)
{
  Field *f = g_ptr_array_index (w->rows->fields, idx);
  char *v = g_ptr_array_index (w->values, idx);

  if (f->constant != NULL)
    return f->constant;
  if (v == NULL)
    {
      g_autofree char *raw = cd_doc_field_value (w->rows->ctx, person, k, f->name);
      v = value_with_flags (raw, f->flags);
      g_ptr_array_index (w->values, idx) = v;
    }
  return v;
}

static void
write_slot (Writer            *w,
            const Slot        *slot,
            const CdDocPerson *person,
            guint              k)
{
  const char *line;
  gboolean first = TRUE;

  g_string_truncate (w->text, 0);
  for (guint i = 0; i < slot->pieces->len; i++)
    {
      const Piece *piece = &g_array_index (slot->pieces, Piece, i);
      g_string_append (w->text, piece->text != NULL ? piece->text
                                : field_value (w, piece->field, person, k));
    }
  line = w->text->str;
  for (;;)
    {
      const char *nl = strchr (line, '\n');
      gsize len = nl ? (gsize) (nl - line) : strlen (line);

      if (!first)
        g_string_append (w->out, slot->br);
      if (len == 0)
        g_string_append (w->out, first ? slot->empty : slot->cont_empty);
      else
        {
          g_string_append (w->out, first ? slot->open : slot->cont_open);
          append_escaped (w->out, line, len);
          g_string_append (w->out, slot->close);
        }
      first = FALSE;
      if (nl == NULL)
        break;
      line = nl + 1;
    }
}

typedef struct {
  Writer *w;
  Group  *group;
  guint   n;
} GroupJob;

static gboolean
write_person (const CdDocPerson  *person,
              guint               k,
              gpointer            data,
              GError            **error)
{
  GroupJob *job = data;
  Writer *w = job->w;
  guint n = job->n;
  guint v = n <= 3 ? k : (k < n - 2 ? 0 : k - (n - 3));
  Row *row = job->group->copies[v];

  if (row == NULL)
    return bad_markers (error);
  for (guint i = 0; i < w->values->len; i++)
    g_clear_pointer (&g_ptr_array_index (w->values, i), g_free);
  for (guint i = 0; i < row->chunks->len; i++)
    {
      g_string_append (w->out, g_ptr_array_index (row->chunks, i));
      if (i < row->slots->len)
        write_slot (w, g_ptr_array_index (w->rows->slots,
                                          g_array_index (row->slots, guint, i)),
                    person, k);
    }
  return flush (w, FALSE, error);
}

/* The people come from the context a page at a time when it has a
 * source (a register of 100,000 is never held whole). */
static gboolean
write_group (Writer  *w,
             Group   *group,
             GError **error)
{
  GroupJob job = { w, group, cd_doc_context_n_people (w->rows->ctx) };

  return cd_doc_context_foreach_person (w->rows->ctx, write_person, &job, error);
}

gboolean
cd_docx_rows_write_part (CdDocxRows   *rows,
                         const char   *name,
                         const char   *xml,
                         gsize         len,
                         CdZipWriter  *zw,
                         GError      **error)
{
  static const char row_mark[] = "<?" PI_ROW " ";
  static const char end_mark[] = "<?" PI_END "?>";
  g_autofree Group *groups = g_new0 (Group, MAX (rows->n_groups, 1));
  g_autoptr(GString) out = g_string_sized_new (FLUSH_AT + 64 * 1024);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  Writer w = { rows, zw, out, text, values };
  const char *p = xml, *end = xml + len;
  gboolean ok = FALSE;

  g_ptr_array_set_size (values, (int) rows->fields->len);
  if (!cd_zip_writer_begin (zw, name, error))
    goto out;
  for (;;)
    {
      const char *m = g_strstr_len (p, end - p, row_mark);
      const char *num_end, *stop;
      guint64 g, v;
      Row *row;

      if (m == NULL)
        break;
      g_string_append_len (out, p, m - p);
      g = g_ascii_strtoull (m + strlen (row_mark), (char **) &num_end, 10);
      v = g_ascii_strtoull (num_end, (char **) &num_end, 10);
      if (g >= rows->n_groups || v >= 3 || strncmp (num_end, "?>", 2) != 0
          || (stop = g_strstr_len (num_end, end - num_end, end_mark)) == NULL
          || groups[g].copies[v] != NULL)
        {
          bad_markers (error);
          goto out;
        }
      row = parse_row (rows, num_end + 2, (gsize) (stop - (num_end + 2)), error);
      if (row == NULL)
        goto out;
      groups[g].copies[v] = row;
      /* the rows of the whole list go where the first copy stood */
      if (v == 0)
        {
          if (!flush (&w, TRUE, error))
            goto out;
          /* each copy is parsed before its group is written: copies 1 and
           * 2 follow copy 0 in the text, so look ahead for them */
          for (const char *q = stop + strlen (end_mark);
               g_str_has_prefix (q, row_mark);)
            {
              guint64 g2, v2;
              const char *q_end, *q_stop;
              Row *r2;

              g2 = g_ascii_strtoull (q + strlen (row_mark), (char **) &q_end, 10);
              v2 = g_ascii_strtoull (q_end, (char **) &q_end, 10);
              if (g2 != g || v2 >= 3 || strncmp (q_end, "?>", 2) != 0
                  || groups[g].copies[v2] != NULL
                  || (q_stop = g_strstr_len (q_end, end - q_end, end_mark)) == NULL)
                {
                  bad_markers (error);
                  goto out;
                }
              r2 = parse_row (rows, q_end + 2, (gsize) (q_stop - (q_end + 2)), error);
              if (r2 == NULL)
                goto out;
              groups[g].copies[v2] = r2;
              q = q_stop + strlen (end_mark);
              stop = q - strlen (end_mark);
            }
          if (!write_group (&w, &groups[g], error))
            goto out;
        }
      p = stop + strlen (end_mark);
    }
  g_string_append_len (out, p, end - p);
  ok = flush (&w, TRUE, error) && cd_zip_writer_end (zw, error);

out:
  for (guint i = 0; i < rows->n_groups; i++)
    group_clear (&groups[i]);
  return ok;
}
