/* cd-wizard-pick-index.c — the people step's picks by person and by
 * certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-wizard-pick-index.h"

struct _CdWizardPickIndex
{
  GHashTable *by_staff;         /* gint64 staff id → CdWizardPick */
  GHashTable *by_certificate;   /* "staff:certificate" → CdWizardPick */
};

static char *
pair_key (gint64 staff_id,
          gint64 certificate_id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, staff_id, certificate_id);
}

CdWizardPickIndex *
cd_wizard_pick_index_new (void)
{
  CdWizardPickIndex *index = g_new0 (CdWizardPickIndex, 1);

  index->by_staff = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  index->by_certificate = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return index;
}

void
cd_wizard_pick_index_free (CdWizardPickIndex *index)
{
  if (index == NULL)
    return;
  g_hash_table_unref (index->by_staff);
  g_hash_table_unref (index->by_certificate);
  g_free (index);
}

void
cd_wizard_pick_index_clear (CdWizardPickIndex *index)
{
  g_hash_table_remove_all (index->by_staff);
  g_hash_table_remove_all (index->by_certificate);
}

void
cd_wizard_pick_index_add (CdWizardPickIndex *index,
                          CdWizardPick      *pick,
                          guint              position)
{
  gint64 staff_id = pick->item->staff_id;
  char *pair = pair_key (staff_id, pick->item->certificate_id);

  pick->position = position;
  if (!g_hash_table_contains (index->by_staff, &staff_id))
    g_hash_table_insert (index->by_staff, g_memdup2 (&staff_id, sizeof staff_id), pick);
  if (!g_hash_table_contains (index->by_certificate, pair))
    g_hash_table_insert (index->by_certificate, pair, pick);
  else
    g_free (pair);
}

CdWizardPick *
cd_wizard_pick_index_find (CdWizardPickIndex *index,
                           gint64             staff_id,
                           gint64             certificate_id,
                           gboolean           by_certificate)
{
  g_autofree char *pair = NULL;

  if (!by_certificate)
    return g_hash_table_lookup (index->by_staff, &staff_id);
  pair = pair_key (staff_id, certificate_id);
  return g_hash_table_lookup (index->by_certificate, pair);
}
