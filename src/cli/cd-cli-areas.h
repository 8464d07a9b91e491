/* cd-cli-areas.h — the headless actions of each area
 *
 * Each area keeps its options and action in src/cli/cd-cli-<area>.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-cli.h"

G_BEGIN_DECLS

extern const GOptionEntry cd_cli_store_entries[];
int cd_cli_store_run   (GVariantDict *options, CdCliEnv *env);

extern const GOptionEntry cd_cli_unit_entries[];
int cd_cli_unit_run    (GVariantDict *options, CdCliEnv *env);

extern const GOptionEntry cd_cli_services_entries[];
int cd_cli_services_run (GVariantDict *options, CdCliEnv *env);

extern const GOptionEntry cd_cli_tokens_entries[];
int cd_cli_tokens_run  (GVariantDict *options, CdCliEnv *env);
/* The tokens plugged in now (CdToken), over the standard modules, the
 * settings' and --pkcs11-module's; @unreadable (may be NULL) gets the
 * CdUnreadableToken, @errors "module\nmessage" strings. */
GPtrArray *cd_cli_tokens_read_plugged (GVariantDict *options, GPtrArray **unreadable,
                                       GPtrArray *errors);

extern const GOptionEntry cd_cli_docs_entries[];
int cd_cli_docs_run    (GVariantDict *options, CdCliEnv *env);

extern const GOptionEntry cd_cli_devices_entries[];
int cd_cli_devices_run (GVariantDict *options, CdCliEnv *env);

extern const GOptionEntry cd_cli_certificates_entries[];
int cd_cli_certificates_run (GVariantDict *options, CdCliEnv *env);

extern const GOptionEntry cd_cli_merger_entries[];
int cd_cli_merger_run  (GVariantDict *options, CdCliEnv *env);

extern const GOptionEntry cd_cli_collect_entries[];
int cd_cli_collect_run (GVariantDict *options, CdCliEnv *env);

extern const GOptionEntry cd_cli_reminders_entries[];
int cd_cli_reminders_run (GVariantDict *options, CdCliEnv *env);

extern const GOptionEntry cd_cli_report_entries[];
int cd_cli_report_run  (GVariantDict *options, CdCliEnv *env);

extern const GOptionEntry cd_cli_box_entries[];
int cd_cli_box_run     (GVariantDict *options, CdCliEnv *env);
extern const GOptionEntry cd_cli_batches_entries[];
int cd_cli_batches_run (GVariantDict *options, CdCliEnv *env);

G_END_DECLS
