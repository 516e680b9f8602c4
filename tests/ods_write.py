#!/usr/bin/env python3
"""Writes rows (a CSV file, UTF-8) as an OpenDocument spreadsheet (.ods) the way LibreOffice
saves one: the mimetype first and stored, numbers as float cells (the value in office:value,
the text as shown, 4.6 shown as 4.60), dates (YYYY-MM-DD) as date cells, text in text:p
(one cell's run of spaces as text:s, one cell with a comment, office:annotation, that is
not its text), runs of empty cells as one cell repeated, every row padded with empty cells
to column 1024 and the sheet with empty rows to the millionth; a hidden sheet before it (a
template's lists for its drop-downs) and a second sheet after it. For
louyu's tests of report import; no library needed. With --merge, cells merged over rows
(table:number-rows-spanned on the first).
Usage: ods_write.py ROWS.csv OUT.ods [--merge A5:A9,B5:B9]"""
import csv, re, sys, zipfile
import os
sys.dont_write_bytecode = True  # (no __pycache__ in the source tree)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sheet_merges  # noqa: E402
from xml.sax.saxutils import escape, quoteattr

rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))

merges = sheet_merges.merges(sys.argv)


def text_cell(v, first):
    body = escape(v)
    if "  " in v:  # a run of spaces as LibreOffice writes it
        a, b = v.split("  ", 1)
        body = f'{escape(a)} <text:s/>{escape(b)}'
    note = ('<office:annotation><dc:creator>管理员</dc:creator><text:p>not the cell</text:p>'
            '</office:annotation>') if first else ""
    return f'<table:table-cell office:value-type="string">{note}<text:p>{body}</text:p></table:table-cell>'


out, noted = [], False
for r, row in enumerate(rows, 1):
    cells, empty, width = [], 0, 0
    for c, v in enumerate(row):
        width += 1
        span = [m for m in merges if (m[0], m[2]) == (r, c)]  # a merge begins here
        if v == "":
            empty += 1
            continue
        if empty:
            cells.append(f'<table:table-cell table:number-columns-repeated="{empty}"/>')
            empty = 0
        if r > 1 and re.fullmatch(r"\d{4}-\d\d-\d\d", v):
            cells.append(f'<table:table-cell office:value-type="date" office:date-value="{v}">'
                         f'<text:p>{v[:4]}年{int(v[5:7])}月{int(v[8:])}日</text:p></table:table-cell>')
        elif r > 1 and re.fullmatch(r"-?\d+(\.\d+)?", v):
            shown = f"{float(v):.2f}" if "." in v else v
            cells.append(f'<table:table-cell office:value-type="float" office:value="{v}">'
                         f'<text:p>{shown}</text:p></table:table-cell>')
        else:
            cells.append(text_cell(v, r > 1 and not noted))
            noted = noted or r > 1
        if span:
            m = span[0]
            cells[-1] = cells[-1].replace("<table:table-cell", "<table:table-cell table:number-"
                                          f"rows-spanned=\"{m[1] - m[0] + 1}\" table:number-"
                                          f"columns-spanned=\"{m[3] - m[2] + 1}\"", 1)
    cells.append(f'<table:table-cell table:number-columns-repeated="{1024 - width + empty}"/>')
    out.append(f'<table:table-row>{"".join(cells)}</table:table-row>')
out.append('<table:table-row table:number-rows-repeated="1048000">'
           '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"')
content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NS}>'
           '<office:automatic-styles><style:style style:name="ta2" style:family="table">'
           '<style:table-properties table:display="false"/></style:style></office:automatic-styles>'
           '<office:body><office:spreadsheet><table:table table:name="数据源" table:style-name="ta2">'
           '<table:table-row><table:table-cell office:value-type="string"><text:p>楼宇列表</text:p>'
           '</table:table-cell></table:table-row></table:table>'
           f'<table:table table:name={quoteattr("周报")}>'
           f'<table:table-column table:number-columns-repeated="1024"/>{"".join(out)}</table:table>'
           '<table:table table:name="说明"><table:table-row><table:table-cell office:value-type='
           '"string"><text:p>another sheet</text:p></table:table-cell></table:table-row>'
           '</table:table></office:spreadsheet></office:body></office:document-content>')
manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:'
            'names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry '
            'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
            'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
            'manifest:media-type="text/xml"/></manifest:manifest>')
with zipfile.ZipFile(sys.argv[2], "w") as z:
    z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
               compress_type=zipfile.ZIP_STORED)
    z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
