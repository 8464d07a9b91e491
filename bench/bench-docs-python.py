#!/usr/bin/python3
"""The same 1,000-person request table written by python-docx, for the
ratio printed by bench-docs. Prints the seconds spent building and saving
(interpreter start-up excluded)."""
import sys
import time

import docx

out, n = sys.argv[1], int(sys.argv[2])
start = time.perf_counter()
d = docx.Document()
heads = ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Đơn vị",
         "Số căn cước công dân", "Ngày cấp CCCD", "Điện thoại"]
t = d.add_table(rows=1, cols=len(heads))
for c, h in enumerate(heads):
    t.rows[0].cells[c].text = h
for i in range(n):
    cells = t.add_row().cells
    values = [str(i + 1), "Nguyễn Thị Hoa %d" % (i + 1), "01/01/1970", "Giáo viên",
              "Tổ Khoa học tự nhiên", "0310850%05d" % i, "01/01/2021", "09%08d" % i]
    for c, v in enumerate(values):
        cells[c].text = v
d.save(out)
print("%.6f" % (time.perf_counter() - start))
