/* cd-wizard-kind.c — the kinds of list the wizards write and the cases
 * of revocation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cd-wizard-kind.h"
#include "cd-doc-templates.h"
#include "cd-text.h"

/* ---- Kinds ------------------------------------------------------------ */

typedef struct {
  const char *id;
  const char *title;
  const char *explanation;
  const char *file_word;   /* part of the suggested file name */
} KindInfo;

static const KindInfo kinds[] = {
  { "cap-moi", N_("New certificate"),
    N_("For staff who have never had a certificate, or whose certificate has expired."),
    "de_nghi_cap_moi" },
  { "gia-han", N_("Renewal"),
    N_("For certificates that expire soon, asked before the expiry date."),
    "de_nghi_gia_han" },
  { "cap-lai", N_("Re-issue"),
    N_("When the key storage device was lost or damaged."),
    "de_nghi_cap_lai" },
  { "thay-doi", N_("Change of certificate details"),
    N_("When the person's unit or official email no longer matches the certificate."),
    "de_nghi_thay_doi" },
  { "khoi-phuc", N_("Restore a key storage device"),
    N_("When the device is locked after wrong PINs or a forgotten PIN."),
    "de_nghi_khoi_phuc" },
  { "hom-thu", N_("New official mailbox"),
    N_("For staff without an official email: a certificate needs one first."),
    "de_nghi_hom_thu" },
  /* About the unit, not people (cd_wizard_kind_is_unit): the unit's own
   * row, or one service's certificate. */
  { "mau-02", N_("Organisation certificate (Form 02)"),
    N_("For the unit's own certificate (its electronic seal): the request carries the unit's name, address, tax code and budget code."),
    "de_nghi_cts_to_chuc" },
  { "mau-03", N_("Device or service certificate (Form 03)"),
    N_("For a certificate of a service, device or software of the unit, such as the one-stop desk's certificate for public services."),
    "de_nghi_cts_dich_vu" },
  { "thu-hoi", N_("Revocation"),
    N_("For staff who left, moved or retired, and certificates of lost devices."),
    "thu_hoi" },
};

static const char *const request_kinds[] = {
  "cap-moi", "gia-han", "cap-lai", "thay-doi", "khoi-phuc", "hom-thu", "mau-02", "mau-03", NULL
};

static const KindInfo *
kind_info (const char *kind)
{
  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].id, kind))
      return &kinds[i];
  return NULL;
}

const char * const *
cd_wizard_request_kinds (void)
{
  return request_kinds;
}

const char *
cd_wizard_kind_title (const char *kind)
{
  const KindInfo *k = kind_info (kind);
  const CdDocKind *doc;

  if (k != NULL)
    return _(k->title);
  /* a list recorded from the command line as a form (Mẫu 01, 05…) */
  doc = cd_doc_kind_lookup (kind);
  return doc != NULL ? _(doc->title) : NULL;
}

gboolean
cd_wizard_kind_is_known (const char *kind)
{
  return kind_info (kind) != NULL;
}

const char *
cd_wizard_kind_explanation (const char *kind)
{
  const KindInfo *k = kind_info (kind);
  return k ? _(k->explanation) : NULL;
}

gboolean
cd_wizard_kind_is_unit (const char *kind)
{
  return g_strcmp0 (kind, "mau-02") == 0 || g_strcmp0 (kind, "mau-03") == 0;
}

const char *
cd_wizard_kind_file_word (const char *kind)
{
  const KindInfo *k = kind_info (kind);
  return k ? k->file_word : NULL;
}

const char *
cd_wizard_kind_of_document (const char *doc_kind)
{
  static const struct { const char *doc, *wizard; } forms[] = {
    { "mau-01", "cap-moi" },
    { "mau-04", "gia-han" },
    { "mau-05", CD_WIZARD_KIND_REVOCATION },
    { "mau-06", "khoi-phuc" },
  };
  const KindInfo *k = kind_info (doc_kind);

  if (k != NULL)
    return cd_wizard_kind_is_unit (k->id) ? NULL : k->id;
  for (guint i = 0; doc_kind != NULL && i < G_N_ELEMENTS (forms); i++)
    if (g_str_equal (forms[i].doc, doc_kind))
      return forms[i].wizard;
  return NULL;
}

gboolean
cd_wizard_kind_is_revocation (const char *kind)
{
  return g_strcmp0 (cd_wizard_kind_of_document (kind), CD_WIZARD_KIND_REVOCATION) == 0;
}

/* @title with its first letter small, to sit inside a sentence
 * ("Gia hạn" → "gia hạn"). */
static char *
lower_first (const char *title)
{
  const char *rest = g_utf8_next_char (title);
  g_autofree char *first = g_utf8_strdown (title, rest - title);

  return g_strconcat (first, rest, NULL);
}

char *
cd_wizard_kinds_phrase (const char * const *doc_kinds,
                        gboolean            revocation)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

  /* in the wizard's order, each wizard kind once: Mẫu 01 is a cấp mới
   * list, Mẫu 05 a thu hồi one */
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    for (guint k = 0; doc_kinds != NULL && doc_kinds[k] != NULL; k++)
      if (g_strcmp0 (cd_wizard_kind_of_document (doc_kinds[k]), kinds[i].id) == 0)
        {
          g_ptr_array_add (titles, lower_first (_(kinds[i].title)));
          break;
        }
  switch (titles->len)
    {
    case 0:
      return g_strdup (revocation ? _("a revocation list") : _("a request list"));
    case 1:
      /* Translators: %s is a kind of list as the wizard names it, with a
       * small first letter ("revocation", "renewal") */
      return g_strdup_printf (_("a %s list"), (char *) titles->pdata[0]);
    case 2:
      /* Translators: the kinds of list as the wizard names them, with a
       * small first letter ("new certificate", "renewal") */
      return g_strdup_printf (_("a %s or %s list"), (char *) titles->pdata[0], (char *) titles->pdata[1]);
    default:
      /* more than two: the first two tell which sort, not a long row */
      if (revocation)
        /* Translators: the first two kinds of list as the wizard names
         * them, with a small first letter, then an ellipsis */
        return g_strdup_printf (_("a revocation list (%s, %s, …)"),
                                (char *) titles->pdata[0], (char *) titles->pdata[1]);
      /* Translators: the first two kinds of list as the wizard names
       * them, with a small first letter ("new certificate, renewal") */
      return g_strdup_printf (_("a request list (%s, %s, …)"),
                              (char *) titles->pdata[0], (char *) titles->pdata[1]);
    }
}

/* ---- Revocation reasons ----------------------------------------------- */

static const struct {
  const char *id;
  const char *label;
} revoke_reasons[CD_REVOKE_N_REASONS] = {
  { "moved-province", N_("Moved to another province") },
  { "retired", N_("Retired or quit, no longer in the sector") },
  { "changed-position", N_("Changed position, the certificate details no longer fit") },
  { "died", N_("Died") },
  { "key-exposed", N_("Private key exposed") },
  { "device-lost", N_("Key storage device lost or damaged") },
  { "other", N_("Other") },
};

const char *
cd_revoke_reason_to_id (CdRevokeReason reason)
{
  g_return_val_if_fail (reason < CD_REVOKE_N_REASONS, "other");
  return revoke_reasons[reason].id;
}

CdRevokeReason
cd_revoke_reason_from_id (const char *id)
{
  for (guint i = 0; id != NULL && i < CD_REVOKE_N_REASONS; i++)
    if (g_str_equal (revoke_reasons[i].id, id))
      return (CdRevokeReason) i;
  return CD_REVOKE_OTHER;
}

const char *
cd_revoke_reason_label (CdRevokeReason reason)
{
  g_return_val_if_fail (reason < CD_REVOKE_N_REASONS, "");
  return _(revoke_reasons[reason].label);
}

CdRevokeReason
cd_revoke_reason_guess (const char *left_reason)
{
  g_autofree char *key = NULL;
  static const struct { const char *word; CdRevokeReason reason; } words[] = {
    { "ngoai tinh", CD_REVOKE_MOVED_PROVINCE },
    { "tinh khac", CD_REVOKE_MOVED_PROVINCE },
    { "chuyen cong tac", CD_REVOKE_MOVED_PROVINCE },
    { "tu tran", CD_REVOKE_DIED },
    { "qua doi", CD_REVOKE_DIED },
    { "tu vong", CD_REVOKE_DIED },
    { "huu", CD_REVOKE_RETIRED },
    { "thoi viec", CD_REVOKE_RETIRED },
    { "nghi viec", CD_REVOKE_RETIRED },
    { "chuc vu", CD_REVOKE_CHANGED_POSITION },
    { "vi tri", CD_REVOKE_CHANGED_POSITION },
    { "lo khoa", CD_REVOKE_KEY_EXPOSED },
    { "mat thiet bi", CD_REVOKE_DEVICE_LOST },
    { "that lac", CD_REVOKE_DEVICE_LOST },
  };

  if (left_reason == NULL || *left_reason == '\0')
    return CD_REVOKE_OTHER;
  key = cd_text_search_key (left_reason);
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (words); i++)
    if (strstr (key, words[i].word) != NULL)
      return words[i].reason;
  return CD_REVOKE_OTHER;
}
