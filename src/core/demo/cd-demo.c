/* cd-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "cd-demo.h"
#include "cd-demo-private.h"

static const char *family_names[] = {
  "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh",
  "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh",
};
static const char *middle_male[] = {
  "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Xuân", "Tiến", "Mạnh",
};
static const char *middle_female[] = {
  "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hải", "Phương", "Bích",
};
static const char *given_male[] = {
  "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Huy", "Khánh", "Long",
  "Nam", "Phúc", "Quân", "Sơn", "Thắng", "Toàn", "Trung", "Tuấn", "Việt", "Vinh",
};
static const char *given_female[] = {
  "Anh", "Chi", "Diệp", "Dung", "Giang", "Hà", "Hằng", "Hạnh", "Hoa", "Hương",
  "Lan", "Linh", "Mai", "Nga", "Ngân", "Nhung", "Oanh", "Phượng", "Thảo", "Trang",
  "Tuyết", "Vân", "Yến",
};
/* Ascii forms for email local parts (given + family initial + middle
 * initial), as the Sở's mail system makes them. */
static const char *positions[] = {
  "Giáo viên", "Giáo viên", "Giáo viên", "Giáo viên", "Giáo viên", "Giáo viên",
  "Tổ trưởng chuyên môn", "Tổ phó chuyên môn", "Nhân viên văn thư",
  "Nhân viên kế toán", "Nhân viên thư viện", "Nhân viên y tế",
  "Phó Hiệu trưởng", "Giáo viên Tổng phụ trách Đội",
};
static const char *departments[] = {
  "Tổ Toán - Tin", "Tổ Ngữ văn", "Tổ Ngoại ngữ", "Tổ Khoa học tự nhiên",
  "Tổ Khoa học xã hội", "Tổ Nghệ thuật - Thể chất", "Tổ Văn phòng",
};
/* Codes of the provinces used (Điều 7, Thông tư 07/2016/TT-BCA). */
static const char *province_codes[] = {
  "001", "022", "026", "030", "031", "033", "034", "036", "037", "038", "040", "079",
};
static const char *all_province_codes[] = {
  "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019",
  "020", "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036",
  "037", "038", "040", "042", "044", "045", "046", "048", "049", "051", "052", "054",
  "056", "058", "060", "062", "064", "066", "067", "068", "070", "072", "074", "075",
  "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093",
  "094", "095", "096",
};
static const char *phone_prefixes[] = {
  "090", "091", "093", "094", "096", "097", "098", "086", "088", "081", "083", "085",
  "070", "076", "077", "078", "079", "032", "033", "034", "035", "036", "037", "038", "039",
};

gboolean
cd_demo_is_province_code (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (all_province_codes); i++)
    if (strncmp (code, all_province_codes[i], 3) == 0)
      return TRUE;
  return FALSE;
}

void
cd_demo_person_free (CdDemoPerson *p)
{
  if (p == NULL)
    return;
  g_clear_pointer (&p->staff, cd_staff_free);
  g_clear_pointer (&p->certificates, g_ptr_array_unref);
  g_clear_pointer (&p->device, cd_device_free);
  g_free (p);
}

CdUnit *
cd_demo_unit (void)
{
  CdUnit *u = cd_unit_new ();

  u->name = g_strdup ("TRƯỜNG THCS LÊ LỢI");
  u->parent_name = g_strdup ("UBND PHƯỜNG LÊ CHÂN");
  u->place = g_strdup ("Hải Phòng");
  u->province = g_strdup ("Thành phố Hải Phòng");
  u->head_title = g_strdup ("HIỆU TRƯỞNG");
  u->head_name = g_strdup ("Nguyễn Thị Thu Hà");
  u->address = g_strdup ("Số 12 phố Lê Lợi, phường Lê Chân, Hải Phòng");
  u->phone = g_strdup ("02253123456");
  u->email = g_strdup ("c2leloi.lechan@haiphong.edu.vn");
  u->org_level[0] = g_strdup ("UBND thành phố Hải Phòng");
  u->org_level[1] = g_strdup ("Sở Giáo dục và Đào tạo");
  u->org_level[2] = g_strdup ("UBND phường Lê Chân");
  u->org_level[3] = g_strdup ("Trường THCS Lê Lợi");
  u->tax_code = g_strdup ("0200654321");
  u->budget_code = g_strdup ("1045678");
  u->focal_name = g_strdup ("Vũ Thị Minh Thư");
  u->focal_position = g_strdup ("Văn thư");
  u->focal_cccd = g_strdup ("031190004521");
  u->focal_cccd_date = g_strdup ("2021-06-15");
  u->focal_cccd_place = g_strdup ("Cục Cảnh sát quản lý hành chính về trật tự xã hội");
  u->focal_phone = g_strdup ("0912345678");
  u->focal_email = g_strdup ("vanthu.c2leloi@haiphong.edu.vn");
  u->former_names = g_strsplit ("Trường THCS Lê Chân", ";", -1);
  return u;
}

#define PICK(rand, array) (array[g_rand_int_range (rand, 0, G_N_ELEMENTS (array))])

/* Lower-case ASCII of a Vietnamese word: "Đức" gives "duc". */
static char *
ascii_fold (const char *text)
{
  g_autofree char *nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);

  for (const char *p = nfd; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x0111 || c == 0x0110)
        c = 'd';
      if (c < 128 && g_ascii_isalnum (c))
        g_string_append_c (out, g_ascii_tolower (c));
    }
  return g_string_free (out, FALSE);
}

static char *
hex_serial (GRand *rand,
            guint  bytes)
{
  GString *s = g_string_sized_new (bytes * 2);

  /* Government serials start with 54 01 01 …; commercial ones vary. */
  for (guint i = 0; i < bytes; i++)
    g_string_append_printf (s, "%02X", i == 0 ? 0x54 : g_rand_int_range (rand, 0, 256));
  return g_string_free (s, FALSE);
}

static CdCertificate *
make_certificate (GRand         *rand,
                  const CdStaff *staff,
                  gint64         not_before,
                  gint64         not_after,
                  gboolean       government)
{
  CdCertificate *c = cd_certificate_new ();
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *ou = g_strdup ("Trường THCS Lê Lợi");

  c->serial = hex_serial (rand, government ? 16 : g_rand_int_range (rand, 16, 21));
  c->subject_cn = g_strdup (staff->full_name);
  c->subject_ou = g_new0 (char *, 3);
  c->subject_ou[0] = g_strdup (ou);
  c->subject_ou[1] = g_strdup ("Sở Giáo dục và Đào tạo");
  c->subject_o = g_strdup ("UBND thành phố Hải Phòng");
  c->subject_l = g_strdup ("Hải Phòng");
  c->subject_st = g_strdup ("Hải Phòng");
  c->email = g_strdup (staff->email);
  if (government)
    {
      c->issuer_cn = g_strdup ("CA phục vụ các cơ quan Nhà nước G2");
      c->issuer_o = g_strdup ("Ban Cơ yếu Chính phủ");
      c->provider = g_strdup ("Ban Cơ yếu Chính phủ");
    }
  else
    {
      c->issuer_cn = g_strdup ("VNPT Certification Authority");
      c->issuer_o = g_strdup ("VNPT Group");
      c->provider = g_strdup ("VNPT");
      c->uid_cccd = g_strdup (staff->cccd);
    }
  c->subject_dn = g_strdup_printf ("CN=%s,OU=%s,OU=Sở Giáo dục và Đào tạo,O=UBND thành phố Hải Phòng,"
                                   "L=Hải Phòng,C=VN", staff->full_name, ou);
  c->not_before = not_before;
  c->not_after = not_after;
  /* No DER for sample certificates: the fingerprint is derived from the
   * serial so it stays unique and stable. */
  g_checksum_update (sum, (const guchar *) c->serial, -1);
  c->fingerprint = g_ascii_strup (g_checksum_get_string (sum), -1);
  c->source = CD_CERT_SOURCE_MANUAL;
  return c;
}

GPtrArray *
cd_demo_people (guint   n,
                guint32 seed,
                gint64  now)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GHashTable) cccds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *people = g_ptr_array_new_full (n, (GDestroyNotify) cd_demo_person_free);
  const gint64 day = 86400;
  /* The tokens whose certificate ended lately, days before @now: the
   * ones a clerk is still chasing (due in a few working days, the last
   * one a day or two late; the last taken back, not yet returned to the
   * provider). Older ones were taken back and returned (cd_demo_fill). */
  static const int recent_expiry[] = { 1, 3, 6, 10, 20 };
  guint n_recent = 0;
  gboolean fresh_handover = FALSE;

  for (guint i = 0; i < n; i++)
    {
      CdDemoPerson *p = g_new0 (CdDemoPerson, 1);
      CdStaff *s = cd_staff_new ();
      gboolean female = g_rand_int_range (rand, 0, 100) < 70;   /* schools: mostly women */
      const char *family = PICK (rand, family_names);
      const char *middle = female ? PICK (rand, middle_female) : PICK (rand, middle_male);
      const char *given = female ? PICK (rand, given_female) : PICK (rand, given_male);
      int year = g_rand_int_range (rand, 1968, 2001);
      int month = g_rand_int_range (rand, 1, 13);
      int mday = g_rand_int_range (rand, 1, 29);
      g_autofree char *g = ascii_fold (given);
      g_autofree char *f = ascii_fold (family);
      g_autofree char *m = ascii_fold (middle);
      char *cccd, *email;
      int kind;

      p->certificates = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_certificate_free);
      s->full_name = g_strdup_printf ("%s %s %s", family, middle, given);
      s->gender = g_strdup (female ? "Nữ" : "Nam");
      s->birth_date = g_strdup_printf ("%04d-%02d-%02d", year, month, mday);
      s->position = g_strdup (i == 0 ? "Hiệu trưởng" : PICK (rand, positions));
      s->department = g_strdup (PICK (rand, departments));

      /* CCCD: province, century/gender digit, year of birth, 6 digits. */
      do
        {
          cccd = g_strdup_printf ("%s%d%02d%06d", PICK (rand, province_codes),
                                  (year >= 2000 ? 2 : 0) + (female ? 1 : 0), year % 100,
                                  g_rand_int_range (rand, 0, 1000000));
          if (g_hash_table_contains (cccds, cccd))
            g_clear_pointer (&cccd, g_free);
        }
      while (cccd == NULL);
      g_hash_table_add (cccds, cccd);
      s->cccd = g_strdup (cccd);
      s->cccd_date = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 2021, 2025),
                                      g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
      s->cccd_place = g_strdup ("Cục Cảnh sát quản lý hành chính về trật tự xã hội");
      s->phone = g_strdup_printf ("%s%07d", PICK (rand, phone_prefixes), g_rand_int_range (rand, 0, 10000000));

      for (int k = 0; ; k++)
        {
          email = k == 0 ? g_strdup_printf ("%s%c%c.c2leloi@haiphong.edu.vn", g, f[0], m[0])
                         : g_strdup_printf ("%s%c%c%d.c2leloi@haiphong.edu.vn", g, f[0], m[0], k + 1);
          if (!g_hash_table_contains (emails, email))
            break;
          g_free (email);
        }
      g_hash_table_add (emails, email);
      s->email = g_strdup (email);

      /* Spread of statuses a real school shows: most valid, some expiring,
       * a few expired, revoked and never issued; some have left. */
      kind = g_rand_int_range (rand, 0, 100);
      if (i == 0)
        kind = 30;   /* the head of unit: a valid certificate, still in post */
      if (kind < 8)
        ; /* no certificate yet */
      else
        {
          gint64 not_after;
          gboolean government = g_rand_int_range (rand, 0, 100) < 85;
          CdCertificate *c;

          if (kind < 62)
            not_after = now + (gint64) g_rand_int_range (rand, 61, 5 * 365) * day;
          else if (kind < 77)
            not_after = now + (gint64) g_rand_int_range (rand, 1, 60) * day + day / 2;
          else if (kind < 92)
            not_after = now - (gint64) g_rand_int_range (rand, 15, 120) * day;
          else
            not_after = now + (gint64) g_rand_int_range (rand, 100, 900) * day;

          c = make_certificate (rand, s, not_after - 5 * 365 * day, not_after, government);
          if (kind >= 92)
            {
              g_autoptr(GDateTime) d = g_date_time_new_from_unix_utc (now - (gint64) g_rand_int_range (rand, 10, 200) * day);

              c->revoked = TRUE;
              c->revoked_date = g_date_time_format (d, "%Y-%m-%d");
              c->revoked_reason = g_strdup ("Chuyển công tác ra ngoài tỉnh");
              s->left = TRUE;
              s->left_date = g_strdup (c->revoked_date);
              s->left_reason = g_strdup ("Chuyển công tác ra ngoài tỉnh");
            }
          g_ptr_array_add (p->certificates, c);

          if (!c->revoked && g_rand_int_range (rand, 0, 100) < 80)
            {
              CdDevice *d = cd_device_new ();

              d->token_serial = g_strdup_printf ("%08X", g_rand_int (rand));
              d->label = g_strdup (s->full_name);
              d->manufacturer = g_strdup (government ? "Bit4id" : "Feitian");
              d->model = g_strdup (government ? "TokenME EVO v2" : "ePass2003");
              d->type = g_strdup ("TOKEN");
              d->status = g_strdup ("with_holder");
              p->device = d;
              p->device_cert = p->certificates->len - 1;

              /* Set after every draw, so the people stay the same. */
              if (c->not_after <= now && n_recent < G_N_ELEMENTS (recent_expiry))
                c->not_after = now - recent_expiry[n_recent++] * day;
              else if (kind < 62 && i > 0 && !fresh_handover)
                {
                  /* a new token handed over a few weeks ago */
                  c->not_after = now - 20 * day + 5 * 365 * day;
                  fresh_handover = TRUE;
                }
              c->not_before = c->not_after - 5 * 365 * day;
            }
        }
      if (!s->left && i > 0 && g_rand_int_range (rand, 0, 100) < 2)
        {
          /* retired on 30 June, one to three years before @now */
          g_autoptr(GDateTime) today = g_date_time_new_from_unix_utc (now);
          int years_ago = 2026 - g_rand_int_range (rand, 2023, 2026);

          s->left = TRUE;
          s->left_date = g_strdup_printf ("%04d-06-30", g_date_time_get_year (today) - years_ago);
          s->left_reason = g_strdup ("Nghỉ hưu");
        }

      p->staff = s;
      g_ptr_array_add (people, p);
    }
  return people;
}

/* Noon today, local time: the demo's "now", the same all day, so a demo
 * built on a given day is the same register (and its counts) whatever
 * the hour. */
gint64
cd_demo_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) noon = g_date_time_new_local (g_date_time_get_year (now),
                                                     g_date_time_get_month (now),
                                                     g_date_time_get_day_of_month (now), 12, 0, 0);

  return g_date_time_to_unix (noon);
}

gboolean
cd_demo_fill (CdStore     *store,
              guint        n,
              guint32      seed,
              const char  *folder,
              GError     **error)
{
  gint64 now = cd_demo_today ();
  g_autoptr(CdUnit) unit = cd_demo_unit ();
  g_autoptr(GPtrArray) people = cd_demo_people (n, seed, now);

  /* Each save is its own transaction in the store (with its audit
   * entry); a failure stops here and leaves a partial sample register,
   * which is thrown away with its temporary folder. */
  /* A sample register is disposable: no fsync per record (tens of
   * thousands of small transactions for the benchmark). */
  sqlite3_exec (cd_store_get_db (store), "PRAGMA synchronous=OFF", NULL, NULL, NULL);
  if (!cd_store_save_unit (store, unit, error))
    return FALSE;
  for (guint i = 0; i < people->len; i++)
    {
      CdDemoPerson *p = g_ptr_array_index (people, i);

      if (!cd_store_save_staff (store, p->staff, error))
        return FALSE;
      /* the token first, handed to its holder: its certificate records
       * the device it was read from, as plugging the token in does (a
       * device knows its certificate only by that link) */
      if (p->device != NULL && !cd_demo_register_device (store, p, now, error))
        return FALSE;
      for (guint j = 0; j < p->certificates->len; j++)
        {
          CdCertificate *c = g_ptr_array_index (p->certificates, j);

          c->staff_id = p->staff->id;
          if (p->device != NULL && j == p->device_cert)
            c->device_id = p->device->id;
          if (!cd_store_save_certificate (store, c, error))
            return FALSE;
        }
    }
  return cd_demo_recover_devices (store, people, now, error)
         && (folder == NULL || cd_demo_add_batches (store, people, folder, now, error));
}
