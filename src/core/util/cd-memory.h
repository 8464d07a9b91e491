/* cd-memory.h — giving memory back after a large read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns the heap's free pages to the system. Worker threads that read
 * a large register (page cache, intermediate rows) leave their malloc
 * arenas holding tens of MB once they are done; call this after such a
 * read was handed over. Does nothing where the C library cannot. */
void cd_memory_release_free           (void);
/* The same, once the main loop has nothing more urgent to do (after the
 * next frame is drawn); several calls before then trim once. */
void cd_memory_release_free_when_idle (void);

G_END_DECLS
