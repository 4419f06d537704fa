#!/usr/bin/env python3
"""make_xlsx_fixtures.py: writes the small hand-made workbooks that
tests/xlsx.test and tests/badinput.test read (tests/xlsx/), the example of
docs/xlsx.md (examples/xlsx/) and the seeds of fuzz/fuzz_zip.c.

Each workbook is written part by part with the standard library's zipfile,
so that the XML is exactly what a test needs (shared, inline and rich
strings, formulas, error cells, both date systems, merges), and the broken
files are broken on purpose (a zip bomb, a truncated archive, an OLE2
encrypted package, a BIFF .xls, an .xlsb). Run it from the repository root:

    python3 tests/ref/make_xlsx_fixtures.py

The expected values the tests hold were worked out by hand from these
parts and checked with Python's datetime (see the comments next to each
cell below); openpyxl reads types.xlsx to the same values except where
docs/xlsx.md says kpi differs.
"""
import os
import struct
import zipfile
import zlib

NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'
ODT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

ROOT_RELS = (HEAD + f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
             f'Type="{ODT}officeDocument" Target="xl/workbook.xml"/>'
             '</Relationships>')
CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.'


def content_types(names):
    """[Content_Types].xml with an override for each part openpyxl needs."""
    kinds = {'workbook.xml': 'sheet.main', 'styles.xml': 'styles',
             'sharedStrings.xml': 'sharedStrings'}
    ov = ''
    for n in names:
        base = n.rsplit('/', 1)[-1]
        kind = ('worksheet' if '/worksheets/' in n else
                'chartsheet' if '/chartsheets/' in n else kinds.get(base))
        if kind:
            ov += f'<Override PartName="/{n}" ContentType="{CT}{kind}+xml"/>'
    return (HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Default Extension="rels" ContentType="'
            'application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + ov + '</Types>')


CONTENT_TYPES = content_types([])

# cellXfs: 0 General, 1 built-in 14 (m/d/yyyy), 2 custom 164
# (yyyy-mm-dd hh:mm), 3 built-in 21 (h:mm:ss), 4 custom 165 ([h]:mm),
# 5 built-in 10 (0.00%), 6 custom 166 ("Date: "0.00, a literal d that is
# not a date), 7 custom 167 (d-mmm with a [$-409] locale).
STYLES = (HEAD + f'<styleSheet xmlns="{NS}"><numFmts count="4">'
          '<numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/>'
          '<numFmt numFmtId="165" formatCode="[h]:mm"/>'
          '<numFmt numFmtId="166" formatCode="&quot;Date: &quot;0.00"/>'
          '<numFmt numFmtId="167" formatCode="[$-409]d\\-mmm;@"/>'
          '</numFmts><cellXfs count="8">'
          '<xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>'
          '<xf numFmtId="164" applyNumberFormat="1"/>'
          '<xf numFmtId="21" applyNumberFormat="1"/>'
          '<xf numFmtId="165" applyNumberFormat="1"/>'
          '<xf numFmtId="10" applyNumberFormat="1"/>'
          '<xf numFmtId="166" applyNumberFormat="1"/>'
          '<xf numFmtId="167" applyNumberFormat="1"/>'
          '</cellXfs></styleSheet>')


def workbook(sheets, date1904=False):
    """sheets: (name, kind, state) with kind 'w' or 'c'."""
    pr = '<workbookPr date1904="1"/>' if date1904 else '<workbookPr/>'
    xs = ''.join(
        f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"'
        + (f' state="{s}"' if s else '') + '/>'
        for i, (n, k, s) in enumerate(sheets))
    return (HEAD + f'<workbook xmlns="{NS}" xmlns:r="{RNS}">{pr}<sheets>{xs}'
            '</sheets></workbook>')


def workbook_rels(sheets):
    rs = ''
    for i, (n, k, s) in enumerate(sheets):
        if k == 'w':
            rs += (f'<Relationship Id="rId{i + 1}" Type="{ODT}worksheet" '
                   f'Target="worksheets/sheet{i + 1}.xml"/>')
        else:
            rs += (f'<Relationship Id="rId{i + 1}" Type="{ODT}chartsheet" '
                   f'Target="chartsheets/sheet{i + 1}.xml"/>')
    rs += (f'<Relationship Id="rId90" Type="{ODT}sharedStrings" '
           'Target="sharedStrings.xml"/>'
           f'<Relationship Id="rId91" Type="{ODT}styles" '
           'Target="/xl/styles.xml"/>')
    return HEAD + f'<Relationships xmlns="{PKG}">{rs}</Relationships>'


def sst(items):
    """items: plain strings, or raw <si> content when they start with '<'."""
    si = ''.join(x if x.startswith('<') else f'<si><t>{x}</t></si>'
                 for x in items)
    return HEAD + f'<sst xmlns="{NS}" count="{len(items)}">{si}</sst>'


def sheet(rows, extra='', dim=None):
    d = f'<dimension ref="{dim}"/>' if dim else ''
    return (HEAD + f'<worksheet xmlns="{NS}" xmlns:r="{RNS}">{d}<sheetData>'
            + ''.join(rows) + f'</sheetData>{extra}</worksheet>')


def write_book(path, sheets, parts, strings, date1904=False, method=None):
    method = zipfile.ZIP_DEFLATED if method is None else method
    with zipfile.ZipFile(path, 'w', method) as z:
        z.writestr('[Content_Types].xml', content_types(
            ['xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml']
            + list(parts)))
        z.writestr('_rels/.rels', ROOT_RELS)
        z.writestr('xl/workbook.xml', workbook(sheets, date1904))
        z.writestr('xl/_rels/workbook.xml.rels', workbook_rels(sheets))
        z.writestr('xl/styles.xml', STYLES)
        z.writestr('xl/sharedStrings.xml', sst(strings))
        for name, text in parts.items():
            z.writestr(name, text)


def types_book(path):
    # Shared strings: 0 id, 1 name, 2 amount, 3 flag, 4 when, 5 note,
    # 6 '007', 7 '42', 8 rich text 'Hello World' with a phonetic run,
    # 9 'a_x000A_b' (Excel's escape of a line feed), 10 '12,5 %' no: '2.5%'
    strings = ['id', 'name', 'amount', 'flag', 'when', 'note', '007', '42',
               '<si><r><rPr><b/></rPr><t>Hello </t></r><r><t>World</t></r>'
               '<rPh sb="0" eb="1"><t>HA</t></rPh></si>',
               'a_x000A_b', '2.5%', 'T&amp;C']
    data = [
        '<row r="1">' + ''.join(
            f'<c r="{c}1" t="s"><v>{i}</v></c>'
            for i, c in enumerate('ABCDEF')) + '</row>',
        # Row 2: '007' stays text (an id); inline 'Zoë'; 12.5; TRUE;
        # serial 45000 in m/d/yyyy: date(1899,12,30) + 45000 days is
        # 2023-03-15; a formula string with its cached value.
        '<row r="2"><c r="A2" t="s"><v>6</v></c>'
        '<c r="B2" t="inlineStr"><is><t>Zo\u00eb</t></is></c>'
        '<c r="C2"><v>12.5</v></c><c r="D2" t="b"><v>1</v></c>'
        '<c r="E2" s="1"><v>45000</v></c>'
        '<c r="F2" t="str"><f>A2&amp;B2</f><v>007Zo\u00eb</v></c></row>',
        # Row 3: '42' as text is a number; rich text without its phonetic
        # run; 3; FALSE; 45000.75 in yyyy-mm-dd hh:mm is 2023-03-15 18:00;
        # #DIV/0! is NULL.
        '<row r="3"><c r="A3" t="s"><v>7</v></c><c r="B3" t="s"><v>8</v></c>'
        '<c r="C3" t="n"><v>3</v></c><c r="D3" t="b"><v>0</v></c>'
        '<c r="E3" s="2"><v>45000.75</v></c>'
        '<c r="F3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>',
        # Row 4 (no r attributes: row 4, columns A..F in order): an
        # escaped line feed; a formula with no cached value (NULL); 1E3 is
        # 1000.0; the shared string '2.5%' is 0.025; 0.5 in h:mm:ss is
        # 12:00:00; 1.5 in [h]:mm is 36 hours, 129600 seconds.
        '<row><c t="s"><v>9</v></c><c><f>SUM(C2:C3)</f></c>'
        '<c><v>1E3</v></c><c t="s"><v>10</v></c>'
        '<c s="3"><v>0.5</v></c><c s="4"><v>1.5</v></c></row>',
        # Row 6 (row 5 absent): T&C; an empty inline string (NULL); 0.25
        # in 0.00% is the fraction 0.25; "Date: "0.00 is no date: 7;
        # 45000 in [$-409]d-mmm is a date; 0.1 + 0.2 as Excel stores it.
        '<row r="6"><c r="A6" t="s"><v>11</v></c>'
        '<c r="B6" t="inlineStr"><is><t></t></is></c>'
        '<c r="C6" s="5"><v>0.25</v></c><c r="D6" s="6"><v>7</v></c>'
        '<c r="E6" s="7"><v>45000</v></c>'
        '<c r="F6"><v>0.30000000000000004</v></c></row>',
    ]
    # Phantom day (1900 system, m/d/yyyy): serial 1 is 1900-01-01, 59 is
    # 1900-02-28, 60 is Excel's 1900-02-29, 61 is 1900-03-01 (from 61 on,
    # date(1899,12,30) + serial); 0.25 in yyyy-mm-dd hh:mm (no date part
    # that day) is 1899-12-31T06:00; -1 is no date.
    dates = [
        '<row r="1"><c r="A1" t="inlineStr"><is><t>serial</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>day</t></is></c></row>'] + [
        f'<row r="{i + 2}"><c r="A{i + 2}"><v>{v}</v></c>'
        f'<c r="B{i + 2}" s="{s}"><v>{v}</v></c></row>'
        for i, (v, s) in enumerate([(1, 1), (59, 1), (60, 1), (61, 1),
                                    (0.25, 2), (-1, 1), (2958465, 1),
                                    (2958466, 1), (45000.000005, 2)])]
    # Merged: A1:B1 merged with a stray value in B1 (Excel writes none:
    # it must read NULL); A3:A4 merged, value in A3 only.
    merged = sheet([
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Region</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>ghost</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>Sales</t></is></c></row>',
        '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>y</t></is></c>'
        '<c r="C2" t="inlineStr"><is><t>z</t></is></c></row>',
        '<row r="3"><c r="A3" t="inlineStr"><is><t>North</t></is></c>'
        '<c r="C3"><v>10</v></c></row>',
        '<row r="4"><c r="A4" t="inlineStr"><is><t>ghost</t></is></c>'
        '<c r="C4"><v>20</v></c></row>'],
        '<mergeCells count="2"><mergeCell ref="A1:B1"/>'
        '<mergeCell ref="A3:A4"/></mergeCells>')
    # Title: a title row, a blank row, then a header at row 3 and two
    # tables side by side (A:B and D:E) as LinkedIn's TOP POSTS.
    title = sheet([
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Top posts</t></is></c>'
        '</row>', '<row r="2"/>',
        '<row r="3"><c r="A3" t="inlineStr"><is><t>Post</t></is></c>'
        '<c r="B3" t="inlineStr"><is><t>Clicks</t></is></c>'
        '<c r="D3" t="inlineStr"><is><t>Post</t></is></c>'
        '<c r="E3" t="inlineStr"><is><t>Views</t></is></c></row>',
        '<row r="4"><c r="A4" t="inlineStr"><is><t>p1</t></is></c>'
        '<c r="B4"><v>5</v></c><c r="D4" t="inlineStr"><is><t>p9</t></is>'
        '</c><c r="E4"><v>900</v></c></row>',
        '<row r="5"><c r="A5" t="inlineStr"><is><t>p2</t></is></c>'
        '<c r="B5"><v>3</v></c><c r="D5" t="inlineStr"><is><t>p8</t></is>'
        '</c><c r="E5"><v>800</v></c></row>'], dim='A1:E5')
    sheets = [('Data', 'w', None), ('Dates', 'w', None),
              ('Merged', 'w', None), ('Title', 'w', None),
              ('Secret', 'w', 'hidden'), ('Chart1', 'c', None)]
    parts = {
        'xl/worksheets/sheet1.xml': sheet(data, dim='A1:F6'),
        'xl/worksheets/sheet2.xml': sheet(dates),
        'xl/worksheets/sheet3.xml': merged,
        'xl/worksheets/sheet4.xml': title,
        'xl/worksheets/sheet5.xml': sheet([
            '<row r="2"><c r="B2"><v>1</v></c></row>']),
        'xl/chartsheets/sheet6.xml': HEAD + f'<chartsheet xmlns="{NS}"/>',
    }
    write_book(path, sheets, parts, strings)


def book1904(path):
    # date1904: serial 0 is 1904-01-01, 1 is 1904-01-02, and 43538.5 is
    # date(1904,1,1) + 43538 days = 2023-03-15, at 12:00.
    rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>day</t></is></c>'
            '</row>'] + [
        f'<row r="{i + 2}"><c r="A{i + 2}" s="{s}"><v>{v}</v></c></row>'
        for i, (v, s) in enumerate([(0, 1), (1, 1), (43538.5, 2), (60, 1)])]
    write_book(path, [('S', 'w', None)],
               {'xl/worksheets/sheet1.xml': sheet(rows)}, [], date1904=True)


def simple_book(path, sheet_xml, method=None):
    write_book(path, [('S', 'w', None)],
               {'xl/worksheets/sheet1.xml': sheet_xml}, ['a'], method=method)


def bomb(path):
    # 2 MiB of blanks between two tags deflate to about 2 KiB: a ratio
    # near 1000, over the limit of 100 once past 1 MiB.
    simple_book(path, sheet(['<row r="1"><c r="A1"><v>1</v></c></row>' +
                             ' ' * (2 << 20)]))


def encrypted_entry(path):
    # A ZIP entry with the "encrypted" flag bit (general purpose bit 0).
    simple_book(path, sheet(['<row r="1"><c r="A1"><v>1</v></c></row>']),
                method=zipfile.ZIP_STORED)
    data = bytearray(open(path, 'rb').read())
    name = b'xl/worksheets/sheet1.xml'
    i = data.find(b'PK\x01\x02')
    while i >= 0:
        n = struct.unpack_from('<H', data, i + 28)[0]
        if data[i + 46:i + 46 + n] == name:
            flags = struct.unpack_from('<H', data, i + 8)[0]
            struct.pack_into('<H', data, i + 8, flags | 1)
        i = data.find(b'PK\x01\x02', i + 4)
    open(path, 'wb').write(bytes(data))


def cfb(path, names):
    """A minimal OLE2 compound file whose directory holds these streams."""
    sec = 512
    header = bytearray(sec)
    header[0:8] = b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'
    struct.pack_into('<HHHHH', header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into('<I', header, 0x2C, 1)           # FAT sectors
    struct.pack_into('<I', header, 0x30, 1)           # first directory sector
    struct.pack_into('<I', header, 0x38, 4096)        # mini stream cutoff
    struct.pack_into('<I', header, 0x3C, 0xFFFFFFFE)  # no mini FAT
    struct.pack_into('<I', header, 0x44, 0xFFFFFFFE)  # no DIFAT sectors
    for k in range(109):
        struct.pack_into('<I', header, 0x4C + 4 * k, 0xFFFFFFFF)
    struct.pack_into('<I', header, 0x4C, 0)           # FAT is sector 0
    fat = bytearray(b'\xff' * sec)
    struct.pack_into('<II', fat, 0, 0xFFFFFFFD, 0xFFFFFFFE)
    dirsec = bytearray(sec)
    for k, (name, kind) in enumerate([('Root Entry', 5)] +
                                     [(n, 2) for n in names]):
        e = bytearray(128)
        u = name.encode('utf-16-le') + b'\0\0'
        e[0:len(u)] = u
        struct.pack_into('<HBB', e, 0x40, len(u), kind, 1)
        struct.pack_into('<III', e, 0x44, 0xFFFFFFFF, 0xFFFFFFFF,
                         2 if k == 0 and names else 0xFFFFFFFF)
        struct.pack_into('<II', e, 0x74, 0xFFFFFFFE, 0)
        dirsec[128 * k:128 * k + 128] = e
    open(path, 'wb').write(bytes(header + fat + dirsec))


def main():
    out = 'tests/xlsx'
    os.makedirs(out, exist_ok=True)
    os.makedirs('examples/xlsx', exist_ok=True)
    types_book(f'{out}/types.xlsx')
    book1904(f'{out}/dates1904.xlsx')
    bomb(f'{out}/bomb.xlsx')
    whole = open(f'{out}/types.xlsx', 'rb').read()
    open(f'{out}/truncated.xlsx', 'wb').write(whole[:len(whole) // 2])
    encrypted_entry(f'{out}/zipcrypt.xlsx')
    cfb(f'{out}/encrypted.xlsx', ['EncryptionInfo', 'EncryptedPackage'])
    cfb(f'{out}/old.xls', ['Workbook', 'SummaryInformation'])
    with zipfile.ZipFile(f'{out}/book.xlsb', 'w') as z:
        z.writestr('[Content_Types].xml', CONTENT_TYPES)
        z.writestr('xl/workbook.bin', b'\x83\x01\x00')
    open(f'{out}/xml2003.xls', 'w').write(
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
        '<Worksheet ss:Name="S"/></Workbook>\n')
    simple_book(f'{out}/deep.xlsx', sheet(
        ['<row r="1">' + '<x>' * 300 + '</x>' * 300 + '</row>']))
    simple_book(f'{out}/dtd.xlsx', HEAD + '<!DOCTYPE w [<!ENTITY a "b">]>'
                f'<worksheet xmlns="{NS}"><sheetData/></worksheet>')
    simple_book(f'{out}/badxml.xlsx', HEAD + f'<worksheet xmlns="{NS}">'
                '<sheetData><row r="1"><c r="A1"><v>1</v></row>'
                '</sheetData></worksheet>')
    # The docs' example: a LinkedIn-like export with a title row.
    write_book('examples/xlsx/followers.xlsx', [('FOLLOWERS', 'w', None)], {
        'xl/worksheets/sheet1.xml': sheet([
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1204</v>'
            '</c></row>', '<row r="2"/>',
            '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="s"><v>2</v>'
            '</c></row>'] + [
            f'<row r="{4 + i}"><c r="A{4 + i}" s="1"><v>{45992 + i}</v>'
            f'</c><c r="B{4 + i}"><v>{n}</v></c></row>'
            for i, n in enumerate([3, 0, 7])])}, [
        'Total followers on 12/11/2025:', 'Date', 'New followers'])
    os.makedirs('fuzz/seeds/zip', exist_ok=True)
    for name in ['types.xlsx', 'dates1904.xlsx', 'zipcrypt.xlsx',
                 'book.xlsb', 'badxml.xlsx']:
        open(f'fuzz/seeds/zip/{name}', 'wb').write(
            open(f'{out}/{name}', 'rb').read())
    with zipfile.ZipFile(f'{out}/types.xlsx') as z:
        for part in ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml',
                     'xl/styles.xml', 'xl/workbook.xml']:
            open('fuzz/seeds/xml/' + part.replace('/', '_'), 'wb').write(
                b'\0' + z.read(part))


if __name__ == '__main__':
    main()
