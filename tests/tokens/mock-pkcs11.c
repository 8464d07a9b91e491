/* mock-pkcs11.c — a PKCS#11 module whose tokens come and go on command
 *
 * Built several times (MOCK_NAME a, b, c) so one process can load more
 * than one. Its state is the control file $CD_MOCK_PKCS11_DIR/<name>.ctl,
 * read again at each C_GetSlotList, one command per line:
 *
 *   slot <n> <serial> <label> [<cert.der>…]   a token in slot n (0..3)
 *   pin <n> locked|final-try|count-low        slot n's user-PIN flags
 *   hang <C_Function> <ms>                    that call sleeps first
 *   fail-init                                 C_Initialize fails
 *   log-slot-lists                            each C_GetSlotList is written
 *                                             to <name>.slot-lists
 *
 * Slots 0..3 always exist (like OpenSC, the list never shrinks). A call
 * CertDesk must never make (C_Login, a read-write session, C_InitPIN…)
 * is written to <name>.violations so the tests can fail on it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <p11-kit/pkcs11.h>

#ifndef MOCK_NAME
#define MOCK_NAME "a"
#endif

#define N_SLOTS 4
#define MAX_CERTS 8

typedef struct {
  gboolean present;
  char    *serial;
  char    *label;
  GBytes  *certs[MAX_CERTS];
  guint    n_certs;
  CK_FLAGS pin_flags;   /* CKF_USER_PIN_LOCKED… as C_GetTokenInfo reports */
} MockSlot;

static GMutex lock;
static gboolean initialized;
static MockSlot slots[N_SLOTS];
static GHashTable *hangs;   /* function name → ms */
static gboolean fail_init;
static gboolean log_slot_lists;
/* Per session (handle = slot + 1): objects left to find. */
static guint find_pos[N_SLOTS];
static gboolean finding[N_SLOTS];
static gboolean session_open[N_SLOTS];

static char *
control_path (const char *suffix)
{
  const char *dir = g_getenv ("CD_MOCK_PKCS11_DIR");
  g_autofree char *base = g_strconcat (MOCK_NAME, suffix, NULL);

  return g_build_filename (dir ? dir : ".", base, NULL);
}

static void
violation (const char *what)
{
  g_autofree char *path = control_path (".violations");
  FILE *f = fopen (path, "a");

  if (f != NULL)
    {
      fprintf (f, "%s\n", what);
      fclose (f);
    }
}

static void
clear_slots (void)
{
  for (guint i = 0; i < N_SLOTS; i++)
    {
      g_clear_pointer (&slots[i].serial, g_free);
      g_clear_pointer (&slots[i].label, g_free);
      for (guint j = 0; j < slots[i].n_certs; j++)
        g_clear_pointer (&slots[i].certs[j], g_bytes_unref);
      slots[i].n_certs = 0;
      slots[i].pin_flags = 0;
      slots[i].present = FALSE;
    }
}

/* Called with the lock held. */
static void
read_control (void)
{
  g_autofree char *path = control_path (".ctl");
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  clear_slots ();
  if (hangs == NULL)
    hangs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_remove_all (hangs);
  fail_init = FALSE;
  log_slot_lists = FALSE;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) w = g_strsplit_set (g_strstrip (lines[i]), " \t", -1);
      guint n = g_strv_length (w);

      if (n >= 4 && g_str_equal (w[0], "slot"))
        {
          guint s = (guint) g_ascii_strtoull (w[1], NULL, 10);
          if (s >= N_SLOTS)
            continue;
          slots[s].present = TRUE;
          slots[s].serial = g_strdup (w[2]);
          slots[s].label = g_strdup (w[3]);
          for (guint j = 4; j < n && slots[s].n_certs < MAX_CERTS; j++)
            {
              char *der = NULL;
              gsize len = 0;
              if (g_file_get_contents (w[j], &der, &len, NULL))
                slots[s].certs[slots[s].n_certs++] = g_bytes_new_take (der, len);
            }
        }
      else if (n >= 3 && g_str_equal (w[0], "pin"))
        {
          guint s = (guint) g_ascii_strtoull (w[1], NULL, 10);
          if (s >= N_SLOTS)
            continue;
          if (g_str_equal (w[2], "locked"))
            slots[s].pin_flags = CKF_USER_PIN_LOCKED;
          else if (g_str_equal (w[2], "final-try"))
            slots[s].pin_flags = CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_COUNT_LOW;
          else if (g_str_equal (w[2], "count-low"))
            slots[s].pin_flags = CKF_USER_PIN_COUNT_LOW;
        }
      else if (n >= 3 && g_str_equal (w[0], "hang"))
        g_hash_table_insert (hangs, g_strdup (w[1]),
                             GUINT_TO_POINTER ((guint) g_ascii_strtoull (w[2], NULL, 10)));
      else if (n >= 1 && g_str_equal (w[0], "fail-init"))
        fail_init = TRUE;
      else if (n >= 1 && g_str_equal (w[0], "log-slot-lists"))
        log_slot_lists = TRUE;
    }
}

static void
maybe_hang (const char *func)
{
  guint ms = 0;

  g_mutex_lock (&lock);
  if (hangs != NULL)
    ms = GPOINTER_TO_UINT (g_hash_table_lookup (hangs, func));
  g_mutex_unlock (&lock);
  if (ms > 0)
    g_usleep ((gulong) ms * 1000);
}

static void
pad (CK_UTF8CHAR *dst, gsize len, const char *src)
{
  gsize n = src ? strlen (src) : 0;

  memset (dst, ' ', len);
  memcpy (dst, src, MIN (n, len));
}

static CK_RV
mock_C_Initialize (CK_VOID_PTR args)
{
  CK_RV rv = CKR_OK;

  g_mutex_lock (&lock);
  read_control ();
  if (fail_init)
    rv = CKR_DEVICE_ERROR;
  else if (initialized)
    rv = CKR_CRYPTOKI_ALREADY_INITIALIZED;
  else
    initialized = TRUE;
  g_mutex_unlock (&lock);
  return rv;
}

static CK_RV
mock_C_Finalize (CK_VOID_PTR reserved)
{
  g_mutex_lock (&lock);
  initialized = FALSE;
  clear_slots ();
  g_mutex_unlock (&lock);
  return CKR_OK;
}

static CK_RV
mock_C_GetInfo (CK_INFO_PTR info)
{
  memset (info, 0, sizeof *info);
  info->cryptokiVersion.major = 2;
  info->cryptokiVersion.minor = 40;
  pad (info->manufacturerID, sizeof info->manufacturerID, "CertDesk tests");
  pad (info->libraryDescription, sizeof info->libraryDescription, "Mock module " MOCK_NAME);
  return CKR_OK;
}

static CK_RV
mock_C_GetSlotList (CK_BBOOL present, CK_SLOT_ID_PTR list, CK_ULONG_PTR count)
{
  CK_ULONG n = 0;
  CK_SLOT_ID ids[N_SLOTS];

  maybe_hang ("C_GetSlotList");
  g_mutex_lock (&lock);
  if (!initialized)
    {
      g_mutex_unlock (&lock);
      return CKR_CRYPTOKI_NOT_INITIALIZED;
    }
  /* Like OpenSC: the NULL call is where readers are rescanned. */
  if (list == NULL)
    read_control ();
  if (log_slot_lists)
    {
      g_autofree char *path = control_path (".slot-lists");
      FILE *f = fopen (path, "a");

      if (f != NULL)
        {
          fprintf (f, "%s %s\n", present ? "present" : "all", list ? "list" : "NULL");
          fclose (f);
        }
    }
  for (guint i = 0; i < N_SLOTS; i++)
    if (!present || slots[i].present)
      ids[n++] = i;
  g_mutex_unlock (&lock);
  if (list == NULL)
    {
      *count = n;
      return CKR_OK;
    }
  if (*count < n)
    {
      *count = n;
      return CKR_BUFFER_TOO_SMALL;
    }
  memcpy (list, ids, n * sizeof (CK_SLOT_ID));
  *count = n;
  return CKR_OK;
}

static CK_RV
mock_C_GetSlotInfo (CK_SLOT_ID id, CK_SLOT_INFO_PTR info)
{
  g_autofree char *desc = g_strdup_printf ("Mock %s reader %lu", MOCK_NAME, (unsigned long) id);

  if (id >= N_SLOTS)
    return CKR_SLOT_ID_INVALID;
  memset (info, 0, sizeof *info);
  pad (info->slotDescription, sizeof info->slotDescription, desc);
  pad (info->manufacturerID, sizeof info->manufacturerID, "CertDesk tests");
  g_mutex_lock (&lock);
  info->flags = CKF_REMOVABLE_DEVICE | CKF_HW_SLOT | (slots[id].present ? CKF_TOKEN_PRESENT : 0);
  g_mutex_unlock (&lock);
  return CKR_OK;
}

static CK_RV
mock_C_GetTokenInfo (CK_SLOT_ID id, CK_TOKEN_INFO_PTR info)
{
  CK_RV rv = CKR_OK;

  maybe_hang ("C_GetTokenInfo");
  if (id >= N_SLOTS)
    return CKR_SLOT_ID_INVALID;
  g_mutex_lock (&lock);
  if (!slots[id].present)
    rv = CKR_TOKEN_NOT_PRESENT;
  else
    {
      memset (info, 0, sizeof *info);
      pad (info->label, sizeof info->label, slots[id].label);
      pad (info->manufacturerID, sizeof info->manufacturerID, "Bit4id");
      pad (info->model, sizeof info->model, "TokenME EVO");
      pad (info->serialNumber, sizeof info->serialNumber, slots[id].serial);
      info->flags = CKF_TOKEN_INITIALIZED | CKF_LOGIN_REQUIRED | CKF_USER_PIN_INITIALIZED
                    | slots[id].pin_flags;
    }
  g_mutex_unlock (&lock);
  return rv;
}

static CK_RV
mock_C_GetMechanismList (CK_SLOT_ID id, CK_MECHANISM_TYPE_PTR list, CK_ULONG_PTR count)
{
  *count = 0;
  return CKR_OK;
}

static CK_RV
mock_C_OpenSession (CK_SLOT_ID id, CK_FLAGS flags, CK_VOID_PTR app, CK_NOTIFY notify,
                    CK_SESSION_HANDLE_PTR session)
{
  CK_RV rv = CKR_OK;

  maybe_hang ("C_OpenSession");
  if (flags & CKF_RW_SESSION)
    {
      violation ("read-write session");
      return CKR_TOKEN_WRITE_PROTECTED;
    }
  if (id >= N_SLOTS)
    return CKR_SLOT_ID_INVALID;
  g_mutex_lock (&lock);
  if (!slots[id].present)
    rv = CKR_TOKEN_NOT_PRESENT;
  else
    {
      session_open[id] = TRUE;
      finding[id] = FALSE;
      *session = id + 1;
    }
  g_mutex_unlock (&lock);
  return rv;
}

static CK_RV
mock_C_CloseSession (CK_SESSION_HANDLE h)
{
  if (h < 1 || h > N_SLOTS)
    return CKR_SESSION_HANDLE_INVALID;
  g_mutex_lock (&lock);
  session_open[h - 1] = FALSE;
  g_mutex_unlock (&lock);
  return CKR_OK;
}

static CK_RV
mock_C_CloseAllSessions (CK_SLOT_ID id)
{
  if (id < N_SLOTS)
    session_open[id] = FALSE;
  return CKR_OK;
}

static CK_RV
mock_C_Login (CK_SESSION_HANDLE h, CK_USER_TYPE type, CK_UTF8CHAR_PTR pin, CK_ULONG len)
{
  violation ("C_Login");
  return CKR_FUNCTION_NOT_SUPPORTED;
}

static CK_RV
mock_C_InitPIN (CK_SESSION_HANDLE h, CK_UTF8CHAR_PTR pin, CK_ULONG len)
{
  violation ("C_InitPIN");
  return CKR_FUNCTION_NOT_SUPPORTED;
}

static CK_RV
mock_C_FindObjectsInit (CK_SESSION_HANDLE h, CK_ATTRIBUTE_PTR tmpl, CK_ULONG n)
{
  gboolean certs_wanted = TRUE;

  if (h < 1 || h > N_SLOTS || !session_open[h - 1])
    return CKR_SESSION_HANDLE_INVALID;
  for (CK_ULONG i = 0; i < n; i++)
    if (tmpl[i].type == CKA_CLASS && tmpl[i].ulValueLen == sizeof (CK_OBJECT_CLASS)
        && *(CK_OBJECT_CLASS *) tmpl[i].pValue != CKO_CERTIFICATE)
      certs_wanted = FALSE;
  g_mutex_lock (&lock);
  finding[h - 1] = TRUE;
  find_pos[h - 1] = certs_wanted ? 0 : MAX_CERTS;
  g_mutex_unlock (&lock);
  return CKR_OK;
}

static CK_RV
mock_C_FindObjects (CK_SESSION_HANDLE h, CK_OBJECT_HANDLE_PTR objs, CK_ULONG max, CK_ULONG_PTR count)
{
  MockSlot *s;

  maybe_hang ("C_FindObjects");
  if (h < 1 || h > N_SLOTS || !finding[h - 1])
    return CKR_OPERATION_NOT_INITIALIZED;
  g_mutex_lock (&lock);
  s = &slots[h - 1];
  *count = 0;
  while (*count < max && find_pos[h - 1] < s->n_certs)
    objs[(*count)++] = (h - 1) * 100 + find_pos[h - 1]++ + 1;
  g_mutex_unlock (&lock);
  return CKR_OK;
}

static CK_RV
mock_C_FindObjectsFinal (CK_SESSION_HANDLE h)
{
  if (h < 1 || h > N_SLOTS)
    return CKR_SESSION_HANDLE_INVALID;
  finding[h - 1] = FALSE;
  return CKR_OK;
}

static CK_RV
mock_C_GetAttributeValue (CK_SESSION_HANDLE h, CK_OBJECT_HANDLE obj, CK_ATTRIBUTE_PTR tmpl, CK_ULONG n)
{
  CK_RV rv = CKR_OK;
  guint slot = (guint) ((obj - 1) / 100), idx = (guint) ((obj - 1) % 100);
  static const CK_OBJECT_CLASS klass = CKO_CERTIFICATE;
  static const CK_CERTIFICATE_TYPE ctype = CKC_X_509;
  GBytes *der;

  if (h < 1 || h > N_SLOTS || slot != h - 1)
    return CKR_SESSION_HANDLE_INVALID;
  g_mutex_lock (&lock);
  if (idx >= slots[slot].n_certs)
    {
      g_mutex_unlock (&lock);
      return CKR_OBJECT_HANDLE_INVALID;
    }
  der = g_bytes_ref (slots[slot].certs[idx]);
  g_mutex_unlock (&lock);

  for (CK_ULONG i = 0; i < n; i++)
    {
      const void *src = NULL;
      gsize len = 0;

      switch (tmpl[i].type)
        {
        case CKA_CLASS:
          src = &klass; len = sizeof klass; break;
        case CKA_CERTIFICATE_TYPE:
          src = &ctype; len = sizeof ctype; break;
        case CKA_VALUE:
          src = g_bytes_get_data (der, &len); break;
        default:
          tmpl[i].ulValueLen = CK_UNAVAILABLE_INFORMATION;
          rv = CKR_ATTRIBUTE_TYPE_INVALID;
          continue;
        }
      if (tmpl[i].pValue == NULL)
        tmpl[i].ulValueLen = len;
      else if (tmpl[i].ulValueLen < len)
        {
          tmpl[i].ulValueLen = CK_UNAVAILABLE_INFORMATION;
          rv = CKR_BUFFER_TOO_SMALL;
        }
      else
        {
          memcpy (tmpl[i].pValue, src, len);
          tmpl[i].ulValueLen = len;
        }
    }
  g_bytes_unref (der);
  return rv;
}

static CK_RV
mock_C_WaitForSlotEvent (CK_FLAGS flags, CK_SLOT_ID_PTR slot, CK_VOID_PTR reserved)
{
  return CKR_FUNCTION_NOT_SUPPORTED;
}

static CK_RV mock_C_GetFunctionList (CK_FUNCTION_LIST_PTR_PTR list);

static CK_FUNCTION_LIST function_list = {
  .version = { 2, 40 },
  .C_Initialize = mock_C_Initialize,
  .C_Finalize = mock_C_Finalize,
  .C_GetInfo = mock_C_GetInfo,
  .C_GetFunctionList = mock_C_GetFunctionList,
  .C_GetSlotList = mock_C_GetSlotList,
  .C_GetSlotInfo = mock_C_GetSlotInfo,
  .C_GetTokenInfo = mock_C_GetTokenInfo,
  .C_GetMechanismList = mock_C_GetMechanismList,
  .C_InitPIN = mock_C_InitPIN,
  .C_OpenSession = mock_C_OpenSession,
  .C_CloseSession = mock_C_CloseSession,
  .C_CloseAllSessions = mock_C_CloseAllSessions,
  .C_Login = mock_C_Login,
  .C_FindObjectsInit = mock_C_FindObjectsInit,
  .C_FindObjects = mock_C_FindObjects,
  .C_FindObjectsFinal = mock_C_FindObjectsFinal,
  .C_GetAttributeValue = mock_C_GetAttributeValue,
  .C_WaitForSlotEvent = mock_C_WaitForSlotEvent,
};

static CK_RV
mock_C_GetFunctionList (CK_FUNCTION_LIST_PTR_PTR list)
{
  *list = &function_list;
  return CKR_OK;
}

CK_RV C_GetFunctionList (CK_FUNCTION_LIST_PTR_PTR list);

__attribute__ ((visibility ("default"))) CK_RV
C_GetFunctionList (CK_FUNCTION_LIST_PTR_PTR list)
{
  return mock_C_GetFunctionList (list);
}
