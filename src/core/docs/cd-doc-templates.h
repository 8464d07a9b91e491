/* cd-doc-templates.h — the kinds of document and the templates for them
 *
 * Built-in templates are folders of unpacked .docx parts under
 * cd_paths_pkgdatadir()/templates (reviewable XML in the repository,
 * installed as they are, zipped in memory when filled). The clerk's own
 * templates are .docx files in cd_paths_user_templates_dir(); both are
 * listed together.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A kind of document the headless --generate and the wizard produce. */
typedef struct {
  const char *id;          /* "cap-moi" */
  const char *title;       /* N_() English title */
  const char *template_id; /* built-in template folder */
  gboolean    list;        /* a list of people (vs one person's minutes) */
} CdDocKind;

const CdDocKind *cd_doc_kinds       (guint *n_kinds);
const CdDocKind *cd_doc_kind_lookup (const char *id);
/* TRUE for the kinds about the unit itself rather than people (Mẫu 02,
 * the unit's certificate; Mẫu 03, a device, service or software
 * certificate): their documents list no one. */
gboolean         cd_doc_kind_is_unit (const char *id);

typedef struct {
  char     *id;        /* folder name, or file name without .docx */
  char     *title;     /* human title */
  char     *path;      /* folder (built-in) or .docx (own) */
  gboolean  builtin;
} CdDocTemplate;

void       cd_doc_template_free  (CdDocTemplate *tpl);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdDocTemplate, cd_doc_template_free)

/* Built-in templates first (in kind order), then the clerk's own in name
 * order. Element type CdDocTemplate. */
GPtrArray *cd_doc_templates_list   (void);
/* The built-in template folder of @kind, or NULL with an error. */
char      *cd_doc_templates_builtin_path (const char  *kind,
                                          GError     **error);
/* Copies @docx into the clerk's templates folder (created 0700) after
 * checking it opens as a Word file; returns the new path. Refuses to
 * replace an existing template of that name unless @overwrite. */
char      *cd_doc_templates_import (const char  *docx,
                                    gboolean     overwrite,
                                    GError     **error);

G_END_DECLS
