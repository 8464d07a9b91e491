#!/usr/bin/python3
"""build-aux/make-templates.py — writes the built-in templates' XML.

The built-in templates live in data/templates/<name>/ as unpacked .docx
parts (readable diffs; CertDesk zips them in memory when it fills one).
This script is how they were written: change a form here, run it, and
review the XML diff. Formatting follows Nghị định 30/2020 (Phụ lục I):
A4, margins 20/20/30/15 mm, Times New Roman, Quốc hiệu 12 pt bold caps,
Tiêu ngữ 13 pt bold with a rule, unit caps bold, italic date line,
title 14 pt bold, body 14 pt justified, table header bold and repeated on
every page, page numbers centred at the top from page 2.
"""
import os
import shutil
import sys
from xml.sax.saxutils import escape

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

MM = 56.6929  # twips per millimetre


def mm(v):
    return int(round(v * MM))


CONTENT_TYPES = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>
'''

RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>
'''

DOC_RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>
</Relationships>
'''

STYLES = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W}>
<w:docDefaults>
<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:color w:val="000000"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body Text CertDesk"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="120" w:after="0"/><w:ind w:firstLine="720"/><w:jc w:val="both"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="57" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr></w:style>
</w:styles>
'''

SETTINGS = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings {W}>
<w:defaultTabStop w:val="720"/>
<w:characterSpacingControl w:val="doNotCompress"/>
<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
</w:settings>
'''

# Page numbers: centred at the top from page 2 (the first page's header,
# header2.xml, is empty: titlePg in sectPr).
HEADER_NUM = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr {W}>
<w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="center"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
</w:hdr>
'''

HEADER_EMPTY = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr {W}>
<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p>
</w:hdr>
'''

CORE = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>{title}</dc:title>
<dc:creator>CertDesk</dc:creator>
</cp:coreProperties>
'''


def run(text, size=None, b=False, i=False, u=False):
    props = ''
    if b:
        props += '<w:b/><w:bCs/>'
    if i:
        props += '<w:i/><w:iCs/>'
    if u:
        props += '<w:u w:val="single"/>'
    if size:
        props += f'<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/>'
    rpr = f'<w:rPr>{props}</w:rPr>' if props else ''
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(runs='', jc=None, style=None, before=0, after=0, rule=None,
         indent=None, keep=False, size=None):
    ppr = ''
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if keep:
        ppr += '<w:keepNext/>'
    if rule:
        ppr += '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
    if before or after:
        ppr += f'<w:spacing w:before="{before * 20}" w:after="{after * 20}"/>'
    if indent:
        ppr += f'<w:ind w:left="{mm(indent)}" w:right="{mm(indent)}"/>'
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    if size:
        ppr += f'<w:rPr><w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/></w:rPr>'
    if isinstance(runs, str) and runs and not runs.startswith('<w:r>'):
        runs = run(runs)
    return f'<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>'


def cell(width, content, vmerge=None, borders=True):
    tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if not borders:
        tcpr += '<w:tcBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/></w:tcBorders>'
    tcpr += '<w:vAlign w:val="center"/>'
    return f'<w:tc><w:tcPr>{tcpr}</w:tcPr>{content}</w:tc>'


def frame_table(width, number=None, subject=None):
    """The two-column header: managing body and unit on the left,
    Quốc hiệu and Tiêu ngữ on the right, then number and date line."""
    left = int(width * 0.38)
    right = width - left
    # Rules: short and centred under the unit; as long as the Tiêu ngữ
    # (about 62 mm at 13 pt bold, with room for a wider fallback font) under it.
    unit_rule = max(0, (left / MM - 30) / 2)
    motto_rule = max(0, (right / MM - 72) / 2)
    grid = f'<w:tblGrid><w:gridCol w:w="{left}"/><w:gridCol w:w="{right}"/></w:tblGrid>'
    # tblPr children in the schema's order: tblLayout after tblBorders
    tblpr = (f'<w:tblPr><w:tblW w:w="{width}" w:type="dxa"/>'
             '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>'
             '<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>'
             '<w:tblLayout w:type="fixed"/></w:tblPr>')
    l1 = (para(run('{{ten_don_vi_quan_ly}}', 13), jc='center')
          + para(run('{{ten_don_vi}}', 13, b=True), jc='center')
          + para(jc='center', rule=True, indent=unit_rule, size=2))
    r1 = (para(run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 12, b=True), jc='center')
          + para(run('Độc lập - Tự do - Hạnh phúc', 13, b=True), jc='center', rule=True, indent=motto_rule))
    l2 = ''
    if number:
        l2 += para(run('Số: {{so_van_ban}}', 13), jc='center', before=6)
    if subject:
        l2 += para(run(subject, 12), jc='center')
    if not l2:
        l2 = para()
    r2 = para(run('{{dong_ngay_thang}}', 14, i=True), jc='center', before=6)
    row1 = f'<w:tr>{cell(left, l1, borders=False)}{cell(right, r1, borders=False)}</w:tr>'
    row2 = f'<w:tr>{cell(left, l2, borders=False)}{cell(right, r2, borders=False)}</w:tr>'
    return f'<w:tbl>{tblpr}{grid}{row1}{row2}</w:tbl>'


# Values that must never wrap, as a width in Times New Roman digits (half
# an em each; a slash is about 0.28 em): dd/mm/yyyy, the 12-digit CCCD, a
# 10-digit mobile number.
UNBROKEN = {'ngay_sinh': 9.2, 'ngay_cap_cccd': 9.2, 'cts_den_ngay': 9.2, 'cts_tu_ngay': 9.2,
            'cccd': 12, 'dien_thoai': 10, 'stt': 3}


def min_width(field, size):
    """The narrowest a column may be (twips) for its value to stay on one
    line at @size pt: the digits, the cell's side margins (2 x 1.9 mm)
    and 1 mm of room for a font of slightly other metrics."""
    fields = field if isinstance(field, tuple) else (field,)
    digits = max(UNBROKEN.get(f, 0) for f in fields)
    if not digits:
        return 0
    return mm(digits * size / 2 * 25.4 / 72 + 3.8 + 1)


def fit_widths(width, columns, size):
    """Widths in twips by the columns' weights, raised where a number or
    date would otherwise wrap; the others share what is left."""
    mins = [min_width(c[1], size) for c in columns]
    fixed = [False] * len(columns)
    while True:
        free = width - sum(m for m, f in zip(mins, fixed) if f)
        total = sum(c[2] for c, f in zip(columns, fixed) if not f)
        widths = [m if f else int(free * c[2] / total) for c, m, f in zip(columns, mins, fixed)]
        short = [i for i, (w, m) in enumerate(zip(widths, mins)) if not fixed[i] and w < m]
        if not short:
            return widths
        for i in short:
            fixed[i] = True


def sign_row(widths, title='{{chuc_danh_ky}}', name='{{nguoi_ky}}'):
    """The signature as the list table's last row, without borders: two
    cells spanning about 45 % and 55 % of the columns. LibreOffice 7.4
    keeps rows marked keep-with-next with the next row but not with a
    table after the list (rendered: the signature then stood alone on
    the last page of a 42-person cap-lai), so the block lives in the
    table and the filler's keep-with-next on the last rows holds it to
    the last person's row."""
    total = sum(widths)
    acc = 0
    split = len(widths) - 1
    for i, w in enumerate(widths):
        acc += w
        if acc >= total * 0.45:
            split = i + 1
            break
    left, right = sum(widths[:split]), sum(widths[split:])
    nob = '<w:tcBorders><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/></w:tcBorders>'
    rc = (para() + para(run(title, 13, b=True), jc='center')
          + para(run('(Ký, ghi rõ họ tên, đóng dấu)', 13, i=True), jc='center')
          + para() + para() + para() + para(run(name, 13, b=True), jc='center'))
    return ('<w:tr><w:trPr><w:cantSplit/></w:trPr>'
            f'<w:tc><w:tcPr><w:tcW w:w="{left}" w:type="dxa"/><w:gridSpan w:val="{split}"/>{nob}</w:tcPr>{para()}</w:tc>'
            f'<w:tc><w:tcPr><w:tcW w:w="{right}" w:type="dxa"/><w:gridSpan w:val="{len(widths) - split}"/>{nob}</w:tcPr>{rc}</w:tc>'
            '</w:tr>')


# The paragraph a document (or a table cell) cannot end without, 1 pt
# high: a list that fills its last page must not spill a blank page.
TAIL = ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
        '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')


def closing_row(widths, closing, sign=None):
    """A letter's closing text and signature (Nơi nhận | signer) as the
    list table's last row: one cell across the table, borderless but for
    the line under the last person, no side margins so that its text
    lines up with the letter's. As with sign_row, LibreOffice 7.4 keeps
    a row marked keep-with-next with the next row but not a split table's
    end with what follows it (Mẫu 05 for 250 people put the closing text
    and the signature alone on page 10), so the end of the letter lives
    in the table. The signature stays a table of its own, nested: a
    reader of the list sees one full-width row (a heading, no person).
    @sign: the signature's XML (a letter's when None). A cell ends with a
    paragraph; this one is 1 pt high."""
    total = sum(widths)
    tcpr = (f'<w:tcW w:w="{total}" w:type="dxa"/><w:gridSpan w:val="{len(widths)}"/>'
            '<w:tcBorders><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/></w:tcBorders>'
            '<w:tcMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tcMar>')
    content = (para() + ''.join(body(t) for t in closing) + para()
               + (signature(total) if sign is None else sign(total)) + TAIL)
    return f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr>{tcpr}</w:tcPr>{content}</w:tc></w:tr>'


def list_table(width, columns, size=12, signed=False, closing=None, sign=None):
    """A bordered table: bold header repeated on every page, then one row
    of per-person placeholders (repeated per person when filled), and
    with @signed the signature as its last row (sign_row), with @closing
    a letter's closing paragraphs and signature (closing_row)."""
    widths = fit_widths(width, columns, size)
    grid = '<w:tblGrid>' + ''.join(f'<w:gridCol w:w="{w}"/>' for w in widths) + '</w:tblGrid>'
    tblpr = (f'<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{width}" w:type="dxa"/>'
             '<w:tblLayout w:type="fixed"/></w:tblPr>')
    head = '<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>'
    for (title, _, _), w in zip(columns, widths):
        head += cell(w, para(run(title, size, b=True), jc='center'))
    head += '</w:tr>'
    body = '<w:tr><w:trPr><w:cantSplit/></w:trPr>'
    for (_, field, _), w in zip(columns, widths):
        if isinstance(field, tuple):
            body += cell(w, ''.join(para(run('{{' + f + '}}', size), jc='center') for f in field))
            continue
        jc = 'left' if field in ('ho_ten', 'chuc_vu', 'don_vi', 'ly_do', 'noi_dung_thay_doi',
                                 'thong_tin_cts', 'don_vi_cung_cap', 'email', 'noi_cap_cccd') else 'center'
        body += cell(w, para(run('{{' + field + '}}', size), jc=jc))
    body += '</w:tr>'
    if signed:
        body += sign_row(widths)
    if closing is not None:
        body += closing_row(widths, closing, sign)
    return f'<w:tbl>{tblpr}{grid}{head}{body}</w:tbl>'


def signature(width, title='{{chuc_danh_ky}}', name='{{nguoi_ky}}', recipients=True,
              left_title=None, left_name=None):
    left = int(width * 0.45)
    right = width - left
    grid = f'<w:tblGrid><w:gridCol w:w="{left}"/><w:gridCol w:w="{right}"/></w:tblGrid>'
    # tblPr children in the schema's order: tblLayout after tblBorders
    tblpr = (f'<w:tblPr><w:tblW w:w="{width}" w:type="dxa"/>'
             '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>'
             '<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>'
             '<w:tblLayout w:type="fixed"/></w:tblPr>')
    if left_title:
        lc = (para(run(left_title, 13, b=True), jc='center')
              + para(run('(Ký, ghi rõ họ tên)', 13, i=True), jc='center')
              + para() + para() + para() + para(run(left_name or '', 13, b=True), jc='center'))
    elif recipients:
        lc = (para(run('Nơi nhận:', 12, b=True, i=True))
              + para(run('- Như trên;', 11)) + para(run('- Lưu: VT.', 11)))
    else:
        lc = para()
    rc = (para(run(title, 13, b=True), jc='center')
          + para(run('(Ký, ghi rõ họ tên, đóng dấu)', 13, i=True), jc='center')
          + para() + para() + para() + para(run(name, 13, b=True), jc='center'))
    row = f'<w:tr><w:trPr><w:cantSplit/></w:trPr>{cell(left, lc, borders=False)}{cell(right, rc, borders=False)}</w:tr>'
    return f'<w:tbl>{tblpr}{grid}{row}</w:tbl>'


def section(landscape):
    if landscape:
        size = '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
    else:
        size = '<w:pgSz w:w="11906" w:h="16838"/>'
    return ('<w:sectPr><w:headerReference w:type="default" r:id="rId3"/>'
            '<w:headerReference w:type="first" r:id="rId4"/>'
            f'{size}<w:pgMar w:top="{mm(20)}" w:right="{mm(15)}" w:bottom="{mm(20)}" '
            f'w:left="{mm(30)}" w:header="{mm(10)}" w:footer="{mm(10)}" w:gutter="0"/>'
            '<w:titlePg/></w:sectPr>')


def text_width(landscape):
    return (16838 if landscape else 11906) - mm(30) - mm(15)


def document(body, landscape):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}>\n<w:body>\n'
            + body.replace('</w:p><w:p>', '</w:p>\n<w:p>').replace('</w:tbl>', '</w:tbl>\n')
            + section(landscape) + '\n</w:body>\n</w:document>\n')


def title_block(title, subject=None):
    out = para(run(title, 14, b=True), jc='center', before=12)
    if subject:
        out += para(run(subject, 14, b=True), jc='center')
    return out + para()


def body(text):
    return para(run(text, 14), style='Body')


# Widths are relative; a date (dd/mm/yyyy), a 12-digit CCCD and a phone
# number must fit on one line at 12 pt.
HP = [('STT', 'stt', 6), ('Họ và tên', 'ho_ten', 18), ('Ngày sinh', 'ngay_sinh', 13),
      ('Chức vụ', 'chuc_vu', 12), ('Đơn vị', 'don_vi', 16),
      ('Số căn cước công dân', 'cccd', 17), ('Ngày cấp CCCD', 'ngay_cap_cccd', 13),
      ('Điện thoại', 'dien_thoai', 14)]
SERIAL = ('Số hiệu chứng thư số', 'so_hieu_cts', 20)

LISTS = {
    'de-nghi-cap-moi': ('BIỂU MẪU ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ', None, HP),
    'de-nghi-cap-lai': ('DANH SÁCH ĐỀ NGHỊ CẤP LẠI CHỨNG THƯ SỐ', None,
                        HP + [SERIAL, ('Lý do cấp lại', 'ly_do', 14)]),
    'de-nghi-gia-han': ('DANH SÁCH ĐỀ NGHỊ GIA HẠN CHỨNG THƯ SỐ', None,
                        HP + [SERIAL, ('Ngày hết hạn', 'cts_den_ngay', 11)]),
    'de-nghi-thay-doi': ('DANH SÁCH ĐỀ NGHỊ THAY ĐỔI NỘI DUNG THÔNG TIN CHỨNG THƯ SỐ', None,
                         HP + [SERIAL, ('Nội dung thay đổi', 'noi_dung_thay_doi', 18)]),
    'de-nghi-khoi-phuc': ('DANH SÁCH ĐỀ NGHỊ KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT', None,
                          HP + [SERIAL, ('Số thiết bị', 'thiet_bi', 13)]),
    'de-nghi-hom-thu': ('DANH SÁCH ĐỀ NGHỊ CẤP MỚI HÒM THƯ CÔNG VỤ', None,
                        HP + [('Địa chỉ thư điện tử đề nghị', 'email', 20)]),
    'danh-sach-thu-hoi': ('DANH SÁCH THU HỒI CHỨNG THƯ SỐ', None,
                          [('TT', 'stt', 6), ('Họ và tên', 'ho_ten', 18), ('Ngày sinh', 'ngay_sinh', 13),
                           ('Đơn vị', 'don_vi', 16), ('Thông tin chứng thư số', 'thong_tin_cts', 26),
                           ('Đơn vị cung cấp', 'don_vi_cung_cap', 14), ('Lý do thu hồi', 'ly_do', 16)]),
}

M01_COLS = [('STT', 'stt', 6), ('Họ và tên', 'ho_ten', 16), ('Ngày sinh', 'ngay_sinh', 13),
            ('Số CCCD; Ngày cấp; Nơi cấp', ('cccd', 'ngay_cap_cccd', 'noi_cap_cccd'), 20),
            ('Địa chỉ thư điện tử công vụ', 'email', 20), ('Chức vụ', 'chuc_vu', 12),
            ('Số điện thoại di động', 'dien_thoai', 14)]
M04_COLS = [('STT', 'stt', 6), ('Họ và tên', 'ho_ten', 16), ('Số định danh cá nhân', 'cccd', 16),
            ('Số hiệu chứng thư số', 'so_hieu_cts', 22), ('Hết hạn', 'cts_den_ngay', 13),
            ('Nội dung đề nghị', 'noi_dung_thay_doi', 20)]
M05_COLS = [('STT', 'stt', 6), ('Họ và tên', 'ho_ten', 16), ('Số định danh cá nhân', 'cccd', 16),
            ('Số hiệu chứng thư số', 'so_hieu_cts', 22), ('Lý do thu hồi', 'ly_do', 20)]
M06_COLS = [('STT', 'stt', 6), ('Họ và tên', 'ho_ten', 16), ('Số định danh cá nhân', 'cccd', 16),
            ('Số hiệu chứng thư số', 'so_hieu_cts', 22), ('Số thiết bị', 'thiet_bi', 14),
            ('Lý do', 'ly_do', 14)]

LETTERS = {
    'mau-01': ('V/v đề nghị cấp chứng thư số cho cá nhân', M01_COLS,
               ['Căn cứ Nghị định số 68/2024/NĐ-CP ngày 25 tháng 6 năm 2024 của Chính phủ quy định về chữ ký số chuyên dùng công vụ;',
                '{{ten_don_vi_thuong}} đề nghị Cục Chứng thực số và Bảo mật thông tin cấp chứng thư số cho {{so_nguoi}} cá nhân có tên trong danh sách dưới đây:'],
               ['Thông tin người tiếp nhận thiết bị lưu khóa bí mật:',
                '- Họ và tên: {{dau_moi_ho_ten}}; chức vụ: {{dau_moi_chuc_vu}};',
                '- Số định danh cá nhân: {{dau_moi_cccd}}; ngày cấp: {{dau_moi_ngay_cap_cccd}}; nơi cấp: {{dau_moi_noi_cap_cccd}};',
                '- Số điện thoại di động: {{dau_moi_dien_thoai}}; địa chỉ thư điện tử công vụ: {{dau_moi_email}};',
                '- Địa chỉ tiếp nhận: {{dia_chi_don_vi}}.',
                '{{ten_don_vi_thuong}} cam kết các thông tin trên là chính xác và chịu trách nhiệm quản lý, sử dụng chứng thư số theo đúng quy định.']),
    'mau-04': ('V/v đề nghị gia hạn, thay đổi nội dung thông tin chứng thư số', M04_COLS,
               ['Căn cứ Nghị định số 68/2024/NĐ-CP ngày 25 tháng 6 năm 2024 của Chính phủ quy định về chữ ký số chuyên dùng công vụ;',
                '{{ten_don_vi_thuong}} đề nghị Cục Chứng thực số và Bảo mật thông tin gia hạn, thay đổi nội dung thông tin chứng thư số cho {{so_nguoi}} thuê bao sau:'],
               ['{{ten_don_vi_thuong}} cam kết các thông tin trên là chính xác.']),
    'mau-05': ('V/v đề nghị thu hồi chứng thư số', M05_COLS,
               ['Căn cứ Nghị định số 68/2024/NĐ-CP ngày 25 tháng 6 năm 2024 của Chính phủ quy định về chữ ký số chuyên dùng công vụ;',
                '{{ten_don_vi_thuong}} đề nghị Cục Chứng thực số và Bảo mật thông tin thu hồi chứng thư số của {{so_nguoi}} thuê bao sau:'],
               ['Trong thời hạn 05 ngày làm việc kể từ ngày nhận được thông báo thu hồi, {{ten_don_vi_thuong}} sẽ thu hồi thiết bị lưu khóa bí mật của thuê bao và bàn giao cho tổ chức cung cấp dịch vụ.']),
    'mau-06': ('V/v đề nghị khôi phục thiết bị lưu khóa bí mật', M06_COLS,
               ['Căn cứ Nghị định số 68/2024/NĐ-CP ngày 25 tháng 6 năm 2024 của Chính phủ quy định về chữ ký số chuyên dùng công vụ;',
                '{{ten_don_vi_thuong}} đề nghị Cục Chứng thực số và Bảo mật thông tin khôi phục thiết bị lưu khóa bí mật cho {{so_nguoi}} thuê bao sau:'],
               ['{{ten_don_vi_thuong}} cam kết các thông tin trên là chính xác.']),
}

# Mẫu 02 and 03 are about the unit itself: no per-person row. Mẫu 02's
# table holds one row, the unit (STT written in); Mẫu 03 gives the
# certificate, the unit and the person in charge as label/value rows.
# At 11 pt on 165 mm: "STT" in bold, a 10-digit tax code and a 7-digit
# budget code each stay on one line; a long email may wrap.
M02_COLS = [('STT', '1', 7), ('Tên cơ quan, tổ chức', 'ten_don_vi_thuong', 15),
            ('Địa chỉ', 'dia_chi_don_vi', 15), ('Mã số thuế', 'ma_so_thue', 14),
            ('Mã quan hệ ngân sách', 'ma_quan_he_ngan_sach', 11),
            ('Tỉnh/Thành phố', 'tinh', 11), ('Địa chỉ thư điện tử công vụ', 'email_don_vi', 23)]

UNIT_LETTERS = {
    'mau-02': ('V/v đề nghị cấp chứng thư số cho cơ quan, tổ chức',
               ['Căn cứ Nghị định số 68/2024/NĐ-CP ngày 25 tháng 6 năm 2024 của Chính phủ quy định về chữ ký số chuyên dùng công vụ;',
                '{{ten_don_vi_thuong}} đề nghị Cục Chứng thực số và Bảo mật thông tin cấp chứng thư số cho cơ quan, tổ chức có thông tin dưới đây:'],
               ('cols', M02_COLS),
               ['Người đầu mối liên hệ: {{dau_moi_ho_ten}}, chức vụ {{dau_moi_chuc_vu}}, số điện thoại di động {{dau_moi_dien_thoai}}, địa chỉ thư điện tử công vụ {{dau_moi_email}}.',
                '{{ten_don_vi_thuong}} cam kết các thông tin trên là chính xác và chịu trách nhiệm quản lý, sử dụng chứng thư số theo đúng quy định.']),
    'mau-03': ('V/v đề nghị cấp chứng thư số cho thiết bị, dịch vụ, phần mềm',
               ['Căn cứ Nghị định số 68/2024/NĐ-CP ngày 25 tháng 6 năm 2024 của Chính phủ quy định về chữ ký số chuyên dùng công vụ;',
                '{{ten_don_vi_thuong}} đề nghị Cục Chứng thực số và Bảo mật thông tin cấp chứng thư số cho thiết bị, dịch vụ, phần mềm với thông tin như sau:'],
               ('pairs', [('1. Thông tin chứng thư số', None),
                          ('Loại chứng thư số', 'loai_chung_thu_so'),
                          ('Tên chứng thư số', 'ten_chung_thu_so'),
                          ('2. Cơ quan, tổ chức quản lý', None),
                          ('Tên cơ quan, tổ chức', 'ten_don_vi_thuong'),
                          ('Địa chỉ', 'dia_chi_don_vi'),
                          ('Mã số thuế', 'ma_so_thue'),
                          ('Mã quan hệ ngân sách', 'ma_quan_he_ngan_sach'),
                          ('Tỉnh/Thành phố', 'tinh'),
                          ('Địa chỉ thư điện tử công vụ', 'email_don_vi'),
                          ('3. Người chịu trách nhiệm quản lý', None),
                          ('Họ và tên', 'dau_moi_ho_ten'),
                          ('Chức vụ', 'dau_moi_chuc_vu'),
                          ('Số định danh cá nhân', 'dau_moi_cccd'),
                          ('Số điện thoại di động', 'dau_moi_dien_thoai'),
                          ('Địa chỉ thư điện tử công vụ', 'dau_moi_email')]),
               ['{{ten_don_vi_thuong}} cam kết các thông tin trên là chính xác và chịu trách nhiệm quản lý, sử dụng chứng thư số theo đúng quy định.']),
}


def unit_table(width, columns, size=11):
    """Mẫu 02's table: the header repeated on every page, then one row of
    document placeholders (the unit; the engine does not repeat it)."""
    total = sum(c[2] for c in columns)
    widths = [int(width * c[2] / total) for c in columns]
    grid = '<w:tblGrid>' + ''.join(f'<w:gridCol w:w="{w}"/>' for w in widths) + '</w:tblGrid>'
    tblpr = (f'<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{width}" w:type="dxa"/>'
             '<w:tblLayout w:type="fixed"/></w:tblPr>')
    head = '<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>'
    for (title, _, _), w in zip(columns, widths):
        head += cell(w, para(run(title, size, b=True), jc='center'))
    head += '</w:tr>'
    row = '<w:tr><w:trPr><w:cantSplit/></w:trPr>'
    for (_, field, _), w in zip(columns, widths):
        text = field if field.isdigit() else '{{' + field + '}}'
        jc = 'left' if field in ('ten_don_vi_thuong', 'dia_chi_don_vi', 'email_don_vi') else 'center'
        row += cell(w, para(run(text, size), jc=jc))
    row += '</w:tr>'
    return f'<w:tbl>{tblpr}{grid}{head}{row}</w:tbl>'


def pair_table(width, pairs, size=13):
    """Label | value rows; a label without a field is a bold heading row
    across both columns."""
    left = int(width * 0.38)
    right = width - left
    grid = f'<w:tblGrid><w:gridCol w:w="{left}"/><w:gridCol w:w="{right}"/></w:tblGrid>'
    tblpr = (f'<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{width}" w:type="dxa"/>'
             '<w:tblLayout w:type="fixed"/></w:tblPr>')
    rows = ''
    for label, field in pairs:
        rows += '<w:tr><w:trPr><w:cantSplit/></w:trPr>'
        if field is None:
            rows += (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:gridSpan w:val="2"/>'
                     f'<w:vAlign w:val="center"/></w:tcPr>{para(run(label, size, b=True), keep=True)}</w:tc>')
        else:
            rows += cell(left, para(run(label, size)))
            rows += cell(right, para(run('{{' + field + '}}', size)))
        rows += '</w:tr>'
    return f'<w:tbl>{tblpr}{grid}{rows}</w:tbl>'


DEV_COLS = [('STT', 'stt', 6), ('Họ và tên thuê bao', 'ho_ten', 18), ('Số định danh cá nhân', 'cccd', 16),
            ('Số hiệu chứng thư số', 'so_hieu_cts', 24), ('Số thiết bị', 'thiet_bi', 13),
            ('Hiệu lực đến', 'cts_den_ngay', 13)]

MINUTES = {
    'mau-07': ('BIÊN BẢN', 'Bàn giao thiết bị lưu khóa bí mật cho thuê bao',
               ['Hôm nay, {{ngay_thang}}, tại {{ten_don_vi_thuong}}, chúng tôi gồm:',
                'Bên giao: {{ten_don_vi_thuong}}, đại diện là {{nguoi_ky}}, chức vụ {{chuc_vu_nguoi_ky}}.',
                'Bên nhận: {{ong_ba}} {{ho_ten}}, chức vụ {{chuc_vu}}, số định danh cá nhân {{cccd}}, ngày cấp {{ngay_cap_cccd}}.',
                'Bên giao đã bàn giao cho bên nhận thiết bị lưu khóa bí mật như sau:'],
               ['Bên nhận đã kiểm tra thiết bị, có trách nhiệm quản lý, sử dụng thiết bị và bảo vệ khóa bí mật theo đúng quy định. Biên bản được lập thành 02 bản, mỗi bên giữ 01 bản.'],
               'BÊN NHẬN', '{{ten_thue_bao}}'),
    # Both cases of the decree (the subscriber returns the device to the
    # unit; the unit hands recovered devices to the provider or the Cục,
    # with a witness): the parties are the event's, as in its PDF.
    'mau-08': ('BIÊN BẢN', 'Giao nhận thiết bị lưu khóa bí mật sau khi chứng thư số hết hạn hoặc bị thu hồi',
               ['Hôm nay, {{ngay_thang}}, tại {{ten_don_vi_thuong}}, chúng tôi gồm:',
                '{{ben_giao}}',
                '{{ben_nhan}}',
                '{{nguoi_chung_kien}}',
                'Bên giao đã bàn giao cho bên nhận thiết bị lưu khóa bí mật như sau:'],
               ['Biên bản được lập thành 02 bản, mỗi bên giữ 01 bản.'],
               'BÊN GIAO', '{{ky_ben_giao}}'),
    'mau-09': ('BIÊN BẢN', 'Xác nhận thiết bị lưu khóa bí mật bị thất lạc',
               ['Hôm nay, {{ngay_thang}}, tại {{ten_don_vi_thuong}}, chúng tôi gồm:',
                'Đại diện đơn vị: {{nguoi_ky}}, chức vụ {{chuc_vu_nguoi_ky}}.',
                'Thuê bao: {{ong_ba}} {{ho_ten}}, chức vụ {{chuc_vu}}, số định danh cá nhân {{cccd}}.',
                'Cùng xác nhận thiết bị lưu khóa bí mật sau đây đã bị thất lạc:'],
               ['{{ten_don_vi_thuong}} gửi ngay biên bản này tới Cục Chứng thực số và Bảo mật thông tin để thu hồi chứng thư số. Biên bản được lập thành 02 bản.'],
               'THUÊ BAO', '{{ten_thue_bao}}'),
}

TITLES = {
    'de-nghi-cap-moi': 'Danh sách đề nghị cấp mới chứng thư số',
    'de-nghi-cap-lai': 'Danh sách đề nghị cấp lại chứng thư số',
    'de-nghi-gia-han': 'Danh sách đề nghị gia hạn chứng thư số',
    'de-nghi-thay-doi': 'Danh sách đề nghị thay đổi nội dung chứng thư số',
    'de-nghi-khoi-phuc': 'Danh sách đề nghị khôi phục thiết bị lưu khóa',
    'de-nghi-hom-thu': 'Danh sách đề nghị cấp mới hòm thư công vụ',
    'danh-sach-thu-hoi': 'Danh sách thu hồi chứng thư số',
    'mau-01': 'Mẫu 01: Đề nghị cấp chứng thư số cho cá nhân',
    'mau-02': 'Mẫu 02: Đề nghị cấp chứng thư số cho cơ quan, tổ chức',
    'mau-03': 'Mẫu 03: Đề nghị cấp chứng thư số cho thiết bị, dịch vụ, phần mềm',
    'mau-04': 'Mẫu 04: Đề nghị gia hạn, thay đổi nội dung chứng thư số',
    'mau-05': 'Mẫu 05: Đề nghị thu hồi chứng thư số',
    'mau-06': 'Mẫu 06: Đề nghị khôi phục thiết bị lưu khóa bí mật',
    'mau-07': 'Mẫu 07: Biên bản bàn giao thiết bị cho thuê bao',
    'mau-08': 'Mẫu 08: Biên bản giao nhận thiết bị sau hết hạn, thu hồi',
    'mau-09': 'Mẫu 09: Biên bản xác nhận thiết bị bị thất lạc',
}


def write(root, name, doc):
    d = os.path.join(root, name)
    shutil.rmtree(d, ignore_errors=True)
    files = {
        '[Content_Types].xml': CONTENT_TYPES,
        '_rels/.rels': RELS,
        'docProps/core.xml': CORE.format(title=escape(TITLES[name])),
        'word/_rels/document.xml.rels': DOC_RELS,
        'word/styles.xml': STYLES,
        'word/settings.xml': SETTINGS,
        'word/header1.xml': HEADER_NUM,
        'word/header2.xml': HEADER_EMPTY,
        'word/document.xml': doc,
    }
    for rel, text in files.items():
        path = os.path.join(d, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'templates')
    for name, (title, subject, cols) in LISTS.items():
        w = text_width(True)
        # the lists are documents of their own: their number is printed too
        b = frame_table(w, number=True) + title_block(title, subject) + list_table(w, cols, signed=True) + TAIL
        write(root, name, document(b, True))
    for name, (subject, cols, before, after) in LETTERS.items():
        w = text_width(False)
        b = frame_table(w, number=True, subject=subject) + para()
        b += para(run('Kính gửi: {{kinh_gui}}', 14), jc='center', after=6)
        b += ''.join(body(t) for t in before) + para()
        b += list_table(w, cols, size=11, closing=after) + TAIL
        write(root, name, document(b, False))
    for name, (subject, before, (shape, spec), after) in UNIT_LETTERS.items():
        w = text_width(False)
        b = frame_table(w, number=True, subject=subject) + para()
        b += para(run('Kính gửi: {{kinh_gui}}', 14), jc='center', after=6)
        b += ''.join(body(t) for t in before) + para()
        b += (unit_table(w, spec) if shape == 'cols' else pair_table(w, spec)) + para()
        b += ''.join(body(t) for t in after) + para()
        b += signature(w)
        write(root, name, document(b, False))
    for name, (kind, subject, before, after, ltitle, lname) in MINUTES.items():
        w = text_width(False)
        b = frame_table(w) + title_block(kind, subject)
        b += ''.join(body(t) for t in before) + para()
        if name == 'mau-08':
            def sign(width, lt=ltitle, ln=lname):
                return (signature(width, title='BÊN NHẬN', name='{{ky_ben_nhan}}', left_title=lt, left_name=ln)
                        + para(run('{{ky_chung_kien}}', 13), jc='center'))
        else:
            def sign(width, lt=ltitle, ln=lname):
                return signature(width, title='ĐẠI DIỆN {{ten_don_vi}}', left_title=lt, left_name=ln)
        # the device table ends with the closing text and the signatures
        # (closing_row): a unit handing 32 recovered devices back left them
        # alone on page 3
        b += list_table(w, DEV_COLS, size=11, closing=after, sign=sign) + TAIL
        write(root, name, document(b, False))


if __name__ == '__main__':
    main()
