#!/bin/sh
# Fails when any translatable string of the sources is missing from
# po/vi.po, untranslated or fuzzy: Vietnamese is the default UI language.
set -eu
src="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$src"
# Every source with a translatable string is in POTFILES.in: one left out
# is never extracted, so its messages stay English whatever vi.po holds.
missing=$(grep -rlE '(^|[^A-Za-z0-9_])((N?_|C_|NC_) ?\("|(g_dngettext|ngettext) ?\()|translatable="yes"' \
            --include='*.c' --include='*.ui' src ui \
          | sort | comm -23 - "$(sort po/POTFILES.in > "$tmp/potfiles"; echo "$tmp/potfiles")")
if [ -n "$missing" ]; then
  echo "Translatable strings in files missing from po/POTFILES.in:" >&2
  echo "$missing" >&2
  exit 1
fi

xgettext --files-from=po/POTFILES.in --directory="$src" --from-code=UTF-8 \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 --keyword=g_dpgettext2:2c,3 \
  --add-comments=Translators --package-name=certdesk -o "$tmp/certdesk.pot"

for po in $(cat po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching "po/$po.po" "$tmp/certdesk.pot" -o "$tmp/$po.po"
  stats=$(msgfmt --statistics --check -o /dev/null "$tmp/$po.po" 2>&1)
  echo "$po: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*)
      echo "po/$po.po is incomplete. Missing or fuzzy entries:" >&2
      msgattrib --untranslated --only-fuzzy "$tmp/$po.po" 2>/dev/null | head -60 >&2 || true
      msgattrib --untranslated "$tmp/$po.po" | grep '^msgid' | head -60 >&2
      exit 1 ;;
  esac
done

# The toolkit's strings CertDesk translates itself (po/toolkit/): complete
# too, or the About window shows English again.
for po in po/toolkit/*.po; do
  stats=$(msgfmt --statistics --check -o /dev/null "$po" 2>&1)
  echo "$po: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*)
      echo "$po is incomplete:" >&2
      msgattrib --untranslated --only-fuzzy "$po" 2>/dev/null | head -40 >&2 || true
      msgattrib --untranslated "$po" | grep '^msgid' | head -40 >&2
      exit 1 ;;
  esac
done
