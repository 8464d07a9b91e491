/* fuzz-x509.c — certificate files and a token's CKA_VALUE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-x509.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr(GPtrArray) certs = NULL;
  CdCertificate *der;

  fuzz_init ();
  /* Whatever the file is: DER, PEM blocks, PKCS#7. */
  certs = cd_x509_parse_data (data, size, NULL);
  /* A token's object: the whole buffer must be one DER certificate. */
  der = cd_x509_parse_der (data, size, NULL);
  if (der != NULL)
    cd_certificate_free (der);
  return 0;
}
