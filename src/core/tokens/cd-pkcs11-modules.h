/* cd-pkcs11-modules.h — the set of PKCS#11 modules CertDesk reads tokens
 * through
 *
 * Every module registered with p11-kit (except its trust module), OpenSC's
 * opensc-pkcs11.so when installed and not registered, and the paths the
 * clerk added. A module that fails to load or initialise is reported by
 * name with the reason and skipped; the others keep working. The same
 * library reached twice (a symlink, a registered module also added by
 * hand) is loaded once.
 *
 * Loading initialises the modules: call it on the thread that will make
 * every later PKCS#11 call (the token monitor's worker).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <p11-kit/pkcs11.h>

G_BEGIN_DECLS

#define CD_PKCS11_ERROR (cd_pkcs11_error_quark ())

typedef enum {
  CD_PKCS11_ERROR_FAILED,
  CD_PKCS11_ERROR_NOT_FOUND,   /* no such file */
  CD_PKCS11_ERROR_NOT_MODULE,  /* the file is not a PKCS#11 library */
  CD_PKCS11_ERROR_INIT,        /* C_Initialize failed */
} CdPkcs11Error;

GQuark cd_pkcs11_error_quark (void);

typedef enum {
  CD_PKCS11_LOAD_REGISTERED = 1 << 0, /* modules registered with p11-kit */
  CD_PKCS11_LOAD_OPENSC     = 1 << 1, /* opensc-pkcs11.so if not registered */
  CD_PKCS11_LOAD_DEFAULT    = CD_PKCS11_LOAD_REGISTERED | CD_PKCS11_LOAD_OPENSC,
} CdPkcs11LoadFlags;

typedef struct {
  char             *name;  /* "p11-kit: softhsm2", "opensc-pkcs11", … */
  char             *path;  /* the library's canonical path */
  CK_FUNCTION_LIST *funcs; /* initialised */
} CdPkcs11Module;

/* A module that could not be used. */
typedef struct {
  char *name;
  char *path;
  char *message;           /* translated: what is wrong, what to do */
} CdPkcs11ModuleError;

void cd_pkcs11_module_error_free (CdPkcs11ModuleError *e);

/* Loads and initialises the modules. Returns the usable ones (element
 * type CdPkcs11Module, free with cd_pkcs11_modules_unload()); the ones
 * that failed are added to @errors (CdPkcs11ModuleError). */
GPtrArray *cd_pkcs11_modules_load   (const char * const *extra_paths,
                                     CdPkcs11LoadFlags   flags,
                                     GPtrArray          *errors);
/* Finalises and releases every module of @modules, then frees it. */
void       cd_pkcs11_modules_unload (GPtrArray          *modules);

/* Loads and initialises one library by path. */
CdPkcs11Module *cd_pkcs11_module_load (const char  *path,
                                       GError     **error);

/* A fixed-width, blank-padded PKCS#11 string as UTF-8 NFC. */
char *cd_pkcs11_string (const CK_UTF8CHAR *field,
                        gsize              len);

G_END_DECLS
