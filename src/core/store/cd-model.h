/* cd-model.h — the plain records of the unit's register
 *
 * These are the types every area shares: the store reads and writes them,
 * the token reader fills CdCertificate, the documents engine and the
 * wizards read them. Plain structs (not GObjects) so tests build them by
 * hand. All strings are UTF-8 NFC; identity numbers, serials and phones are
 * text, never numbers. Dates of people (birth, CCCD issue, left) are ISO
 * "yyyy-mm-dd" strings or NULL; certificate validity is Unix seconds UTC.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CD_CERT_STATUS_NONE = 0,      /* staff member has no certificate */
  CD_CERT_STATUS_VALID,
  CD_CERT_STATUS_EXPIRING,      /* valid, fewer than threshold days left */
  CD_CERT_STATUS_EXPIRED,
  CD_CERT_STATUS_NOT_YET_VALID,
  CD_CERT_STATUS_REVOKED,
} CdCertStatus;

typedef enum {
  CD_CERT_SOURCE_MANUAL = 0,    /* typed in */
  CD_CERT_SOURCE_TOKEN,
  CD_CERT_SOURCE_FILE,
} CdCertSource;

/* The unit (đơn vị) — printed on every document. */
typedef struct {
  char *name;            /* tên đơn vị: TRƯỜNG THCS LÊ LỢI */
  char *parent_name;     /* tên đơn vị quản lý / cơ quan chủ quản */
  char *place;           /* địa danh for the date line: Hải Phòng */
  char *province;        /* tỉnh/thành phố */
  char *head_title;      /* the signer's title: HIỆU TRƯỞNG */
  char *head_name;       /* the signer (thủ trưởng đơn vị) */
  char *address;
  char *phone;           /* 0xxxxxxxxx */
  char *email;           /* the unit's official email */
  char *org_level[4];    /* tổ chức cấp 1..4 of the Cục's sheet */
  char *tax_code;        /* mã số thuế: 10 digits, or 10-3 for a branch */
  char *budget_code;     /* mã đơn vị quan hệ ngân sách: 7 digits */
  /* Cán bộ đầu mối: the person the Cục and the provider call. */
  char *focal_name;
  char *focal_cccd;
  char *focal_cccd_date; /* ISO */
  char *focal_cccd_place;
  char *focal_position;
  char *focal_phone;
  char *focal_email;
  char **former_names;   /* NULL-terminated, oldest first; may be NULL:
                          * kept after a merger so old papers still match */
} CdUnit;

typedef struct {
  gint64   id;           /* 0 = not stored yet */
  char    *full_name;    /* họ và tên */
  char    *birth_date;   /* ISO */
  char    *gender;       /* "Nam", "Nữ" or NULL */
  char    *position;     /* chức vụ */
  char    *department;   /* đơn vị / bộ phận */
  char    *cccd;         /* số CCCD / định danh cá nhân (12 digits) */
  char    *cccd_date;    /* ngày cấp, ISO */
  char    *cccd_place;   /* nơi cấp */
  char    *phone;        /* 0xxxxxxxxx */
  char    *email;        /* email công vụ */
  gboolean left;         /* đã nghỉ / chuyển công tác */
  char    *left_date;    /* ISO */
  char    *left_reason;
  char    *note;
} CdStaff;

/* What a certificate's key may be used for (keyUsage extension). */
typedef enum {
  CD_KEY_USAGE_NONE       = 0,
  CD_KEY_USAGE_SIGNING    = 1 << 0, /* digitalSignature / nonRepudiation */
  CD_KEY_USAGE_ENCRYPTION = 1 << 1, /* key/data encipherment, key agreement */
} CdKeyUsage;

/* What the certificate is for, as the circulars sort them: the key of
 * a signing certificate signs; an encryption one only encrypts. A
 * token usually holds one of each with the same subject. */
typedef enum {
  CD_CERT_PURPOSE_SIGNING = 0,  /* also when keyUsage is absent */
  CD_CERT_PURPOSE_ENCRYPTION,   /* encipherment/agreement, no signature bit */
} CdCertPurpose;

/* Who issued it: the Ban Cơ yếu Chính phủ's "chuyên dùng" CAs for the
 * State and Party bodies, or a public (commercial) provider. Only
 * government certificates enter the lists sent to the Ban Cơ yếu. */
typedef enum {
  CD_CERT_TRACK_PUBLIC = 0,     /* công cộng: VNPT, Viettel, BKAV, FPT… */
  CD_CERT_TRACK_GOVERNMENT,     /* chuyên dùng Chính phủ */
} CdCertTrack;

/* Who holds a certificate (issue 14): a person of the unit, the unit
 * itself (its seal, "con dấu điện tử"), or one of the unit's services
 * (the one-stop desk's "Chứng thư số phục vụ dịch vụ công", handed from
 * one duty officer to the next). */
typedef enum {
  CD_CERT_HOLDER_NONE = 0,      /* not attached yet */
  CD_CERT_HOLDER_PERSON,        /* staff_id */
  CD_CERT_HOLDER_UNIT,          /* the unit of the register */
  CD_CERT_HOLDER_SERVICE,       /* service_id */
} CdCertHolderKind;

typedef struct {
  gint64        id;
  gint64        staff_id;      /* 0 = not linked */
  char         *serial;        /* upper-case hex, leading zeros kept */
  char         *subject_dn;    /* one line, RFC 4514 order, UTF-8 */
  char         *subject_cn;
  char        **subject_ou;    /* NULL-terminated, in order; may be NULL */
  char         *subject_o;
  char         *subject_l;
  char         *subject_st;
  char         *email;         /* DN emailAddress or SAN rfc822Name */
  char         *uid_cccd;      /* from UID "CCCD:…" (or CMND) */
  char         *uid_mst;       /* from UID "MST:…" */
  char         *issuer_cn;
  char         *issuer_o;
  char         *provider;      /* Ban Cơ yếu Chính phủ, VNPT, Viettel… */
  gint64        not_before;    /* Unix seconds, UTC */
  gint64        not_after;
  char         *fingerprint;   /* SHA-256 of the DER, upper-case hex, unique */
  GBytes       *der;           /* may be NULL for a typed-in certificate */
  CdCertSource  source;
  gboolean      revoked;
  char         *revoked_date;  /* ISO */
  char         *revoked_reason;
  /* Read from the certificate by cd-x509 (not typed in); may be NULL. */
  char        **subject_attrs; /* every subject attribute "SN=value", in
                                * the certificate's order (repeats kept) */
  char        **subject_uids;  /* every UID value as written, in order */
  char         *uid_passport;  /* from UID "HC:…" */
  char         *issuer_dn;     /* one line, RFC 4514 order */
  CdKeyUsage    key_usage;     /* NONE when the extension is absent */
  /* Derived from key_usage and the issuer (cd-cert-pick.h); stored. */
  CdCertPurpose purpose;
  CdCertTrack   track;
  char        **crl_urls;      /* CRL distribution points (URIs) */
  char        **ocsp_urls;     /* authorityInfoAccess OCSP URIs */
  /* Stored since schema 5. holder_kind says which of staff_id /
   * service_id counts (PERSON ⇔ staff_id != 0); NONE on save keeps the
   * holder the register already has. */
  CdCertHolderKind holder_kind;
  gint64        service_id;    /* 0 unless holder_kind is SERVICE */
  gint64        device_id;     /* the device it lives on; 0 = unknown */
} CdCertificate;

/* A service of the unit that holds a certificate of its own, such as
 * "Bộ phận Một cửa". */
typedef struct {
  gint64  id;
  char   *name;
  char   *note;
} CdService;

typedef struct {
  gint64  id;
  char   *token_serial;
  char   *label;
  char   *manufacturer;
  char   *model;
  char   *type;          /* "TOKEN", "SIM", "HSM", "SOFT" (software), "RSSP" (remote signing) */
  gint64  holder_id;     /* staff id, 0 = none */
  char   *status;        /* see the handover issue: "in_stock", "with_holder", … */
  /* Since schema 5. A SIM PKI device: its carrier (nhà mạng), phone
   * number (text) and whether the number was ported (chuyển mạng giữ số). */
  char   *carrier;
  char   *phone;
  gboolean ported;
  gint64  service_id;    /* the service whose device this is, 0 = none: its
                          * holder_id is then the duty officer who has it */
} CdDevice;

CdUnit        *cd_unit_new            (void);
CdUnit        *cd_unit_copy           (const CdUnit *unit);
void           cd_unit_free           (CdUnit *unit);

CdStaff       *cd_staff_new           (void);
CdStaff       *cd_staff_copy          (const CdStaff *staff);
void           cd_staff_free          (CdStaff *staff);

CdCertificate *cd_certificate_new     (void);
CdCertificate *cd_certificate_copy    (const CdCertificate *cert);
void           cd_certificate_free    (CdCertificate *cert);

CdService     *cd_service_new         (void);
CdService     *cd_service_copy        (const CdService *service);
void           cd_service_free        (CdService *service);

CdDevice      *cd_device_new          (void);
CdDevice      *cd_device_copy         (const CdDevice *device);
void           cd_device_free         (CdDevice *device);

/* Status of @cert at @now (Unix seconds) with @threshold_days for
 * "expiring"; NULL gives CD_CERT_STATUS_NONE. */
CdCertStatus   cd_certificate_status  (const CdCertificate *cert,
                                       gint64               now,
                                       int                  threshold_days);
/* Whether a certificate of @status is in force or about to be (valid,
 * expiring, not yet valid): its holder needs no new one, and it is what
 * a revocation revokes. */
gboolean       cd_cert_status_in_force (CdCertStatus status);
/* The status as a stable word for machine-readable output ("valid",
 * "expiring", "expired", "not_yet_valid", "revoked", "none"). */
const char    *cd_cert_status_id      (CdCertStatus status);
/* Whole days from @now to not_after (negative when expired). */
int            cd_certificate_days_left (const CdCertificate *cert,
                                         gint64               now);
/* "person", "unit", "service" or "none", for machine-readable output. */
const char    *cd_cert_holder_kind_id (CdCertHolderKind kind);
CdCertHolderKind cd_cert_holder_kind_from_id (const char *id);
/* Short Vietnamese label of a status ("Còn hiệu lực", "Sắp hết hạn"…). */
const char    *cd_cert_status_label   (CdCertStatus status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdUnit, cd_unit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdStaff, cd_staff_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCertificate, cd_certificate_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdDevice, cd_device_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdService, cd_service_free)

G_END_DECLS
