# sql_layer_oracle.py: expected values for tests/sql_layer.test, computed with
# Python's csv module (and statsmodels/scipy for the readout), without kpi.
#   /usr/bin/python3 tests/sql_layer_oracle.py
# The real exports are ../shared/data/real beside the repository, or
# $KPI_REAL_DATA, as for the Tcl tests.
import csv, io, statistics, datetime as dt, collections, glob, math, os
HERE = os.path.dirname(os.path.abspath(__file__))
R = os.environ.get('KPI_REAL_DATA',
                   os.path.join(HERE, '..', '..', 'shared', 'data', 'real')) + os.sep
def rows(f, delim=',', enc='utf-8', fix_cr=False):
    t = open(R+f, newline='', encoding=enc).read()
    if fix_cr: t = t.replace('\r', ' ')   # LF file; bare CRs are data (one record)
    return list(csv.DictReader(io.StringIO(t, newline=''), delimiter=delim))
# X monthly
for f in ['x_tweet_activity_ropensci_2019-01.csv','x_tweet_activity_ropensci_2021-12.csv','x_tweet_activity_debruine_2021-08.csv']:
    r = rows(f)
    imp = sum(float(x['impressions']) for x in r); eng = sum(float(x['engagements']) for x in r)
    url = sum(float(x['url clicks']) for x in r)
    print(f, len(r), 'imp', imp, 'eng', eng, 'er', repr(eng/imp), 'url', url, 'ctr', repr(url/imp),
          'replies', sum(1 for x in r if x['Tweet text'].startswith('@')),
          'maxdiff', max(abs(float(x['engagement rate']) - float(x['engagements'])/float(x['impressions'])) for x in r),
          'first', r[-1]['Tweet id'], r[-1]['time'], 'handle', r[0]['Tweet permalink'])
r = rows('x_daily_tweet_activity_debruine_2021-08.csv')
print('daily', len(r), sum(int(x['impressions']) for x in r), sum(int(x['engagements']) for x in r), sum(int(x['Tweets published']) for x in r))
r = rows('fb_hootsuite_post_performance_eyewatch.csv')
print('hoot', len(r), [ (x['Post ID'][-6:], x['Engagement Rate']) for x in r])
print('hoot sum', sum(int(x['Engaged Users']) for x in r), sum(int(x['Reach']) for x in r), sum(int(x['Impressions']) for x in r))
r = rows('fb_uci_facebook_metrics_semicolon.csv', ';')
print('uci', len(r), collections.Counter(x['Type'] for x in r), sum(int(x['Lifetime Engaged Users']) for x in r), sum(int(x['Lifetime Post Total Reach']) for x in r),
      sum(int(x['Lifetime Post Total Impressions']) for x in r), 'paid', collections.Counter(x['Paid'] for x in r), 'like', sum(int(x['like']) for x in r if x['like']), 'share', sum(int(x['share']) for x in r if x['share']))
r = rows('support_zendesk_plum_tickets.csv')
st = collections.Counter(x['Status'] for x in r)
sc = [int(x['Satisfaction Score']) for x in r if x['Satisfaction Score'] not in ('', 'Offered')]
ans = sum(1 for x in r if x['First reply time in minutes within business hours'] != '')
T = lambda s: dt.datetime.strptime(s, '%Y-%m-%d %H:%M:%S')
solved = [x for x in r if x['Solved at'] != '1900-01-01 00:00:00']
d = [(T(x['Solved at']) - T(x['Created at'])).total_seconds() for x in solved]
fr = [int(x['First reply time in minutes within business hours']) for x in r if x['First reply time in minutes within business hours'] != '']
print('zd', len(r), st, 'unsolved', len(r)-len(solved), 'csat n', len(sc), 'top2', sum(1 for s in sc if s >= 4), collections.Counter(sc), 'answered', ans,
      'aht_s', repr(statistics.fmean(d)), 'mean res h', repr(statistics.fmean(int(x['Resolution time']) for x in solved)), 'bh median min', statistics.median(fr),
      'via', collections.Counter(x['Via'] for x in r))
for f, fix in [('twcs_kaggle_sample.csv', False), ('twcs_head5000_pandas_export.csv', True), ('twcs_excel_resaved_sample.csv', False)]:
    r = rows(f, fix_cr=fix)
    P = lambda s: dt.datetime.strptime(s, '%a %b %d %H:%M:%S %z %Y')
    first = {}
    for x in r:
        if x['inbound'].lower() == 'false' and x['in_response_to_tweet_id']:
            p = int(float(x['in_response_to_tweet_id'])); t = P(x['created_at'])
            if p not in first or t < first[p]: first[p] = t
    inb = [x for x in r if x['inbound'].lower() == 'true']
    frt = [(first[int(x['tweet_id'])] - P(x['created_at'])).total_seconds() for x in inb if int(x['tweet_id']) in first]
    print(f, len(r), 'inbound', len(inb), 'answered', len(frt), 'median', statistics.median(frt), 'p90 n', sorted(frt)[:3], 'mean', repr(statistics.fmean(frt)),
          'within1h', sum(1 for v in frt if v <= 3600))

# --- cookie cats through v_experiments: Welch and two-proportion references
try:
    from statsmodels.stats.weightstats import CompareMeans
    from statsmodels.stats.proportion import confint_proportions_2indep
    from scipy.stats import norm
    r = rows('ab_cookie_cats_excel_bom_crlf.csv', enc='utf-8-sig')
    a = [int(x['sum_gamerounds']) for x in r if x['version'] == 'gate_30']
    b = [int(x['sum_gamerounds']) for x in r if x['version'] == 'gate_40']
    print('welch diff', repr(statistics.fmean(b) - statistics.fmean(a)),
          'ci', CompareMeans.from_data(b, a).tconfint_diff(usevar='unequal'),
          'p', repr(CompareMeans.from_data(b, a).ttest_ind(usevar='unequal')[1]))
    n1, x1, n2, x2 = 44700, 8502, 45489, 8279
    p1, p2, pp = x1 / n1, x2 / n2, (x1 + x2) / (n1 + n2)
    z = (p2 - p1) / math.sqrt(pp * (1 - pp) * (1 / n1 + 1 / n2))
    print('retention_7 diff', repr(p2 - p1),
          'newcombe', confint_proportions_2indep(x2, n2, x1, n1, method='newcomb', compare='diff'),
          'katz ratio', confint_proportions_2indep(x2, n2, x1, n1, method='log', compare='ratio'),
          'pooled z p', repr(2 * norm.sf(abs(z))))
except ImportError as e:
    print('statsmodels/scipy missing:', e)

# --- the sample exports through the dashboard (examples/exports) ----------
E = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'examples', 'exports')
LANG = {('x', 'kpidemo'): 'en', ('x', 'kpidemo_fr'): 'fr', ('facebook', 'KPI Demo'): 'en',
        ('facebook', 'KPI Démo France'): 'fr', ('x', 'kpidemo_help'): 'en',
        ('x', 'kpidemo_aide'): 'fr', ('zendesk', 'Support EN'): 'en',
        ('zendesk', 'Support FR'): 'fr'}
def week(t):  # Monday of t's ISO week
    return (t.date() - dt.timedelta(days=t.weekday())).isoformat()
def erows(pattern):
    out = []
    for f in sorted(glob.glob(os.path.join(E, pattern))):
        out += list(csv.DictReader(open(f, newline='', encoding='utf-8')))
    return out
posts = collections.defaultdict(lambda: dict(n=0, imp=0, eng=0, clk=0))
for x in erows('tweet_activity_metrics_*.csv'):
    acct = x['Tweet permalink'].split('/')[3]
    k = (week(dt.datetime.strptime(x['time'], '%Y-%m-%d %H:%M %z')), 'x', LANG[('x', acct)])
    p = posts[k]; p['n'] += 1; p['imp'] += float(x['impressions'])
    p['eng'] += float(x['engagements']); p['clk'] += float(x['url clicks'])
for x in erows('facebook_post_performance_*.csv'):
    k = (week(dt.datetime.strptime(x['Date (GMT)'], '%Y-%m-%d %H:%M:%S')), 'facebook',
         LANG[('facebook', x['Facebook Page'])])
    p = posts[k]; p['n'] += 1; p['imp'] += int(x['Impressions'])
    p['eng'] += int(x['Engaged Users']); p['clk'] += int(x['Link Clicks'])
conv = collections.defaultdict(lambda: dict(n=0, answered=0, frt=[], bh=[], aht=[], res=0, cs=[], sla=0, nps=[]))
Z = lambda s: dt.datetime.strptime(s, '%Y-%m-%d %H:%M:%S')
nps = {x['Ticket ID']: int(x['Score']) for x in erows('nps_survey_*.csv') if x['Score'] != ''}
for x in erows('zendesk_tickets_*.csv'):
    c = conv[(week(Z(x['Created at'])), 'email', LANG[('zendesk', x['Group'])])]
    c['n'] += 1
    if x['Id'] in nps: c['nps'].append(nps[x['Id']])
    if x['First reply time in minutes within business hours'] != '':
        c['answered'] += 1; c['bh'].append(int(x['First reply time in minutes within business hours']) * 60)
    if x['Solved at'] != '1900-01-01 00:00:00':
        c['aht'].append((Z(x['Solved at']) - Z(x['Created at'])).total_seconds())
    c['res'] += x['Status'] in ('Solved', 'Closed')
    if x['Satisfaction Score'] not in ('', 'Offered'): c['cs'].append(int(x['Satisfaction Score']))
T = lambda s: dt.datetime.strptime(s, '%a %b %d %H:%M:%S %z %Y')
tw = erows('twcs_sample*.csv')
first = {}
for x in tw:
    if x['inbound'] == 'False' and x['in_response_to_tweet_id']:
        p = x['in_response_to_tweet_id']; t = T(x['created_at'])
        if p not in first or t < first[p][0]: first[p] = (t, x['author_id'])
for x in tw:
    if x['inbound'] != 'True': continue
    t = T(x['created_at'])
    if x['tweet_id'] in first: team = first[x['tweet_id']][1]
    else: team = x['text'][1:].split(' ')[0]
    c = conv[(week(t), 'x', LANG[('x', team)])]
    c['n'] += 1
    if x['tweet_id'] in first:
        d = (first[x['tweet_id']][0] - t).total_seconds()
        c['answered'] += 1; c['frt'].append(d); c['sla'] += d <= 3600
def q90(v):  # percentile_cont: linear between closest ranks
    return statistics.quantiles(v, n=10, method='inclusive')[8]
def f(v): return '{}' if v is None else repr(v)
print('dashboard (week platform language posts engagement_rate ctr conversations'
      ' response_rate frt_median_min frt_p90_min frt_bh_median_min aht_h'
      ' resolution_rate csat nps sla_1h):')
for k in sorted(set(posts) | set(conv)):
    p, c = posts.get(k), conv.get(k)
    vals = list(k)
    vals += [p['n'], p['eng'] / p['imp'], p['clk'] / p['imp']] if p else [None] * 3
    if c:
        vals += [c['n'], c['answered'] / c['n'],
                 statistics.median(c['frt']) / 60 if c['frt'] else None,
                 q90(c['frt']) / 60 if len(c['frt']) > 1 else None,
                 statistics.median(c['bh']) / 60 if c['bh'] else None,
                 statistics.fmean(c['aht']) / 3600 if c['aht'] else None,
                 c['res'] / c['n'] if k[1] == 'email' else None,
                 sum(1 for s in c['cs'] if s >= 4) / len(c['cs']) if c['cs'] else None,
                 100 * (sum(1 for s in c['nps'] if s >= 9) - sum(1 for s in c['nps'] if s <= 6))
                 / len(c['nps']) if c['nps'] else None,
                 c['sla'] / c['n'] if c['frt'] else None]
    else:
        vals += [None] * 10
    print('  ' + ' '.join(f(v) if not isinstance(v, str) else v for v in vals))
