#!/usr/bin/python3
"""xlsx_ref.py: the reference values of tests/xlsx.test's real workbooks,
read by an independent reader: openpyxl (Debian's python3-openpyxl, in
data_only mode: formulas by their cached value).

    /usr/bin/python3 tests/ref/xlsx_ref.py          rewrites the block
                                                     of tests/xlsx.test
    /usr/bin/python3 tests/ref/xlsx_ref.py --print  prints it

For each table the test makes, openpyxl's cells of the sheet (or range)
become rows as SPEC 6 and 6.2 describe kpi's reading, written out here
from the SPEC's text rather than from kpi's code:
- rows with no value in the range are left out; `skip` rows are dropped,
  then the header (the first row, unless a cell of it is a number or
  starts with a yyyy-mm-dd date), then `header_rows` rows;
- names: snake_case ASCII of the header's cells, column_N for an empty
  one, _2, _3 for a repeated one;
- a text cell is typed as a CSV cell: blank -> NULL; an integer without a
  leading zero or '+' and of at most 18 digits -> INTEGER; a decimal or a
  number with an exponent -> REAL; a number followed by '%' -> REAL
  fraction; else TEXT;
- numbers are INTEGER when openpyxl gives an int and REAL when it gives a
  float; booleans 0/1; datetimes YYYY-MM-DDTHH:MM:SS[.mmm]Z; times
  HH:MM:SS; timedeltas REAL seconds; errors NULL.
Each cell is printed as the test's SQL encodes it: N (NULL), I<int>,
R<real as %!.15g>, T<ASCII text>, H<hex of the UTF-8> when the text has a
character outside printable ASCII, and D<bytes>:<CRC-32 of that hex> for a
text longer than 120 bytes (the long post messages), so that the test file
stays ASCII and small.
"""
import datetime
import os
import re
import sys
import unicodedata
import zlib

import openpyxl

REAL = os.environ.get('KPI_REAL_DATA', os.path.join(
    os.path.dirname(__file__), '..', '..', '..', 'shared', 'data', 'real'))

# (test id, file, sheet, options as the test gives them)
TABLES = [
    ('1', 'tiktok_overview_bosszy.xlsx', None, {}),
    ('2', 'linkedin_creator_export_demo.xlsx', 'DISCOVERY', {}),
    ('3', 'linkedin_creator_export_demo.xlsx', 'ENGAGEMENT', {}),
    ('4', 'linkedin_creator_export_demo.xlsx', 'TOP POSTS',
     {'range': 'A3:C53'}),
    ('5', 'linkedin_creator_export_demo.xlsx', 'TOP POSTS',
     {'range': 'E3:G53'}),
    ('6', 'linkedin_creator_export_demo.xlsx', 'FOLLOWERS', {'skip': 1}),
    ('7', 'linkedin_creator_export_demo.xlsx', 'DEMOGRAPHICS', {}),
] + [
    (str(8 + k), 'fb_legacy_postlevel_lok_excelresaved.xlsx', k + 1,
     {'header_rows': 1}) for k in range(7)
]

NUM = re.compile(r'([+-]?)(\d*)(\.(\d*))?([eE][+-]?\d+)?')


def type_text(s):
    """SPEC 6 cells: a text cell's value."""
    t = s.strip(' \t\r\n')
    if t == '':
        return None
    pct = False
    core = t
    if core.endswith('%'):
        pct = True
        core = core[:-1].rstrip(' \t\u00a0\u202f')
    m = NUM.fullmatch(core)
    if not m or not (m.group(2) or m.group(4)):
        return t if t == s else s
    sign, ints, point, frac, exp = m.groups()
    if not point and not exp and not pct:
        if sign == '+' or len(ints) > 18 or (len(ints) > 1 and ints[0] == '0'):
            return s
        return int(core)
    v = float(core)
    return v / 100 if pct else v


def iso(v):
    s = v.strftime('%Y-%m-%dT%H:%M:%S')
    if v.microsecond:
        s += '.%03d' % (v.microsecond // 1000)
    return s + 'Z'


def value(c):
    """A cell as kpi reads it (before the header/typing of text)."""
    v = c.value
    if c.data_type == 'e' or v is None:
        return None
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, str):
        return type_text(v)
    if isinstance(v, datetime.datetime):
        return iso(v)
    if isinstance(v, datetime.time):
        s = v.strftime('%H:%M:%S')
        if v.microsecond:
            s += '.%03d' % (v.microsecond // 1000)
        return s
    if isinstance(v, datetime.timedelta):
        return v.total_seconds()
    return v


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def snake(s):
    out, sep = [], False
    for ch in s:
        if ch.isascii():
            f = ch.lower() if ch.isalnum() else None
        else:
            f = {'ß': 'ss', 'æ': 'ae', 'Æ': 'ae', 'ø': 'o', 'Ø': 'o',
                 'þ': 'th', 'Þ': 'th', 'ð': 'd', 'Ð': 'd', 'œ': 'oe',
                 'Œ': 'oe', 'ł': 'l', 'Ł': 'l', 'ı': 'i'}.get(ch)
            if f is None:
                d = unicodedata.normalize('NFKD', ch)
                f = d[0].lower() if d and d[0].isascii() and \
                    d[0].isalpha() and ord(ch) < 0x180 else None
        if f:
            if sep and out:
                out.append('_')
            sep = False
            out.append(f)
        else:
            sep = True
    return ''.join(out)


def names(head, n):
    res = []
    for i in range(n):
        h = head[i] if i < len(head) else None
        z = snake(h) if isinstance(h, str) else ''
        if not z:
            z = 'column_%d' % (i + 1)
        if z in res:
            k = 2
            while '%s_%d' % (z, k) in res:
                k += 1
            z = '%s_%d' % (z, k)
        res.append(z)
    return res


def header_text(c):
    v = c.value
    if v is None or c.data_type == 'e':
        return ''
    if isinstance(v, datetime.datetime):
        return iso(v)
    return str(v)


def table(path, sheet, opts):
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb.worksheets[sheet - 1] if isinstance(sheet, int) else \
        (wb[sheet] if sheet else wb.worksheets[0])
    if 'range' in opts:
        cells = ws[opts['range']]
    else:
        cells = list(ws.iter_rows())
        used = [c.column for r in cells for c in r if value(c) is not None or
                (isinstance(c.value, str) and c.value != '')]
        c0, c1 = min(used), max(used)
        cells = [r[c0 - 1:c1] for r in cells]
    rows = [r for r in cells if any(
        c.value is not None and c.value != '' for c in r)]
    rows = rows[opts.get('skip', 0):]
    head = rows[0]
    first = [value(c) for c in head]
    has = not any(is_number(v) or (isinstance(v, str) and
                                   re.match(r'\d{4}-\d\d-\d\d', v))
                  for v in first)
    width = len(head)
    if has:
        cols = names([header_text(c) for c in head], width)
        data = rows[1 + opts.get('header_rows', 0):]
    else:
        cols = names([], width)
        data = rows[opts.get('header_rows', 0):]
    return cols, [[value(c) for c in r] for r in data]


def real_g(v):
    s = '%.15g' % v
    if 'e' in s:
        m, e = s.split('e')
        if '.' not in m:
            m += '.0'
        return m + 'e' + e
    return s if '.' in s or 'n' in s else s + '.0'


def encode(v):
    if v is None:
        return 'N'
    if isinstance(v, int):
        return 'I%d' % v
    if isinstance(v, float):
        return 'R' + real_g(v)
    b = v.encode('utf-8')
    h = b.hex().upper()
    if len(b) > 120:
        return 'D%d:%d' % (len(b), zlib.crc32(h.encode('ascii')))
    if all(' ' <= ch <= '~' for ch in v):
        return 'T' + v
    return 'H' + h


def tcl(s):
    out = ''
    for ch in s:
        out += '\\' + ch if ch in ' \t{}[]$"\\;' else ch
    return out or '{}'


def tcl_opts(name, sheet, opts):
    o = ["filename='$path'"]
    if sheet is not None:
        o.append("sheet='%s'" % sheet if isinstance(sheet, str)
                 else 'sheet=%d' % sheet)
    for k, v in opts.items():
        o.append("%s='%s'" % (k, v) if isinstance(v, str) else '%s=%d' % (k, v))
    return ', '.join(o)


def block():
    lines = ['# BEGIN xlsx_ref.py: generated by /usr/bin/python3 '
             'tests/ref/xlsx_ref.py (openpyxl %s); do not edit'
             % openpyxl.__version__, 'real_data {']
    for tid, fname, sheet, opts in TABLES:
        cols, rows = table(os.path.join(REAL, fname), sheet, opts)
        flat = [encode(v) for r in rows for v in
                (r + [None] * (len(cols) - len(r)))[:len(cols)]]
        lines.append('set path [real_file %s]' % fname)
        lines.append('xlsx_real_table x "%s"' % tcl_opts(fname, sheet, opts))
        lines.append('do_execsql_test xlsx-real-%s.1 '
                     '{SELECT name FROM pragma_table_info(\'x\')} {%s}'
                     % (tid, ' '.join(tcl(c) for c in cols)))
        lines.append('do_execsql_test xlsx-real-%s.2 '
                     '{SELECT count(*) FROM x} %d' % (tid, len(rows)))
        lines.append('do_test xlsx-real-%s.3 {xlsx_cells x} {' % tid)
        for k in range(0, len(flat), len(cols) or 1):
            lines.append('  ' + ' '.join(tcl(x) for x in flat[k:k + len(cols)]))
        lines.append('}')
    lines.append('}')
    lines.append('# END xlsx_ref.py')
    return '\n'.join(lines) + '\n'


def main():
    text = block()
    if '--print' in sys.argv:
        sys.stdout.write(text)
        return
    path = os.path.join(os.path.dirname(__file__), '..', 'xlsx.test')
    old = open(path, encoding='utf-8').read()
    a = old.index('# BEGIN xlsx_ref.py')
    b = old.index('# END xlsx_ref.py\n') + len('# END xlsx_ref.py\n')
    open(path, 'w', encoding='utf-8').write(old[:a] + text + old[b:])


if __name__ == '__main__':
    main()
