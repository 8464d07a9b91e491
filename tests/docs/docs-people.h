/* docs-people.h — deterministic people for the docs tests and benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-doc-context.h"

G_BEGIN_DECLS

/* A unit "TRƯỜNG THCS LÊ LỢI" in Hải Phòng dated 05/01/2026 with @n
 * people: person i (0-based) is named "<cd_test_names()[i]> <i+1>",
 * CCCD "0310850" + 5 digits of i (leading zero), born, with a
 * certificate (serial "54" + hex of i). The unit has tax code
 * "0201234567", budget code "1012345", email "thcsleloi@haiphong.edu.vn"
 * and focal person "Trần Văn Nam"; the service (Mẫu 03) is
 * "Bộ phận Một cửa - UBND xã An Lão". */
CdDocContext *docs_people_context (guint n);

G_END_DECLS
