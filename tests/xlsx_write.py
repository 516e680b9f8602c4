#!/usr/bin/env python3
"""Writes rows (a CSV file, UTF-8) as a workbook (.xlsx) the way Excel saves one: text in
the shared strings (one as rich-text runs with a phonetic guide, which is not the cell's
text), numbers as number cells (written as Excel writes them, 4.6 as 4.5999999999999996),
dates (YYYY-MM-DD) as date serials under a date style (the first built in, the rest a
Chinese custom format), one text cell inline, one number as a formula with its cached
value, and empty cells left out; with --merge, cells merged (mergeCells). For louyu's tests
of report import; no library needed.
--program: as a report system's library writes one instead: a hidden first sheet (a
template's lists for its drop-downs), dates as ISO 8601 date cells (t="d"), and the rows
formatted down to the sheet's last, 1,048,576, with nothing in them. --uncalculated: the
formula without its cached value (a workbook no spreadsheet program has saved).
Usage: xlsx_write.py ROWS.csv OUT.xlsx [--merge A5:A9,B5:B9] [--program] [--uncalculated]"""
import csv, datetime, re, sys, zipfile
import os
sys.dont_write_bytecode = True  # (no __pycache__ in the source tree)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sheet_merges  # noqa: E402
from xml.sax.saxutils import escape

rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))

merges = sheet_merges.merges(sys.argv)
program, uncalculated = "--program" in sys.argv, "--uncalculated" in sys.argv
strings, index = [], {}


def shared(s):
    if s not in index:
        index[s] = len(strings)
        strings.append(s)
    return index[s]


def col(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def excel_repr(x):
    r = repr(float(x))
    if abs(float(x) - 4.6) < 1e-12:
        return "4.5999999999999996"  # what Excel writes for 4.6
    return r[:-2] if r.endswith(".0") else r


out, dates, inline_done, formula_done = [], 0, False, False
for r, row in enumerate(rows, 1):
    cells = []
    for c, v in enumerate(row):
        ref = f"{col(c)}{r}"
        if v == "":
            continue
        if r > 1 and re.fullmatch(r"\d{4}-\d\d-\d\d", v):
            d = datetime.date.fromisoformat(v)
            serial = (d - datetime.date(1899, 12, 30)).days
            style = 1 if dates == 0 else 2
            dates += 1
            if program:
                cells.append(f'<c r="{ref}" s="{style}" t="d"><v>{v}T00:00:00</v></c>')
            else:
                cells.append(f'<c r="{ref}" s="{style}"><v>{serial}</v></c>')
        elif r > 1 and re.fullmatch(r"-?\d+(\.\d+)?", v):
            if not formula_done and "." not in v:
                formula_done = True
                cached = "" if uncalculated else f"<v>{v}</v>"
                cells.append(f'<c r="{ref}"><f>{v}*1</f>{cached}</c>')
            else:
                cells.append(f'<c r="{ref}"><v>{excel_repr(v)}</v></c>')
        elif r > 1 and not inline_done:
            inline_done = True
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
        else:
            cells.append(f'<c r="{ref}" t="s"><v>{shared(v)}</v></c>')
    out.append(f'<row r="{r}">{"".join(cells)}</row>')
if program:
    out.append('<row r="1048576" s="1" customFormat="1"><c r="A1048576" s="1"/></row>')

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
sis = []
for i, s in enumerate(strings):
    if i == 0 and len(s) > 2:  # rich text runs, and a phonetic guide that is not the text
        sis.append(f'<si><r><t>{escape(s[:2])}</t></r><r><rPr><b/></rPr><t xml:space="preserve">'
                   f'{escape(s[2:])}</t></r><rPh sb="0" eb="1"><t>ルビ</t></rPh></si>')
    else:
        sis.append(f'<si><t xml:space="preserve">{escape(s)}</t></si>')
parts = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns='
    '"http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension='
    '"xml" ContentType="application/xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas'
    '.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target='
    '"xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {NS} '
    f'{RNS}><workbookPr/><sheets>'
    + ('<sheet name="数据源" sheetId="2" state="hidden" r:id="rId4"/>' if program else "")
    + '<sheet name="周报" sheetId="1" r:id="rId3"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?>\n<Relationships '
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    'Type="x/styles" Target="styles.xml"/><Relationship Id="rId2" Type="x/sharedStrings" '
    'Target="sharedStrings.xml"/><Relationship Id="rId3" Type="x/worksheet" '
    'Target="worksheets/sheet1.xml"/><Relationship Id="rId4" Type="x/worksheet" '
    'Target="worksheets/sheet2.xml"/></Relationships>',
    "xl/styles.xml": f'<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet {NS}><numFmts count="1">'
    '<numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
    '</numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="3">'
    '<xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/><xf numFmtId='
    '"176" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>',
    "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8"?>\n<sst {NS} count="{len(sis)}" '
    f'uniqueCount="{len(sis)}">{"".join(sis)}</sst>',
    "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet {NS} {RNS}>'
    f'<sheetData>{"".join(out)}</sheetData>'
    + (f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m[4]}"/>' for m in merges)
       + "</mergeCells>" if merges else "") + "</worksheet>",
    "xl/worksheets/sheet2.xml": f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet {NS}>'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>楼宇列表</t></is></c></row><row r="2">'
    '<c r="A2" t="inlineStr"><is><t>wtc</t></is></c></row></sheetData></worksheet>',
}
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in parts.items():
        z.writestr(name, text)
