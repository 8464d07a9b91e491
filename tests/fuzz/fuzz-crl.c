/* fuzz-crl.c — a revocation list the clerk downloaded, DER or PEM
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-crl.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr(CdCrl) crl = NULL;
  GPtrArray *entries;

  fuzz_init ();
  crl = cd_crl_parse (data, size, NULL);
  if (crl == NULL)
    return 0;
  (void) cd_crl_get_issuer_dn (crl);
  (void) cd_crl_get_this_update (crl);
  (void) cd_crl_get_next_update (crl);
  entries = cd_crl_get_entries (crl);
  for (guint i = 0; i < entries->len; i++)
    {
      const CdCrlEntry *e = g_ptr_array_index (entries, i);

      g_assert (cd_crl_lookup (crl, e->serial) != NULL);
    }
  (void) cd_crl_lookup (crl, "00");
  return 0;
}
