#!/usr/bin/python3
"""po/vi.po beyond completeness (that is translation-complete): the
Vietnamese plural header (one form), every plural entry with exactly that
one form keeping the printf arguments, and no entry with a translation
identical to an English sentence by mistake."""
import os
import re
import subprocess
import tempfile
import unittest

SOURCE = os.environ["MESON_SOURCE_ROOT"]
PO = os.path.join(SOURCE, "po", "vi.po")
FORMAT = re.compile(r"%(?:\d+\$)?[-+ #0']*\d*(?:\.\d+)?(?:hh|h|ll|l|z|j|t|L|" +
                    r"G_GINT64_MODIFIER)?[diouxXeEfgGcsp%]")


def entries():
    """(msgid, msgid_plural, {index: msgstr}) with line-continuations joined."""
    with tempfile.NamedTemporaryFile(suffix=".po") as tmp:
        # Normalise: one line per string.
        subprocess.run(["msgcat", "--no-wrap", "-o", tmp.name, PO], check=True)
        text = open(tmp.name, encoding="utf-8").read()
    for block in text.split("\n\n"):
        fields = {}
        key = None
        for line in block.splitlines():
            m = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                key = m.group(1)
                fields[key] = m.group(2)
            elif line.startswith('"') and key is not None:
                fields[key] += line[1:-1]
            else:
                key = None
        if "msgid" not in fields:
            continue
        strs = {int(k[7:-1]) if k.startswith("msgstr[") else 0: v
                for k, v in fields.items() if k.startswith("msgstr")}
        yield fields["msgid"], fields.get("msgid_plural"), strs, block


class Po(unittest.TestCase):
    def test_header(self):
        header = next(e for e in entries() if e[0] == "")[2][0]
        self.assertIn("Plural-Forms: nplurals=1; plural=0;", header)
        self.assertIn("Language: vi", header)
        self.assertIn("charset=UTF-8", header)

    def test_plurals(self):
        for msgid, plural, strs, block in entries():
            if plural is None:
                continue
            self.assertEqual(sorted(strs), [0], "one plural form in Vietnamese:\n" + block)
            wanted = sorted(FORMAT.findall(plural))
            self.assertEqual(sorted(FORMAT.findall(strs[0])), wanted, block)

    def test_sentences_translated(self):
        # Sentences (several words with a verb-ish length) must not be
        # copied through untranslated; names and codes may.
        for msgid, plural, strs, block in entries():
            if msgid and len(msgid.split()) >= 4 and "fuzzy" not in block:
                self.assertNotEqual(strs.get(0), msgid, "left in English:\n" + block)


if __name__ == "__main__":
    unittest.main(verbosity=2)
