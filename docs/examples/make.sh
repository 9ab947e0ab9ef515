#!/usr/bin/env bash
# Regenerates the example spreadsheets of docs/examples from the CSVs in src/ with LibreOffice (soffice --headless)
# and python3 (the Windows-1251 CSV). Usage: bash docs/examples/make.sh
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Separator 44 (,), quote 34 ("), UTF-8 (76), from line 1, standard columns, language 1033, detect special numbers.
filter='CSV:44,34,76,1,,1033,false,true'
for name in clinic_visits-clean clinic_visits-errors doctors-clean; do
  soffice --headless --infilter="$filter" --convert-to xlsx --outdir "$tmp" "src/$name.csv" > /dev/null 2>&1
  cp "$tmp/$name.xlsx" .
done
# The messy file as an old .xls whose cells stay text as typed (column format 2 = text for every column).
soffice --headless --infilter='CSV:44,34,76,1,1/2/2/2/3/2/4/2/5/2/6/2,1033' --convert-to 'xls:MS Excel 97' \
  --outdir "$tmp" src/clinic_visits-messy.csv > /dev/null 2>&1
cp "$tmp/clinic_visits-messy.xls" .
# A messy .xlsx: a title above the header (row 3), a header the naming table does not know ("Число приёмов"), months
# kept as typed (text), the other numbers as LibreOffice reads them; one row's visits are "много".
soffice --headless --infilter='CSV:44,34,76,1,1/2/2/2/3/2/4/2/5/1/6/2,1033' --convert-to xlsx \
  --outdir "$tmp" src/clinic_visits-messy-header.csv > /dev/null 2>&1
cp "$tmp/clinic_visits-messy-header.xlsx" .
# The same messy rows as Russian Excel's "CSV": Windows-1251, semicolons.
python3 - <<'PY'
import csv, io
rows = list(csv.reader(open('src/clinic_visits-messy.csv', encoding='utf-8')))
out = io.StringIO()
csv.writer(out, delimiter=';', lineterminator='\r\n').writerows(rows)
open('clinic_visits-messy-1251.csv', 'wb').write(out.getvalue().encode('cp1251'))
PY
cp src/doctors-errors.csv doctors-errors.csv
