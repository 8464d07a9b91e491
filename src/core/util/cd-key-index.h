/* cd-key-index.h — search keys packed in one buffer, matched in one pass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The keys of a list, each followed by a newline, end to end in one
 * NUL-terminated buffer: a word is looked for with one strstr() over all
 * of them at once (glibc's is vectorised; its memmem() is not), not with
 * a strstr() per item through pointers scattered over the heap. A word
 * without a newline never matches across two keys; one with a newline is
 * looked for key by key. */
typedef struct _CdKeyIndex CdKeyIndex;

CdKeyIndex  *cd_key_index_new    (void);
void         cd_key_index_free   (CdKeyIndex         *self);
/* Forgets every key (keeps the memory for the next ones). */
void         cd_key_index_clear  (CdKeyIndex         *self);
/* Adds key number cd_key_index_get_n(): @key (NULL: empty, matches no
 * word), then, when @ascii_extra is not NULL, a space and @ascii_extra
 * with its ASCII letters lowered (a certificate serial in hex). */
void         cd_key_index_add    (CdKeyIndex         *self,
                                  const char         *key,
                                  const char         *ascii_extra);
guint        cd_key_index_get_n  (CdKeyIndex         *self);
/* A copy of key number @i as added (the extra after its space). */
char        *cd_key_index_dup    (CdKeyIndex         *self,
                                  guint               i);
/* @marks has one byte per key: non-zero for the keys to look at. Clears
 * the mark of every such key that does not contain all of @words (a
 * NULL-terminated list of non-empty words); returns how many stay
 * marked. Few marked keys are looked at one by one, many with one pass
 * over the buffer per word. */
guint        cd_key_index_match  (CdKeyIndex         *self,
                                  const char * const *words,
                                  guint8             *marks);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdKeyIndex, cd_key_index_free)

G_END_DECLS
