/* cd-doc-people.h — who goes on a document, read from the register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-doc-context.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* Kinds without a default list: the people must be chosen. */
gboolean      cd_doc_kind_needs_choice (const char *kind);
/* Whether @unit has what a document of @kind about the unit needs (its
 * name; for Mẫu 02 its tax code too), else FALSE with a message saying
 * how to fill it in. TRUE for the kinds about people. */
gboolean      cd_doc_kind_check_unit   (const char    *kind,
                                        const CdUnit  *unit,
                                        GError       **error);

/* FALSE, with a message naming the --set-unit key to set, when the
 * unit's name is unknown: every document's header carries it, and a
 * blank header cannot be sent. */
gboolean      cd_doc_context_check_header (const CdDocContext  *ctx,
                                           GError             **error);
/* FALSE, with a message saying how to choose people, when a document of
 * @kind about people would list nobody (a signed list of 0 people is
 * worthless). TRUE for the kinds about the unit. */
gboolean      cd_doc_context_check_people (const CdDocContext  *ctx,
                                           const char          *kind,
                                           GError             **error);

/* A context for @kind from @store: the unit, today's date, and either
 * the staff of @ids (in that order, @n_ids > 0) or the people the wizard
 * suggests for @kind:
 *   cap-moi, mau-01, bulk   staff still working without a certificate
 *   hom-thu                 staff still working without an email
 *   gia-han, mau-04         expiring certificates (an expired one
 *                           cannot be renewed: left out, with a note
 *                           in the context's notes, also when chosen)
 *   thu-hoi, mau-05         staff who left with a certificate not revoked
 *   register                everyone
 *   mau-02, mau-03          no one (the documents are about the unit)
 * Each person carries their current certificate and device. */
CdDocContext *cd_doc_context_from_store (CdStore      *store,
                                         const char   *kind,
                                         const gint64 *ids,
                                         guint         n_ids,
                                         int           threshold_days,
                                         GError      **error);

/* Prints @text as everyone's reason (cap-lai, thu-hoi, khoi-phuc, Mẫu
 * 05, 06) or everyone's change (thay-doi, Mẫu 04). FALSE, with a message
 * naming the kinds that have such a column, for any other @kind. */
gboolean      cd_doc_context_set_reason (CdDocContext  *ctx,
                                         const char    *kind,
                                         const char    *text,
                                         GError       **error);

/* "@domain" in @unit's email, where the mailboxes proposed for its
 * staff are named; NULL when the unit has no email (or one without a
 * domain): then none can be proposed. */
const char   *cd_doc_unit_mail_domain (const CdUnit *unit);
/* hom-thu: gives each person without a proposed mailbox (change_note)
 * one made of their name at the unit's mail domain ("Nguyễn Thị Hoa" →
 * hoant@haiphong.edu.vn, then hoant2…), the way official mailboxes are
 * named: never one proposed to another person of the list nor, when
 * @store is given, one anybody in @store holds as their email (case
 * aside; working or left). Returns how many were proposed; 0 when the
 * unit has no email to take the domain from. */
guint         cd_doc_context_propose_mailboxes (CdDocContext *ctx,
                                                CdStore      *store);
/* Like cd_doc_context_from_store() without @ids, for the streamed Word
 * writer (cd_docx_generate) only: the context's people are read from
 * @store a page at a time as the rows are written (ctx->source), so a
 * list of 100,000 takes the memory of a few hundred. A first pass counts
 * them (and keeps the first three and the notes); the rows are read
 * again as they are written, each pass in a read snapshot of its own on
 * @store's connection, none held in between. When the list changed
 * between the two, the writing stops with an error. */
CdDocContext *cd_doc_context_from_store_paged (CdStore    *store,
                                               const char *kind,
                                               int         threshold_days,
                                               GError    **error);

G_END_DECLS
