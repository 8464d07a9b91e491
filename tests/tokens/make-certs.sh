#!/bin/sh
# make-certs.sh OUTDIR — certificates shaped like real Vietnamese ones,
# made with the openssl command line (an independent writer of X.509):
# two throw-away CAs (a VGCA-like one and a VNPT-like one) and leaf
# certificates with Vietnamese subjects, repeated OU and UID, email only
# in the DN or only in the SAN, a 20-byte serial with a leading 00 byte,
# expired, not yet valid and expiring ones. Writes <name>.der and
# <name>.pem for each leaf.
#
# The build runs it once into <build>/tests/tokens/certs (the test-certs
# target, stale at every build) for every test that reads certificates.
# Their dates are relative to when they were made ("expiring" in 30 days,
# revoked "now", a CRL valid 30 days), so the certificates are made again
# when older than a day or older than this script; OUTDIR/made-at holds
# the Unix time they were made. A new set is made beside the old one and
# swapped in, so a test never reads half a set.
set -eu
case $1 in /*) out=$1 ;; *) out=$PWD/$1 ;; esac
if [ -f "$out/made-at" ] && [ ! "$0" -nt "$out/made-at" ] &&
   [ $(( $(date +%s) - $(cat "$out/made-at") )) -lt 86400 ]; then
  exit 0
fi
rm -rf "$out.new"
mkdir -p "$out.new"
cd "$out.new"
export CADIR=.
KEY="-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"

cat > ca.cnf <<'CNF'
[ ca ]
default_ca = CA_default
[ CA_default ]
dir = $ENV::CADIR
database = $dir/index.txt
new_certs_dir = $dir/new
serial = $dir/serial
default_md = sha256
policy = pol
unique_subject = no
preserve = yes
email_in_dn = yes
[ pol ]
countryName = optional
stateOrProvinceName = optional
localityName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied
emailAddress = optional
UID = optional
[ req ]
distinguished_name = dn
[ dn ]
CNF

mkca() { # dir subj
  mkdir -p "$1/new"; : > "$1/index.txt"
  openssl req -x509 -utf8 -config ca.cnf $KEY -keyout "$1/ca.key" -out "$1/ca.pem" \
    -days 3650 -subj "$2" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
}
VGCA_SUBJ="/C=VN/O=Ban Cơ yếu Chính phủ/OU=Cục Chứng thực số và Bảo mật thông tin/CN=CA phục vụ các cơ quan Nhà nước G2"
mkca vgca "$VGCA_SUBJ"
mkca vnpt "/C=VN/O=VNPT Group/OU=VNPT-CA Trust Network/CN=VNPT Certification Authority"

# leaf NAME CA SERIAL SUBJ EXTS DATES...
leaf() {
  name=$1 ca=$2 serial=$3 subj=$4 exts=$5; shift 5
  printf '%s\n' "$serial" > "$ca/serial"
  printf '%b\n' "$exts" > "$name.ext"
  openssl req -new -utf8 -config ca.cnf $KEY -keyout "$name.key" -out "$name.csr" -subj "$subj" 2>/dev/null
  CADIR=$ca openssl ca -batch -utf8 -notext -config ca.cnf -cert "$ca/ca.pem" -keyfile "$ca/ca.key" \
    -in "$name.csr" -out "$name.pem" -extfile "$name.ext" "$@" 2>/dev/null
  openssl x509 -in "$name.pem" -outform DER -out "$name.der"
}

SIGN="keyUsage=critical,digitalSignature,nonRepudiation\ncrlDistributionPoints=URI:http://crl.ca.gov.vn/cp.crl,URI:http://crl2.ca.gov.vn/cp.crl\nauthorityInfoAccess=OCSP;URI:http://ocsp.ca.gov.vn,caIssuers;URI:http://ca.gov.vn/cp.crt"

leaf gov vgca 5401F2A1B2C3D4E5 \
  "/C=VN/ST=Hải Phòng/L=Quận Lê Chân/O=UBND thành phố Hải Phòng/OU=Sở Giáo dục và Đào tạo/OU=Trường THCS Lê Lợi/CN=Nguyễn Thị Hồng Nhung/emailAddress=nhungnth@haiphong.edu.vn" \
  "$SIGN" -days 1825
leaf vnpt vnpt 8F0102030405060708090A0B0C0D0E0F101112 \
  "/C=VN/ST=HÀ NỘI/L=Cầu Giấy/O=CÔNG TY TNHH GIÁO DỤC ĐÔNG Á/OU=Phòng Kế toán/OU=Chi nhánh Hải Phòng/UID=CCCD:031085001234/UID=MST:0201234567-199/CN=Trần Đức Anh" \
  "keyUsage=critical,digitalSignature,keyEncipherment\nsubjectAltName=email:anhtd@dongaedu.vn\nauthorityInfoAccess=OCSP;URI:http://ocsp.vnpt-ca.vn/responder" \
  -days 1095
leaf expired vgca 0A1B2C3D \
  "/C=VN/ST=Hải Phòng/O=UBND thành phố Hải Phòng/OU=Trường Tiểu học Đằng Hải/CN=Phạm Văn Đông/emailAddress=dongpv@haiphong.edu.vn" \
  "$SIGN" -startdate 20200101000000Z -enddate 20230101000000Z
leaf future vgca 7E \
  "/C=VN/ST=Hải Phòng/O=UBND thành phố Hải Phòng/OU=Trường Mầm non Hoa Sen/CN=Lê Thị Mai/emailAddress=mailt@haiphong.edu.vn" \
  "keyUsage=critical,keyEncipherment,dataEncipherment" -startdate 20400101000000Z -enddate 20450101000000Z
leaf expiring vnpt 00FF \
  "/C=VN/O=Trường THPT Ngô Quyền/UID=CMND:031234567/UID=HC:B1234567/CN=Vũ Ngọc Ánh/emailAddress=anhvn@ngoquyen.edu.vn" \
  "subjectAltName=email:vu.anh@gmail.com" -days 30

# One teacher, three certificates (issue 14): a chuyên dùng signing and
# encryption pair expiring in 20 days, and a commercial VNPT one valid
# 700 days. The register must count the chuyên dùng signing one.
TEACHER="/C=VN/ST=Hải Phòng/O=UBND thành phố Hải Phòng/OU=Trường THCS Lê Lợi/CN=Hoàng Văn Thái/emailAddress=thaihv@haiphong.edu.vn"
leaf teacher-gov-sign vgca 54A1000000000001 "$TEACHER" "$SIGN" -days 20
leaf teacher-gov-enc vgca 54A1000000000002 "$TEACHER" \
  "keyUsage=critical,keyEncipherment,dataEncipherment" -days 20
leaf teacher-vnpt vnpt 5404A1B2C3D4E5F60718 \
  "/C=VN/ST=Hải Phòng/O=Trường THCS Lê Lợi/CN=Hoàng Văn Thái/emailAddress=thaihv@haiphong.edu.vn" \
  "keyUsage=critical,digitalSignature,nonRepudiation" -days 700

# The unit's own certificates (issue 14), for the demo unit TRƯỜNG THCS
# LÊ LỢI (tax code 0200654321, email c2leloi.lechan@haiphong.edu.vn): its
# seal (CN and O the school's name, UID MST), a seal under a former name,
# one known only by the unit's email, one only by its tax code (the name
# written without accents, as commercial CAs often do), and the one-stop
# desk's service certificate (seed 003).
leaf seal vgca 5405EA1000000001 \
  "/C=VN/ST=Hải Phòng/L=Phường Lê Chân/O=Trường THCS Lê Lợi/UID=MST:0200654321/CN=Trường THCS Lê Lợi" \
  "$SIGN" -days 1095
leaf seal-former vgca 5405EA1000000002 \
  "/C=VN/ST=Hải Phòng/O=UBND quận Lê Chân/CN=Trường THCS Hàng Kênh" "$SIGN" -days 300
leaf seal-email vgca 5405EA1000000003 \
  "/C=VN/ST=Hải Phòng/O=UBND phường Lê Chân/CN=Văn thư THCS Lê Lợi/emailAddress=c2leloi.lechan@haiphong.edu.vn" \
  "$SIGN" -days 400
leaf seal-mst vnpt 5405EA1000000004 \
  "/C=VN/ST=HẢI PHÒNG/UID=MST:0200654321/CN=TRUONG THCS LE LOI" \
  "keyUsage=critical,digitalSignature,nonRepudiation" -days 500
leaf onestop vgca 5405EA1000000005 \
  "/C=VN/ST=Hải Phòng/O=UBND phường Lê Chân/CN=Bộ phận Một cửa/emailAddress=motcua.lechan@haiphong.gov.vn" \
  "$SIGN" -days 730

# An older style: subject strings as BMPString (string_mask pkix), a comma
# and a plus sign in values.
sed 's/^\[ req \]$/[ req ]\nstring_mask = pkix/' ca.cnf > bmp.cnf
printf '%s\n' 3C > vgca/serial
printf 'keyUsage=critical,digitalSignature\n' > bmp.ext
openssl req -new -utf8 -config bmp.cnf $KEY -keyout bmp.key -out bmp.csr \
  -subj "/C=VN/O=Sở Nội vụ, Hải Phòng/OU=Phòng A\\+B/CN=Đỗ Thị Hà/emailAddress=hadt@haiphong.gov.vn" 2>/dev/null
CADIR=vgca openssl ca -batch -utf8 -notext -config bmp.cnf -cert vgca/ca.pem -keyfile vgca/ca.key \
  -in bmp.csr -out bmp.pem -extfile bmp.ext -days 400 2>/dev/null
openssl x509 -in bmp.pem -outform DER -out bmp.der

# CRLs: the VGCA-like CA revokes "expired" and "future"; a forged CA with
# the same name but another key signs a CRL that must not verify.
CADIR=vgca openssl ca -config ca.cnf -cert vgca/ca.pem -keyfile vgca/ca.key \
  -revoke expired.pem -crl_reason keyCompromise 2>/dev/null
CADIR=vgca openssl ca -config ca.cnf -cert vgca/ca.pem -keyfile vgca/ca.key \
  -revoke future.pem -crl_reason affiliationChanged 2>/dev/null
CADIR=vgca openssl ca -config ca.cnf -cert vgca/ca.pem -keyfile vgca/ca.key \
  -gencrl -crldays 30 -out vgca.crl.pem 2>/dev/null
openssl crl -in vgca.crl.pem -outform DER -out vgca.crl
mkdir -p forged/new; cp vgca/index.txt forged/index.txt
openssl req -x509 -utf8 -config ca.cnf $KEY -keyout forged/ca.key -out forged/ca.pem -days 3650 \
  -subj "$VGCA_SUBJ" 2>/dev/null
CADIR=forged openssl ca -config ca.cnf -cert forged/ca.pem -keyfile forged/ca.key \
  -gencrl -crldays 30 -out forged.crl.pem 2>/dev/null
openssl x509 -in forged/ca.pem -outform DER -out forged-ca.der
# A look-alike CA, same name again, whose key may sign certificates but not
# revocation lists (keyUsage without cRLSign).
mkdir -p nocrlsign/new; cp vgca/index.txt nocrlsign/index.txt
openssl req -x509 -utf8 -config ca.cnf $KEY -keyout nocrlsign/ca.key -out nocrlsign/ca.pem \
  -days 3650 -subj "$VGCA_SUBJ" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign" 2>/dev/null
CADIR=nocrlsign openssl ca -config ca.cnf -cert nocrlsign/ca.pem -keyfile nocrlsign/ca.key \
  -gencrl -crldays 30 -out nocrlsign.crl.pem 2>/dev/null
openssl x509 -in nocrlsign/ca.pem -outform DER -out nocrlsign-ca.der
openssl x509 -in vgca/ca.pem -outform DER -out vgca-ca.der
openssl x509 -in vnpt/ca.pem -outform DER -out vnpt-ca.der
date +%s > made-at
cd /
rm -rf "$out"
mv "$out.new" "$out"
