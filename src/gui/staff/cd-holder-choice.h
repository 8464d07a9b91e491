/* cd-holder-choice.h — a holder that is not a person, as a GObject
 *
 * The "whose certificate is this?" dialog lists the unit itself (its
 * seal) and each service of the unit before the staff; each of those
 * entries is one of these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cd-model.h"

G_BEGIN_DECLS

#define CD_TYPE_HOLDER_CHOICE (cd_holder_choice_get_type ())
G_DECLARE_FINAL_TYPE (CdHolderChoice, cd_holder_choice, CD, HOLDER_CHOICE, GObject)

/* @kind is CD_CERT_HOLDER_UNIT (@id 0) or CD_CERT_HOLDER_SERVICE (@id
 * the service's); @name is the unit's or the service's name. */
CdHolderChoice   *cd_holder_choice_new      (CdCertHolderKind  kind,
                                             gint64            id,
                                             const char       *name);
CdCertHolderKind  cd_holder_choice_get_kind (CdHolderChoice   *self);
gint64            cd_holder_choice_get_id   (CdHolderChoice   *self);
const char       *cd_holder_choice_get_name (CdHolderChoice   *self);

G_END_DECLS
