#!/usr/bin/python3
"""The other side of bench-collect: python-docx merely opening every
school's list (Document(path)), nothing read or checked. bench-collect
measures this process's CPU time and peak RSS (interpreter included)."""
import os
import sys

import docx

folder = sys.argv[1]
n = 0
for name in sorted(os.listdir(folder)):
    if name.endswith(".docx"):
        docx.Document(os.path.join(folder, name))
        n += 1
print("python-docx opened %d files" % n)
# the peak RSS of this process (bench-collect reads it)
with open("/proc/self/status") as f:
    for line in f:
        if line.startswith("VmHWM:"):
            print("peak-rss-kb %d" % int(line.split()[1]))
