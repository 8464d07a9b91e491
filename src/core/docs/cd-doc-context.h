/* cd-doc-context.h — what a generated document is filled with
 *
 * A CdDocContext gathers the unit, the document's date, number and signer
 * and the people listed (each a staff record with its certificate). The
 * placeholder vocabulary below maps a `{{name}}` in a template to one of
 * these values; it is the single list that the engine, --check-template
 * and the README describe.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cd-model.h"

G_BEGIN_DECLS

#define CD_DOCS_ERROR (cd_docs_error_quark ())

typedef enum {
  CD_DOCS_ERROR_FAILED,
  CD_DOCS_ERROR_UNKNOWN_PLACEHOLDER, /* {{x}} not in the vocabulary */
  CD_DOCS_ERROR_NOT_TEMPLATE,        /* no placeholder and no known table */
  CD_DOCS_ERROR_UNKNOWN_KIND,
  CD_DOCS_ERROR_WRONG_LIST,          /* a Sở's form with lists of the other
                                      * sort only (request / revocation) */
} CdDocsError;

GQuark cd_docs_error_quark (void);

/* One person of a list. Owns its records. */
typedef struct {
  CdStaff       *staff;
  CdCertificate *cert;          /* may be NULL */
  char          *device_serial; /* token serial, may be NULL */
  CdDevice      *device;        /* the device of @cert, else the holder's;
                                 * may be NULL (the Cục's sheet reads its
                                 * type and SIM details) */
  char          *reason;        /* lý do (thu hồi, cấp lại…), may be NULL */
  char          *change_note;   /* nội dung thay đổi, may be NULL */
  char         **org_levels;    /* the person's own Tổ chức cấp 1…4 for the
                                 * Cục's sheet (NULL-terminated, at most 4)
                                 * in a list of several units (a collected
                                 * list); NULL: the context unit's */
} CdDocPerson;

/* Takes ownership of @staff and @cert (may be NULL). */
CdDocPerson *cd_doc_person_new  (CdStaff       *staff,
                                 CdCertificate *cert);
void         cd_doc_person_free (CdDocPerson   *person);
/* The device a person's line is about, from @devices (CdDevice, may be
 * NULL): the one @chosen_id names (a list about a device: lost, locked),
 * else the one @cert is linked to (certificates.device_id); NULL when
 * neither: never guessed from the holder's devices (issue 16). */
const CdDevice *cd_doc_device_for (GPtrArray           *devices,
                                   gint64               chosen_id,
                                   const CdCertificate *cert);
/* Copies @device (may be NULL) into @person, with its serial. */
void         cd_doc_person_set_device (CdDocPerson    *person,
                                       const CdDevice *device);

/* A list too long to hold (a whole city's register): the people are
 * read a page at a time as the rows are written. Made by
 * cd_doc_context_from_store_paged(); freed with its context. */
typedef struct _CdDocPeopleSource CdDocPeopleSource;
struct _CdDocPeopleSource {
  /* Starts over at the first person. */
  gboolean (*rewind) (CdDocPeopleSource  *self,
                      GError            **error);
  /* Appends the next at most @max people (CdDocPerson, owned by @page)
   * to @page; none once every person was given. */
  gboolean (*next)   (CdDocPeopleSource  *self,
                      GPtrArray          *page,
                      guint               max,
                      GError            **error);
  void     (*free)   (CdDocPeopleSource  *self);
};

typedef struct {
  CdUnit    *unit;            /* owned, never NULL */
  int        year, month, day;/* date of the document */
  char      *doc_number;      /* "15/THCS-VT" (may be NULL: dotted blank) */
  char      *signer_title;    /* NULL: the unit's head_title */
  char      *signer_name;     /* NULL: the unit's head_name */
  char      *recipient;       /* "Kính gửi" line; NULL: the Cục */
  GPtrArray *people;          /* CdDocPerson, owned */
  char      *kind;            /* "cap-moi", "thu-hoi"… or NULL: picks the
                               * table of a form holding several lists */
  char      *service_name;    /* Mẫu 03: tên chứng thư số (the device,
                               * service or software), may be NULL */
  char      *service_kind;    /* Mẫu 03: loại chứng thư số; NULL: the
                               * public-service certificate */
  GPtrArray *notes;           /* char *, owned: what the clerk should
                               * know about who was left out and why */
  gint64     now;             /* Unix seconds for status/days left */
  int        threshold_days;  /* "expiring" threshold */
  GHashTable *values;         /* name → text of document fields a
                               * caller fills (the minutes' parties:
                               * ben_giao…), owned, NULL: none */
  CdDocPeopleSource *source;  /* owned; NULL: @people is the whole list.
                               * Else @people holds only the first
                               * min(n_people, 3) and the rest is read
                               * from here (the streamed Word writer
                               * only: cd_doc_context_foreach_person) */
  guint      n_people;        /* with @source: how many in all */
  char      *widest_serial;   /* with @source: the certificate serial of
                               * the whole list that takes the most room
                               * on a line (cd_docx_token_width), so that
                               * a form's serial column is sized for it
                               * and not for the first three only; owned,
                               * NULL: none */
} CdDocContext;

/* A context dated today (local time) with an empty unit copy of @unit
 * (NULL gives an empty unit). */
CdDocContext *cd_doc_context_new  (const CdUnit *unit);
void          cd_doc_context_free (CdDocContext *ctx);
void          cd_doc_context_add  (CdDocContext *ctx,
                                   CdDocPerson  *person);
/* Sets the text of the document field @name (of the vocabulary) that
 * only the caller knows, such as the parties of minutes. */
void          cd_doc_context_set_value (CdDocContext *ctx,
                                        const char   *name,
                                        const char   *text);

/* How many people the list holds (with a source too). */
guint         cd_doc_context_n_people (const CdDocContext *ctx);

typedef gboolean (*CdDocPersonFunc) (const CdDocPerson  *person,
                                     guint               index,
                                     gpointer            user_data,
                                     GError            **error);
/* Calls @func for each person in order, reading them a page at a time
 * from the context's source when it has one; stops at the first FALSE.
 * FALSE also when the source gives another count than n_people (the
 * register changed in between). */
gboolean      cd_doc_context_foreach_person (const CdDocContext *ctx,
                                             CdDocPersonFunc     func,
                                             gpointer            user_data,
                                             GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdDocContext, cd_doc_context_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdDocPerson, cd_doc_person_free)

/* ---- Placeholder vocabulary ------------------------------------------ */

typedef enum {
  CD_DOC_FIELD_DOCUMENT,  /* one value for the whole document */
  CD_DOC_FIELD_PERSON,    /* repeats per person (in a table row) */
  CD_DOC_FIELD_CERT,      /* per person, from their certificate */
} CdDocFieldScope;

/* Mẫu 03's kind of certificate when none is given. */
#define CD_DOC_SERVICE_KIND_DEFAULT "Chứng thư số phục vụ dịch vụ công"

typedef struct {
  const char      *name;        /* "ho_ten" */
  CdDocFieldScope  scope;
  const char      *description; /* N_() English, shown translated */
  const char      *example;     /* a value as it prints */
} CdDocField;

/* The whole vocabulary, in README order. */
const CdDocField *cd_doc_fields       (guint *n_fields);
/* NULL when @name is not a placeholder of the vocabulary. */
const CdDocField *cd_doc_field_lookup (const char *name);

/* The text of @name for @person (the @index-th of the list, 0-based;
 * @person may be NULL outside a list: per-person fields then read the
 * first person, or are empty). NULL only when @name is unknown. */
char *cd_doc_field_value (const CdDocContext *ctx,
                          const CdDocPerson  *person,
                          guint               index,
                          const char         *name);

/* ---- Date text ------------------------------------------------------- */

/* "ngày 05 tháng 01 năm 2026": leading zero for days < 10 and for months
 * 1 and 2, as Nghị định 30/2020 asks. */
char *cd_docs_date_long   (int year, int month, int day);
/* "yyyy-mm-dd" → "dd/mm/yyyy"; NULL or malformed gives "" / the input. */
char *cd_docs_iso_to_dmy  (const char *iso);
/* A position as it reads in running text: the signer's own line of a
 * multi-line title, without KT./TM., and in normal case when it was typed
 * in capitals ("PHÓ HIỆU TRƯỞNG" → "Phó Hiệu trưởng"). */
char *cd_docs_title_running (const char *title);
/* "ông" for Nam, "bà" for Nữ, "ông/bà" when the gender is unknown. */
const char *cd_docs_ong_ba (const char *gender);
/* Unix seconds → "dd/mm/yyyy" in local time; 0 gives "". */
char *cd_docs_unix_to_dmy (gint64 t);

G_END_DECLS
