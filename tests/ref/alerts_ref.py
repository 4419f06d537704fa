# alerts_ref.py: the statistics quoted in tests/alerts.test, recomputed
# with Python's statistics module (no kpi):
#   /usr/bin/python3 tests/ref/alerts_ref.py
import statistics as st
from statistics import NormalDist


def spike(others, x):
    """(x - median) / (1.4826 MAD), or 1.2533 * mean absolute deviation
    when MAD is 0 (SPEC 8)."""
    m = st.median(others)
    dev = [abs(v - m) for v in others]
    if st.median(dev):
        return (x - m) / (1.4826 * st.median(dev))
    if st.fmean(dev):
        return (x - m) / (1.2533 * st.fmean(dev))
    return None


def pooled_p(cn, cx, tn, tx):
    p = (cx + tx) / (cn + tn)
    z = (tx / tn - cx / cn) / (p * (1 - p) * (1 / cn + 1 / tn)) ** 0.5
    return z, 2 * NormalDist().cdf(-abs(z))


vol = [10, 12, 9, 11, 10, 13, 8, 11]
print('vol', spike(vol, 30), spike(vol, 13),
      [spike(vol[:w], vol[w]) for w in range(3, 8)])
print('vol with an empty week', spike([10, 10, 12, 10, 0, 11, 10, 9], 30),
      'trailing 3', spike([11, 10, 9], 30))
neg = [.1, .2, .1, .2, .1, .2, .1, .2]
print('neg', spike(neg, .6), spike(neg, .2),
      [spike(neg[:w], neg[w]) for w in range(3, 8)])
print('csat', pooled_p(40, 28, 10, 2), pooled_p(40, 28, 10, 5),
      pooled_p(40, 28, 10, 10))
en = [6, 7, 5, 6, 6, 7, 5, 6]
sh = [e / (e + 4) for e in en]
for e9, f9 in [(6, 16), (6, 5)]:
    x = e9 / (e9 + f9)
    print('share en', x, st.fmean(sh), st.stdev(sh),
          'z', (x - st.fmean(sh)) / st.stdev(sh))
print('badge', (6 * 600 + 5000) / 7, (18 * 600 + 5000) / 19,
      (6 * 1200 + 60) / 7, (5 * 1200 + 2 * 60) / 7)

# --- the sample exports: this week's planted alerts (examples/exports) ----
import csv, datetime as dt, glob, os
E = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..',
                 'examples', 'exports')
LANG = {'kpidemo_help': 'en', 'kpidemo_aide': 'fr',
        'Support EN': 'en', 'Support FR': 'fr'}


def rows(pattern):
    out = []
    for f in sorted(glob.glob(os.path.join(E, pattern))):
        out += list(csv.DictReader(open(f, newline='', encoding='utf-8')))
    return out


def monday(t):
    return (t.date() - dt.timedelta(days=t.weekday())).isoformat()


T = lambda s: dt.datetime.strptime(s, '%a %b %d %H:%M:%S %z %Y')
tw = rows('twcs_sample*.csv')
first = {}
for x in tw:
    if x['inbound'] == 'False' and x['in_response_to_tweet_id']:
        p, t = x['in_response_to_tweet_id'], T(x['created_at'])
        if p not in first or t < first[p][0]:
            first[p] = (t, x['author_id'])
senti = {(r['Conversation source'], r['Conversation ID']): float(r['Sentiment'])
         if r['Conversation source'] == 'twcs' else r['Sentiment']
         for r in rows('sentiment_labels.csv')}
week_n, week_neg, week_lab = {}, {}, {}
late = {}
for x in tw:
    if x['inbound'] != 'True':
        continue
    t = T(x['created_at'])
    team = first[x['tweet_id']][1] if x['tweet_id'] in first \
        else x['text'][1:].split(' ')[0]
    k = (monday(t), LANG[team])
    week_n[k] = week_n.get(k, 0) + 1
    s = senti.get(('twcs', x['tweet_id']))
    if s is not None:
        week_lab[k] = week_lab.get(k, 0) + 1
        week_neg[k] = week_neg.get(k, 0) + (s < -0.05)
    if t.date().isoformat() == '2025-04-30' and LANG[team] == 'fr':
        d = (first[x['tweet_id']][0] - t).total_seconds()
        late['n'] = late.get('n', 0) + 1
        late['late'] = late.get('late', 0) + (d > 3600)
weeks = sorted({w for w, _ in week_n})
for lang in ('en', 'fr'):
    n = [week_n.get((w, lang), 0) for w in weeks]
    neg = [week_neg[(w, lang)] / week_lab[(w, lang)] for w in weeks]
    print('sample x', lang, 'weeks', weeks[0], '..', weeks[-1], 'counts', n,
          'volume score', spike(n[-9:-1], n[-1]), 'median', st.median(n[-9:-1]),
          'negative share', neg[-1], 'score', spike(neg[-9:-1], neg[-1]),
          'median', st.median(neg[-9:-1]))
print('sample x fr 2025-04-30: late', late['late'], 'of', late['n'])
Z = lambda s: dt.datetime.strptime(s, '%Y-%m-%d %H:%M:%S')
zd = {}
for x in rows('zendesk_tickets_*.csv'):
    k = (monday(Z(x['Created at'])), LANG[x['Group']])
    sc = x['Satisfaction Score']
    if sc not in ('', 'Offered'):
        r, t2 = zd.get(k, (0, 0))
        zd[k] = (r + 1, t2 + (int(sc) >= 4))
last = '2025-04-28'
base = [w for w in weeks if '2025-03-31' <= w < last]
for lang in ('en', 'fr'):
    cn = sum(zd[(w, lang)][0] for w in base)
    cx = sum(zd[(w, lang)][1] for w in base)
    tn, tx = zd[(last, lang)]
    print('sample email', lang, 'csat', tx, 'of', tn, 'against', cx, 'of', cn,
          'z, p', pooled_p(cn, cx, tn, tx))
