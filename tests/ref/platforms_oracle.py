# platforms_oracle.py: expected values for tests/platforms.test, computed
# with Python's csv module from the real exports, without kpi.
#   /usr/bin/python3 tests/ref/platforms_oracle.py
# The exports are ../shared/data/real beside the repository, or
# $KPI_REAL_DATA, as for the Tcl tests.
import csv, io, os
HERE = os.path.dirname(os.path.abspath(__file__))
R = os.environ.get('KPI_REAL_DATA',
                   os.path.join(HERE, '..', '..', '..', 'shared', 'data', 'real')) + os.sep

def table(f, enc='utf-8', delim=',', skip=0):
    t = open(R + f, newline='', encoding=enc).read()
    r = list(csv.reader(io.StringIO(t, newline=''), delimiter=delim))[skip:]
    return [dict(zip(r[0], x)) for x in r[1:] if x]   # not blank lines

def num(s):
    s = s.strip().replace(',', '')
    if s in ('', '--', '-', 'N/A', 'undefined'): return None
    if s.endswith('%'): return round(float(s[:-1]) / 100, 10)  # '3.64%' is 0.0364
    return float(s)

# Google Ads campaign report: 2 title rows; "Total:" rows dropped
g = [x for x in table('gads_campaign_report_intrago.csv', skip=2)
     if not x['Campaign status'].startswith('Total:')]
print('gads campaigns', len(g), 'impr', sum(num(x['Impr.']) for x in g),
      'clicks', sum(num(x['Clicks']) for x in g),
      'conv', round(sum(num(x['Conversions']) for x in g), 2),
      'cost', round(sum(num(x['Cost']) for x in g), 2),
      'currency', sorted(set(x['Currency code'] for x in g)))
k = [x for x in table('gads_search_keyword_report_utf16.csv', 'utf-16', '\t', 2)
     if not any(x[c].startswith('Total:') for c in ('Keyword status', 'Keyword', 'Match type'))]
print('gads keywords', len(k), 'impr', sum(num(x['Impr.']) for x in k),
      'clicks', sum(num(x['Clicks']) for x in k),
      'cost', round(sum(num(x['Cost']) for x in k), 2),
      'currency', sorted(set(x['Currency code'] for x in k)))
# rows whose denominators are not 0 (Google's ratios are defined there)
print('gads nonzero clicks', sum(num(x['Clicks']) > 0 for x in g),
      'conversions', sum(num(x['Conversions']) > 0 for x in g),
      'impr', sum(num(x['Impr.']) > 0 for x in g),
      'interactions', sum(num(x['Interactions']) > 0 for x in g))
# Meta Ads Manager, ad level
m = table('meta_adsmanager_ads_php.csv')
act = [x for x in m if x['Result indicator'].startswith('actions:')]
rch = [x for x in m if x['Result indicator'] == 'reach']
print('meta ads', len(m), 'impr', sum(int(x['Impressions']) for x in m),
      'link clicks', sum(int(x['Link clicks']) for x in m if x['Link clicks']),
      'spent', round(sum(float(x['Amount spent (PHP)']) for x in m), 2),
      'action results', len(act), sum(int(x['Results']) for x in act),
      'reach results', len(rch), sum(int(x['Results']) for x in rch),
      'periods', sorted(set((x['Reporting starts'], x['Reporting ends']) for x in m)))
# Sprout Social post and profile performance
import collections
from decimal import Decimal, ROUND_HALF_UP
def rate4(e, i):   # e / i to 4 decimals, halves up as Sprout prints them
    q = (Decimal(int(e)) / Decimal(int(i))).quantize(Decimal('0.0001'), ROUND_HALF_UP)
    return float(q)
s = table('sprout_post_performance_devilsreserve.csv')
def ptype(x):
    return {'Reel': 'reel', 'Story': 'story'}.get(x['Post Type']) or x['Content Type'].lower()
c = collections.defaultdict(lambda: [0, 0, 0])
for x in s:
    k = (x['Network'].lower(), ptype(x)); c[k][0] += 1
    c[k][1] += int(num(x['Impressions'])); c[k][2] += int(num(x['Engagements']))
print('sprout posts', len(s), 'thousands', sum(',' in x['Impressions'] for x in s),
      sorted((k, v) for k, v in c.items()),
      'rate ok', sum(rate4(num(x['Engagements']), num(x['Impressions'])) == num(x['Engagement Rate (per Impression)']) for x in s))
p = table('sprout_profile_performance_devilsreserve.csv')
c = collections.defaultdict(lambda: [0, 0, 0, 0, 0])
for x in p:
    k = x['Network'].lower(); v = c[k]; v[0] += 1
    v[1] += int(num(x['Impressions']) or 0)
    e = num(x['Engagements']); v[2] += int(e) if e is not None and e >= 0 else 0
    v[3] += int(num(x['Audience Gained']) or 0)
    v[4] = max(v[4], int(num(x['Audience']) or 0))
rated = [x for x in p if num(x['Impressions'])]
print('sprout profiles', len(p), sorted(c.items()),
      'rated', len(rated), 'rate ok', sum(rate4(num(x['Engagements']), num(x['Impressions'])) == num(x['Engagement Rate (per Impression)']) for x in rated),
      'zero impr', sum(num(x['Impressions']) == 0 for x in p))
# Meta Business Suite: Instagram posts, Facebook posts, page daily views
def bytype(rs, f):
    c = collections.defaultdict(lambda: [0] * len(f))
    for x in rs:
        v = c[x['Post type']]
        for i, col in enumerate(f):
            v[i] += 1 if col == '#' else int(num(x[col]) or 0)
    return sorted(c.items())
i = table('meta_bs_ig_posts_entenmann.csv', 'utf-8-sig')
print('meta ig', len(i), set(x['Date'] for x in i),
      bytype(i, ['#', 'Views', 'Reach', 'Saves', 'Follows']),
      'interactions', sum(int(x['Likes']) + int(x['Comments']) + int(x['Shares']) + int(x['Saves']) for x in i),
      'first', i[0]['Post ID'], i[0]['Publish time'])
f = table('meta_bs_fb_posts_pcm.csv', 'utf-8-sig')
print('meta fb', len(f), set(x['Date'] for x in f),
      bytype(f, ['#', 'Views', 'Reach', 'Reactions, Comments and Shares']),
      'rcs differs', sum(int(x['Reactions, Comments and Shares']) != int(x['Reactions']) + int(x['Comments']) + int(x['Shares']) for x in f))
pv = table('meta_bs_page_views_utf16.csv', 'utf-16', skip=2)
print('meta page views', len(pv), sum(int(x['Primary']) for x in pv), pv[0]['Date'], pv[-1]['Date'])
# TikTok Studio: content, overview, follower history. Yearless dates: the
# daily series starts in 2025 and the year goes up when the month goes
# back (December to January).
import datetime as dt
def series(rs, year):
    out, last = [], None
    for x in rs:
        d = dt.datetime.strptime(x['Date'] + ' %d' % year, '%B %d %Y').date()
        if last and d < last:
            year += 1; d = d.replace(year=year)
        out.append((d.isoformat(), x)); last = d
    return out
tc = table('tiktok_content_haileytupy.csv', 'utf-8-sig')
print('tiktok content', len(tc), 'views', sum(int(x['Total views']) for x in tc),
      'likes', sum(int(x['Total likes']) for x in tc),
      'comments', sum(int(x['Total comments']) for x in tc),
      'shares', sum(int(x['Total shares']) for x in tc))
to = series(table('tiktok_overview_haileytupy.csv', 'utf-8-sig'), 2025)
print('tiktok overview', len(to), to[0][0], to[-1][0], len(set(d for d, _ in to)),
      'views', sum(int(x['Video Views']) for _, x in to),
      'profile', sum(int(x['Profile Views']) for _, x in to),
      'comments>=0', sum(int(x['Comments']) for _, x in to if int(x['Comments']) >= 0),
      sum(int(x['Comments']) >= 0 for _, x in to),
      'shares', sum(int(x['Shares']) for _, x in to))
tf = series(table('tiktok_followerhistory_haileytupy.csv', 'utf-8-sig'), 2025)
known = [(d, int(x['Followers'])) for d, x in tf if x['Followers'] != 'undefined']
print('tiktok followers', len(tf), 'known', len(known), known[0], known[-1])
# The samples of examples/exports (make_samples.py): Instagram and TikTok
# posts per week (Monday, UTC), platform and language, as v_posts_weekly
# and v_post_views_weekly count them; spend per platform
import glob
EX = os.path.join(HERE, '..', '..', 'examples', 'exports') + os.sep
lang = {'kpidemo': 'en', 'kpidemo_fr': 'fr'}
def monday(d): return (d - dt.timedelta(days=d.weekday())).isoformat()
wk = collections.defaultdict(lambda: [0, 0, 0])
for f in sorted(glob.glob(EX + '*_instagram_posts.csv')):
    for x in csv.DictReader(open(f, newline='', encoding='utf-8-sig')):
        d = dt.datetime.strptime(x['Publish time'], '%m/%d/%Y %H:%M').date()
        v = wk[(monday(d), 'instagram', lang[x['Account username']])]
        v[0] += 1; v[1] += int(x['Views'])
        v[2] += sum(int(x[c]) for c in ('Likes', 'Comments', 'Shares', 'Saves'))
for f in sorted(glob.glob(EX + 'Content_*.csv')):
    for x in csv.DictReader(open(f, newline='', encoding='utf-8-sig')):
        link = x['Video link']
        d = dt.datetime.fromtimestamp(int(link.rsplit('/', 1)[1]) >> 32, dt.timezone.utc).date()
        v = wk[(monday(d), 'tiktok', lang[link.split('@')[1].split('/')[0]])]
        v[0] += 1; v[1] += int(x['Total views'])
        v[2] += sum(int(x[c]) for c in ('Total likes', 'Total comments', 'Total shares'))
print('samples posts', sum(v[0] for v in wk.values()))
for k in sorted(wk): print('  sample week', *k, *wk[k], repr(wk[k][2] / wk[k][1]))
ma = list(csv.DictReader(open(EX + 'KPI-Demo-Ads-Mar-1-2025-Mar-31-2025.csv', newline='')))
print('samples meta ads', len(ma), round(sum(float(x['Amount spent (CAD)']) for x in ma), 2),
      sum(int(x['Impressions']) for x in ma), sum(int(x['Link clicks']) for x in ma),
      sum(int(x['Results']) for x in ma))
# LinkedIn creator export (a workbook): read with zipfile and ElementTree
# from the standard library (no openpyxl on the test machine)
import re, zipfile, xml.etree.ElementTree as ET
NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
RNS = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id'
def xlsx_sheets(path):
    z = zipfile.ZipFile(path)
    ss = [''.join(t.text or '' for t in si.iter('{%s}t' % NS['m']))
          for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', NS)] \
         if 'xl/sharedStrings.xml' in z.namelist() else []
    rels = {r.get('Id'): r.get('Target') for r in ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))}
    out = {}
    for sh in ET.fromstring(z.read('xl/workbook.xml')).find('m:sheets', NS):
        target = rels[sh.get(RNS)].lstrip('/')
        if not target.startswith('xl/'): target = 'xl/' + target
        rows = []
        for row in ET.fromstring(z.read(target)).iter('{%s}row' % NS['m']):
            vals = []
            for c in row.findall('m:c', NS):
                v = c.find('m:v', NS); t = c.get('t')
                if t == 's': vals.append(ss[int(v.text)])
                elif t == 'inlineStr': vals.append(''.join(x.text or '' for x in c.iter('{%s}t' % NS['m'])))
                else: vals.append(v.text if v is not None else '')
            rows.append(vals)
        out[sh.get('name')] = rows
    return out
li = xlsx_sheets(R + 'linkedin_creator_export_demo.xlsx')
eng = [r for r in li['ENGAGEMENT'][1:] if r and r[0]]
dmy = lambda s: dt.datetime.strptime(s, '%m/%d/%Y').date().isoformat()
fol = [r for r in li['FOLLOWERS'] if len(r) == 2 and re.match(r'\d+/\d+/\d{4}$', r[0])]
print('linkedin engagement', li['ENGAGEMENT'][0], len(eng), min(dmy(r[0]) for r in eng), max(dmy(r[0]) for r in eng),
      'impr', sum(int(float(r[1])) for r in eng),
      'eng>=0', sum(int(float(r[2])) for r in eng if float(r[2]) >= 0), sum(float(r[2]) >= 0 for r in eng),
      'followers', li['FOLLOWERS'][0], len(fol), sum(int(float(r[1])) for r in fol))
# The LinkedIn sample workbook, per week (Monday)
ls = xlsx_sheets(EX + 'Content_2025-03-03_2025-03-30_KPIDemo.xlsx')
w = collections.defaultdict(lambda: [0, 0, 0, 0])
for r in ls['ENGAGEMENT'][1:]:
    d = dt.datetime.strptime(r[0], '%m/%d/%Y').date(); v = w[monday(d)]
    v[0] += 1; v[1] += int(float(r[1])); v[2] += int(float(r[2]))
for r in ls['FOLLOWERS'][3:]:
    w[monday(dt.datetime.strptime(r[0], '%m/%d/%Y').date())][3] += int(float(r[1]))
for k in sorted(w): print('  sample linkedin week', k, *w[k], repr(w[k][2] / w[k][1]))
print('  sample linkedin total', ls['FOLLOWERS'][0])
