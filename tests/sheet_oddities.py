#!/usr/bin/env python3
"""Writes into DIR the workbooks that showed faults in louyu's reading of weekly reports,
each a one-building report for wtc, week 2011-W18 (docs/reports.md), as real writers make
them:
  pct.xml       XML Spreadsheet 2003 whose vacant_m2 cell is a Number under a Percent style
                (shown "35%": refused as an area, not read as 0.35 m²)
  pct.xls       a web page's table saved as .xls, the same cell shown "35%" with x:num 0.35
  escapes.xlsx  Excel's _xHHHH_ escapes: a note with a line break (_x000D_ before a line
                feed) in the shared strings, a contact with a tab inline, and _x005F_ making
                the next escape literal
  noref.xlsx    cells without their optional r="E2", an empty one among them (each cell
                is the one after the last)
  lines.xlsx    a note of three lines above a floor given twice (the message names the
                sheet's rows, not the lines of the CSV made of it)
  aside.xlsx    a remark in a cell past the header's last column (a note beside the table:
                a warning, the row imported; in a CSV file that is a figure cut at a comma)
  far.xlsx      cells far below the table: a note in J5000, a space typed in A1048575 and a
                word in J1048576, Excel's last row (the blank row ends the sheet, the notes
                are warnings at their cells; they had made a million rows, refused)
  far.ods       the same as an OpenDocument spreadsheet, its empty rows as repeated ones
  farbad.xlsx   a floor given again in row 70000, after a gap of blank rows (the message
                names the sheet's rows 70000 and 2)
Usage: sheet_oddities.py DIR"""
import os
import sys
import zipfile

sys.dont_write_bytecode = True
out = sys.argv[1]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEAD = ["week", "building", "floors", "vacant_m2", "rent_cny_m2_day", "available_from",
        "contact", "note"]


def xlsx(name, rows, strings=(), refs=True, far=()):
    """rows: lists of cells as XML (without r); written with r="A1".. unless refs is false.
    far: (row, first column's letter, cells) after them, further down."""
    sheet = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s"><sheetData>' % MAIN]
    for i, row in enumerate(rows):
        cells = "".join(c.replace("<c", '<c r="%s%d"' % (chr(65 + j), i + 1), 1) if refs else c
                        for j, c in enumerate(row))
        sheet.append('<row r="%d">%s</row>' % (i + 1, cells))
    for r, col, cells in far:
        sheet.append('<row r="%d">%s</row>' % (r, "".join(
            c.replace("<c", '<c r="%s%d"' % (chr(ord(col) + j), r), 1) for j, c in enumerate(cells))))
    sheet.append("</sheetData></worksheet>")
    with zipfile.ZipFile(os.path.join(out, name), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"><Default Extension="xml" '
                   'ContentType="application/xml"/></Types>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="%s" xmlns:r="http:'
                   '//schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                   '<sheet name="周报" sheetId="1" r:id="rId1"/></sheets></workbook>' % MAIN)
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns='
                   '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship'
                   ' Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", "".join(sheet))
        if strings:
            z.writestr("xl/sharedStrings.xml", '<?xml version="1.0"?><sst xmlns="%s">%s</sst>' % (
                MAIN, "".join('<si><t xml:space="preserve">%s</t></si>' % s for s in strings)))


def text(s):
    return '<c t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % s


def num(v):
    return "<c><v>%s</v></c>" % v


head = [text(h) for h in HEAD]
xlsx("escapes.xlsx", [head, [text("2011-W18"), text("wtc"), num(20), num(1200), num(4.6), "<c/>",
                             text("张三_x0009_0532-8000 0001"),
                             '<c t="s"><v>0</v></c>']],
     strings=["可分割_x000D_\n最小200平方米 _x005F_x0041_"])
xlsx("noref.xlsx", [head, [text("2011-W18"), text("wtc"), num(20), num(1200), '<c s="0"/>', "<c/>",
                           text("张三")]], refs=False)
xlsx("lines.xlsx", [head, [text("2011-W18"), text("wtc"), num(1), num(0), "<c/>", "<c/>", "<c/>",
                           text("第一行\n第二行\n第三行")],
                    [text("2011-W18"), text("wtc"), num(2), num(100)],
                    [text("2011-W18"), text("wtc"), num(2), num(100)]])
xlsx("aside.xlsx", [[text(h) for h in HEAD[:4]],
                    [text("2011-W18"), text("wtc"), num(20), num(1200), text("已核对")]])

two = [[text("2011-W18"), text("wtc"), num(20), num(1200)],
       [text("2011-W18"), text("wtc"), num(21), num(800)]]
xlsx("far.xlsx", [head] + two, far=[(5000, "J", [text("checked by Li")]),
                                    (1048575, "A", [text(" ")]), (1048576, "J", [text("end")])])
xlsx("farbad.xlsx", [head, two[0]], far=[(70000, "A", two[0][:3] + [num(100)])])


def ods_cell(v):
    if v is None:
        return "<table:table-cell/>"
    if isinstance(v, int):
        return '<table:table-cell office:value-type="float" office:value="%d"><text:p>%d' \
               '</text:p></table:table-cell>' % (v, v)
    p = "<text:s/>" if v == " " else v  # (a lone space, as LibreOffice writes one)
    return '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % p


def ods_row(cells, repeat=1):
    return '<table:table-row%s>%s</table:table-row>' % (
        ' table:number-rows-repeated="%d"' % repeat if repeat > 1 else "",
        "".join(ods_cell(v) for v in cells))


NINE = [None] * 9
ods_rows = [ods_row(HEAD), ods_row(["2011-W18", "wtc", 20, 1200]),
            ods_row(["2011-W18", "wtc", 21, 800]), ods_row([None], 5000 - 4),
            ods_row(NINE + ["checked by Li"]), ods_row([None], 1048575 - 5001),
            ods_row([" "]), ods_row(NINE + ["end"])]
with zipfile.ZipFile(os.path.join(out, "far.ods"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
    z.writestr("content.xml", '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:'
               'oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:'
               'opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table '
               'table:name="周报">%s</table:table></office:spreadsheet></office:body>'
               '</office:document-content>' % "".join(ods_rows))

cells = "".join('<Cell><Data ss:Type="String">%s</Data></Cell>' % h for h in HEAD[:4])
open(os.path.join(out, "pct.xml"), "w", encoding="utf-8").write(
    '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
    'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Styles>'
    '<Style ss:ID="Default" ss:Name="Normal"><Alignment ss:Vertical="Center"/></Style>'
    '<Style ss:ID="s62"><NumberFormat ss:Format="Percent"/></Style></Styles>'
    '<Worksheet ss:Name="周报"><Table><Row>%s</Row><Row>'
    '<Cell><Data ss:Type="String">2011-W18</Data></Cell><Cell><Data ss:Type="String">wtc</Data>'
    '</Cell><Cell><Data ss:Type="Number">20</Data></Cell><Cell ss:StyleID="s62"><Data '
    'ss:Type="Number">0.35</Data></Cell></Row></Table></Worksheet></Workbook>\n' % cells)
open(os.path.join(out, "pct.xls"), "w", encoding="utf-8").write(
    '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8">'
    '<style>.xl65 {mso-number-format:"0%%"}</style></head><body><table>'
    '<tr>%s</tr><tr><td>2011-W18</td><td>wtc</td><td x:num="20">20</td>'
    '<td class=xl65 x:num="0.35">35%%</td></tr></table></body></html>\n'
    % "".join("<td>%s</td>" % h for h in HEAD[:4]))
