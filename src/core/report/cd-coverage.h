/* cd-coverage.h — how far the unit is from "100 % of staff with a
 * certificate" (the Sở's coverage report)
 *
 * Seed circular 002 asks every school to have 100 % of its managers,
 * teachers and employees holding a chuyên dùng signing certificate and to
 * report the share. The report counts the staff still working (not
 * left) by the status of the certificate that counts for them (the one
 * cd_certificate_pick_for_procedure() picks: chuyên dùng signing first),
 * by position group, and the certificates by provider and track. The
 * counting is SQL aggregates on the register; only the handful of
 * distinct positions is classified in C.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-model.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* Position groups (chức vụ), as the circulars count staff: "cán bộ quản
 * lý, giáo viên, nhân viên" (seed 002). */
typedef enum {
  CD_COVERAGE_LEADERS = 0,   /* Hiệu trưởng, Phó Hiệu trưởng, Giám đốc, Trưởng phòng… */
  CD_COVERAGE_TEACHERS,      /* Giáo viên (also Tổ trưởng / Tổ phó chuyên môn, Giảng viên) */
  CD_COVERAGE_EMPLOYEES,     /* Nhân viên văn thư, kế toán, thư viện, y tế… and anything else */
  CD_COVERAGE_NO_POSITION,   /* position not entered */
  CD_COVERAGE_N_GROUPS
} CdCoverageGroup;

/* Indexed by CdCertStatus (NONE … REVOKED). */
#define CD_COVERAGE_N_STATUS (CD_CERT_STATUS_REVOKED + 1)

typedef struct {
  guint total;                           /* staff of the group */
  guint by_status[CD_COVERAGE_N_STATUS]; /* by the status that counts for them */
  guint valid_government;                /* with a valid chuyên dùng signing certificate */
} CdCoverageCount;

typedef struct {
  char        *provider;      /* provider, else issuer O, else issuer CN, else "" */
  CdCertTrack  track;
  guint        certificates;  /* of staff still working */
  guint        valid;         /* of them valid now (not revoked, in period) */
  guint        holders;       /* distinct staff holding one */
} CdCoverageProvider;

typedef struct {
  gint64           now;
  int              threshold_days;
  CdCoverageCount  all;
  CdCoverageCount  groups[CD_COVERAGE_N_GROUPS];
  GPtrArray       *providers;   /* CdCoverageProvider, most certificates first */
} CdCoverage;

void        cd_coverage_free          (CdCoverage *coverage);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCoverage, cd_coverage_free)

/* Counts the register at @now (Unix seconds), "expiring" meaning fewer
 * than @threshold_days days left. NULL with @error when the register
 * cannot be read. */
CdCoverage *cd_coverage_compute       (CdStore       *store,
                                       gint64         now,
                                       int            threshold_days,
                                       GError       **error);
void        cd_coverage_compute_async (CdStore             *store,
                                       gint64               now,
                                       int                  threshold_days,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
CdCoverage *cd_coverage_compute_finish (CdStore      *store,
                                        GAsyncResult *result,
                                        GError      **error);

/* The group of a position as typed in the register (any case, with or
 * without tone marks); NULL or empty gives CD_COVERAGE_NO_POSITION. */
CdCoverageGroup cd_coverage_group_of   (const char      *position);
/* "Cán bộ quản lý", "Giáo viên", "Nhân viên", "Chưa ghi chức vụ" —
 * printed on the Sở's report, so Vietnamese whatever the UI language. */
const char *cd_coverage_group_label    (CdCoverageGroup  group);
/* The share @part of @total in per cent (0 when @total is 0). */
double      cd_coverage_percent        (guint            part,
                                        guint            total);
/* The same as text with the Vietnamese decimal comma: "66,7 %". */
char       *cd_coverage_percent_text   (guint            part,
                                        guint            total);
/* "Chứng thư số chuyên dùng còn hiệu lực: 41/52 người (78,8 %)" and the
 * like: one line per figure, what the chart shows, for a screen reader
 * and the CLI. Translated. */
char       *cd_coverage_summary        (const CdCoverage *coverage);

G_END_DECLS
