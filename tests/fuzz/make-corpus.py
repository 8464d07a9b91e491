#!/usr/bin/python3
"""Writes the seed and regression inputs of tests/fuzz/corpus/ (run by
hand when a harness or a reproducer is added; the files are committed).

    tests/fuzz/make-corpus.py CERTS_DIR

CERTS_DIR is the build's test certificates (_build/tests/tokens/certs,
made by the test-certs target). Seeds are small valid inputs, named
seed-*; reproducers of issue 20 and of what fuzzing found are named
d<N>-* or found-*, each small: the driver runs them all on every build.
"""
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.join(HERE, "..", "..")
OUT = os.path.join(HERE, "corpus")
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
S_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
STAMP = (2026, 1, 5, 0, 0, 0)

LAUGHS_DTD = ('<!DOCTYPE d [<!ENTITY a "lollollollollollollollollollol">'
              + "".join('<!ENTITY %s "%s">' % (n, ("&%s;" % p) * 10)
                        for p, n in zip("abcdefghi", "bcdefghij"))
              + "]>")
XXE_DTD = '<!DOCTYPE d [<!ENTITY j SYSTEM "file:///etc/passwd">]>'


def put(corpus, name, data):
    os.makedirs(os.path.join(OUT, corpus), exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(OUT, corpus, name), "wb") as f:
        f.write(data)


def utf16(text):
    return b"\xff\xfe" + text.encode("utf-16-le")


def zip_bytes(parts):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            z.writestr(zipfile.ZipInfo(name, STAMP), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                 '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '</Relationships>')


def docx_of(document_xml, extra=()):
    return zip_bytes([("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
                      ("word/document.xml", document_xml)] + list(extra))


def body(inner):
    return ('<?xml version="1.0" encoding="UTF-8"?><w:document ' + W_NS
            + '><w:body>' + inner + '</w:body></w:document>')


def para(*runs):
    return "<w:p>" + "".join("<w:r><w:t xml:space=\"preserve\">%s</w:t></w:r>" % r
                             for r in runs) + "</w:p>"


def lying(parts, part_size, declared):
    """A package whose extra parts inflate to @part_size but whose local
    and central headers claim @declared bytes (D2)."""
    data = bytearray(docx_of(body(para("{{ho_ten}}")),
                             [("word/media/image%d.bin" % i, bytes(part_size))
                              for i in range(parts)]))
    import struct
    for zi in zipfile.ZipFile(io.BytesIO(bytes(data))).infolist():
        if zi.filename.startswith("word/media/"):
            struct.pack_into("<I", data, zi.header_offset + 22, declared)
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        n = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46:pos + 46 + n]).startswith(b"word/media/"):
            struct.pack_into("<I", data, pos + 24, declared)
        pos += 46
    return bytes(data)


def sheet_xml(rows, prolog='<?xml version="1.0" encoding="UTF-8"?>'):
    out = [prolog, "<worksheet " + S_NS + "><sheetData>"]
    for r, cells in enumerate(rows, 1):
        out.append('<row r="%d">' % r)
        for c, cell in enumerate(cells):
            ref = "%s%d" % (chr(65 + c), r)
            if isinstance(cell, str) and cell.startswith("<"):
                out.append(cell.replace("REF", ref))
            elif isinstance(cell, (int, float)):
                out.append('<c r="%s"><v>%s</v></c>' % (ref, cell))
            else:
                out.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, cell))
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def xlsx_of(sheet):
    return zip_bytes([("xl/worksheets/sheet1.xml", sheet)])


def seeds_certs(certs):
    def copy(corpus, src, dst):
        with open(os.path.join(certs, src), "rb") as f:
            put(corpus, dst, f.read())

    copy("x509", "bmp.der", "seed-bmp-subject.der")
    copy("x509", "vgca/ca.pem", "seed-ca.pem")
    copy("x509", "vnpt-ca.der", "seed-vnpt-ca.der")
    p7b = subprocess.run(["openssl", "crl2pkcs7", "-nocrl", "-certfile",
                          os.path.join(certs, "vgca/ca.pem"), "-outform", "DER"],
                         capture_output=True, check=True).stdout
    put("x509", "seed-bundle.p7b", p7b)
    tmp = tempfile.mkdtemp()
    try:
        # D14: a negative serial keeps its sign
        subprocess.run(["openssl", "req", "-x509", "-utf8", "-newkey", "ec",
                        "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                        "-keyout", os.path.join(tmp, "k"), "-out", os.path.join(tmp, "c"),
                        "-days", "400", "-set_serial", "-0x0A1B", "-outform", "DER",
                        "-subj", "/C=VN/O=Trường THCS Lê Lợi/CN=Nguyễn Văn Âm"],
                       capture_output=True, check=True)
        with open(os.path.join(tmp, "c"), "rb") as f:
            put("x509", "d14-negative-serial.der", f.read())
    finally:
        shutil.rmtree(tmp)
    copy("crl", "vgca.crl", "seed-vgca.crl")
    copy("crl", "vgca.crl.pem", "seed-vgca.crl.pem")
    copy("crl", "forged.crl.pem", "d6-forged.crl.pem")


def seeds_sheets():
    head = ["Họ và tên", "Ngày sinh", "Chức vụ", "Số CCCD", "Email"]
    rows = [head, ["Nguyễn Thị Hoa", 31113, "Giáo viên", "031085001234", "hoant@haiphong.edu.vn"],
            ["Lê Văn An", "01/02/1990", "Kế toán", '<c r="REF" t="s"><v>2</v></c>', ""]]
    put("sheet-xml", "seed-inline-and-shared.xml", sheet_xml(rows))
    put("xlsx", "seed-minimal.xlsx", xlsx_of(sheet_xml(rows)))
    # D10: a 20+-digit date cell (float → long before the range check)
    put("sheet-xml", "d10-long-date.xml", sheet_xml(
        [head, ["Trần Thị Lan", '<c r="REF"><v>123456789012345678901234</v></c>', "Kế toán"],
         ["Phạm Minh", '<c r="REF" t="str"><v>99999999999999999999999.5</v></c>', ""]]))
    # D11: a cell with two value children
    put("sheet-xml", "d11-two-values.xml", sheet_xml(
        [head, ['<c r="REF" t="inlineStr"><is><t>Hai</t></is><v>1</v><v>2</v></c>',
                '<c r="REF"><v>1</v><v>31113</v></c>']]))
    # D3: a run of alternating combining marks (small: linear now)
    marks = "\u0301\u0316" * 2048
    put("sheet-xml", "d3-combining-marks.xml", sheet_xml([head, ["Lê Văn Bình" + marks, 1]]))
    put("csv", "d3-combining-marks.csv",
        "Họ và tên,Ngày sinh,Chức vụ\nLê Văn Bình,01/02/1990,Giáo viên " + marks + "\n")
    # D1: a UTF-16 part hiding its DTD from a byte search
    for tag, dtd in (("laughs", LAUGHS_DTD), ("xxe", XXE_DTD)):
        xml = sheet_xml([head, ["&j;", 1]], '<?xml version="1.0" encoding="UTF-16"?>' + dtd)
        put("sheet-xml", "d1-utf16-%s.xml" % tag, utf16(xml))
        put("xlsx", "d1-utf16-%s.xlsx" % tag, xlsx_of(utf16(xml)))
    # shared strings, a workbook naming its sheet, a date cell
    put("xlsx", "seed-openpyxl.xlsx", openpyxl_seed())

    put("csv", "seed-utf8.csv",
        "Họ và tên,Ngày sinh,Chức vụ,Số CCCD\n"
        "Nguyễn Thị Hoa,07/03/1985,Giáo viên,031085001234\n"
        '"Lê Văn ""An""",1990-02-01,"Kế toán, Văn phòng",001090004321\n')
    put("csv", "seed-semicolon-bom.csv",
        "\ufeffHọ và tên;Ngày sinh\nTrần Thị Bình;20/11/1979\n")
    put("csv", "seed-utf16.csv", utf16("Họ và tên\tNgày sinh\nPhạm Văn Minh\t45296\n"))
    put("csv", "seed-cp1258.csv", "Họ và tên,Chức vụ\nTrần Văn Nam,Nhân viên\n"
        .encode("cp1258", errors="replace"))
    put("csv", "d17-bidi-override.csv", "Họ và tên,Ngày sinh\n\u202eNguyễn Văn A,01/01/1990\n")


def openpyxl_seed():
    import openpyxl
    import datetime
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Ngày sinh", "Số CCCD", "Điện thoại"])
    ws.append(["Nguyễn Thị Hoa", datetime.date(1985, 3, 7), "031085001234", "0912345678"])
    ws.append(["Lê Văn An", datetime.date(1990, 2, 1), 1090004321, None])
    buf = io.BytesIO()
    wb.save(buf)
    # fixed dates inside, so a rerun writes the same bytes
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    return zip_bytes([(zi.filename, src.read(zi)) for zi in src.infolist()
                      if zi.filename != "docProps/core.xml"])


def form_document_xml():
    import docx
    d = docx.Document()
    d.add_paragraph("TÊN ĐƠN VỊ")
    heads = ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Số căn cước công dân", "Điện thoại"]
    t = d.add_table(rows=3, cols=len(heads))
    for c, h in enumerate(heads):
        t.rows[0].cells[c].text = h
    for r in (1, 2):
        t.rows[r].cells[0].text = str(r)
    d.add_paragraph("……, ngày … tháng … năm …")
    d.add_paragraph("HIỆU TRƯỞNG")
    d.add_paragraph("(Ký, ghi rõ họ tên, đóng dấu)")
    buf = io.BytesIO()
    d.save(buf)
    return zipfile.ZipFile(io.BytesIO(buf.getvalue())).read("word/document.xml")


def seeds_docx():
    tpl = os.path.join(TOP, "data", "templates", "mau-01")
    parts = []
    for dirpath, _, files in sorted(os.walk(tpl)):
        for name in sorted(files):
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                parts.append((os.path.relpath(path, tpl), f.read()))
    parts.sort(key=lambda p: p[0] != "[Content_Types].xml")
    put("docx", "seed-mau-01.docx", zip_bytes(parts))

    simple = body(para("Kính gửi: {{ten_don_vi}}")
                  + "<w:tbl><w:tr><w:tc>" + para("{{stt}}") + "</w:tc><w:tc>"
                  + "<w:p><w:r><w:t>{{ho_</w:t></w:r><w:proofErr/><w:r><w:t>ten}}</w:t></w:r></w:p>"
                  + "</w:tc></w:tr></w:tbl>" + para("{{ngay_thang_nam}}"))
    put("docx-xml", "seed-split-runs.xml", simple)
    put("docx", "seed-split-runs.docx", docx_of(simple))
    # D2: parts lying about their size (small: 4 × 256 KB declared 1 KB)
    put("docx", "d2-lying-sizes.docx", lying(4, 256 * 1024, 1024))
    # D17: entry names no Office package has
    put("docx", "d17-odd-entry-names.docx",
        docx_of(simple, [("../../x", "x"), ("/etc/x", "x"), ("word\\a", "x")]))
    # D1: UTF-16 document parts with a DTD (billion laughs, external entity)
    for tag, dtd in (("laughs", LAUGHS_DTD), ("xxe", XXE_DTD)):
        xml = ('<?xml version="1.0" encoding="UTF-16"?>' + dtd + '<w:document ' + W_NS
               + '><w:body>' + para("&j;{{ho_ten}}") + '</w:body></w:document>')
        put("docx-xml", "d1-utf16-%s.xml" % tag, utf16(xml))
        put("docx", "d1-utf16-%s.docx" % tag, docx_of(utf16(xml)))
    # D9: many braces (the scan is linear now)
    put("docx-xml", "d9-braces.xml", body(para("{{" * 4000 + "}}" * 10)))
    # D17: an unterminated placeholder
    put("docx-xml", "d17-unterminated.xml", body(para("Kính gửi {{ten_don_vi")))
    form = form_document_xml()
    put("form", "seed-python-docx-form.xml", form)
    put("docx", "seed-python-docx-form.docx", docx_of(form))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    seeds_certs(sys.argv[1])
    seeds_sheets()
    seeds_docx()


if __name__ == "__main__":
    main()
