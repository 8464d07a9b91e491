#!/usr/bin/python3
"""The built-in request list (de-nghi-cap-moi) filled by docxtpl, for the
side-by-side figures of bench-docs.

    bench-docs-docxtpl.py TEMPLATE_DIR OUT.docx N

The template is CertDesk's own folder turned into a docxtpl template: the
repeated row gets {%tr for p in people %} / {%tr endfor %} rows around it
and its {{name}} become {{p.name}}; the values are the same synthetic
people as tests/docs/docs-people.c. bench-docs runs this as a child and
reads its CPU time and peak RSS (whole process, start-up included, as for
CertDesk's child)."""
import io
import os
import re
import sys
import zipfile

from docxtpl import DocxTemplate

W_TR = re.compile(r"<w:tr[ >].*?</w:tr>", re.S)
PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
PERSON = {"stt", "ho_ten", "ngay_sinh", "chuc_vu", "don_vi", "cccd",
          "ngay_cap_cccd", "dien_thoai"}


def tr_tag(text):
    return ('<w:tr><w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc></w:tr>' % text)


def make_template(folder):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for root, _, files in os.walk(folder):
            for f in sorted(files):
                path = os.path.join(root, f)
                name = os.path.relpath(path, folder)
                with open(path, "rb") as fh:
                    data = fh.read()
                if name == "word/document.xml":
                    xml = data.decode("utf-8")

                    def row(m):
                        r = m.group(0)
                        if "{{ho_ten}}" not in r:
                            return r
                        r = PLACEHOLDER.sub(lambda p: "{{p.%s}}" % p.group(1)
                                            if p.group(1) in PERSON else p.group(0), r)
                        return tr_tag("{%tr for p in people %}") + r + tr_tag("{%tr endfor %}")
                    data = W_TR.sub(row, xml).encode("utf-8")
                z.writestr(name, data)
    buf.seek(0)
    return buf


def people(n):
    positions = ["Giáo viên", "Tổ trưởng", "Phó Hiệu trưởng", "Kế toán", "Nhân viên"]
    for i in range(n):
        yield {
            "stt": str(i + 1),
            "ho_ten": "Nguyễn Thị Hoa %d" % (i + 1),
            "ngay_sinh": "%02d/%02d/%04d" % (1 + i % 28, 1 + i % 12, 1970 + i % 30),
            "chuc_vu": positions[i % len(positions)],
            "don_vi": "Tổ Khoa học tự nhiên",
            "cccd": "0310850%05d" % i,
            "ngay_cap_cccd": "%02d/%02d/2021" % (1 + i % 27, 1 + i % 12),
            "dien_thoai": "09%08d" % (12340000 + i),
        }


def main():
    folder, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    tpl = DocxTemplate(make_template(folder))
    tpl.render({
        "people": list(people(n)),
        "ten_don_vi_quan_ly": "UBND XÃ AN LÃO",
        "ten_don_vi": "TRƯỜNG THCS LÊ LỢI",
        "dong_ngay_thang": "Hải Phòng, ngày 05 tháng 01 năm 2026",
        "chuc_danh_ky": "HIỆU TRƯỞNG",
        "nguoi_ky": "Phạm Văn Bình",
    })
    tpl.save(out)


main()
