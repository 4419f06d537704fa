# /usr/bin/python3 tests/ref/ref_trend.py  (numpy 1.24, scipy 1.10,
# statsmodels 0.13.5): the reference values of tests/trend.test.
# Its output is pasted into that file; the data sets are built there by the
# same formulas in SQL (integer arithmetic and exact float products, so
# both sides hold the same doubles).
from fractions import Fraction as F

import mpmath
import numpy as np
import statsmodels.api as sm
from scipy import stats

mpmath.mp.dps = 40


def t_isf(q, df):
    """Student's t upper quantile by mpmath (scipy 1.10's stdtrit is off by
    about 2e-9 relative, e.g. at df = 4, which an interval at 1e-9 shows;
    mpmath agrees with the closed form for df = 4)."""
    def sf(t):
        return mpmath.betainc(df / 2.0, 0.5, 0, df / (df + t * t),
                              regularized=True) / 2 - q
    return float(mpmath.findroot(sf, stats.t.isf(q, df)))


def g(v):
    return '{}' if v is None or (isinstance(v, float) and np.isnan(v)) \
        else repr(float(v))


# s1: a hand-made series (x, y)
s1x = [1, 2, 3, 4, 5, 6]
s1y = [2, 4.1, 5.9, 8.2, 9.9, 30]


# s2: i = 1..60, x = i + ((i*13) % 7) * 0.1, y = ((i*37) % 101) + 0.25*i
def s2(off=0.0):
    xs, ys = [], []
    for i in range(1, 61):
        xs.append(i + ((i * 13) % 7) * 0.1)
        ys.append(((i * 37) % 101) + 0.25 * i + off)
    return np.array(xs), np.array(ys)


def pg(x, y):
    """PostgreSQL's definitions (TR-2), by numpy and scipy."""
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    lr = stats.linregress(x, y)
    return [np.var(x, ddof=1), np.std(x, ddof=1), np.cov(y, x, ddof=1)[0, 1],
            np.corrcoef(y, x)[0, 1], lr.slope, lr.intercept, lr.rvalue ** 2]


def ols(x, y, level=0.95):
    r = sm.OLS(np.asarray(y, float), sm.add_constant(np.asarray(x, float))).fit()
    q = t_isf((1 - level) / 2, len(x) - 2)
    lo, hi = r.params[1] - q * r.bse[1], r.params[1] + q * r.bse[1]
    d = 'up' if lo > 0 else 'down' if hi < 0 else 'stable'
    return [r.params[1], lo, hi, len(x), r.rsquared, d]


def zscore(a):
    o = np.asarray(a[:-1], float)
    if len(o) < 3 or np.std(o, ddof=1) == 0:
        return None
    return (a[-1] - o.mean()) / np.std(o, ddof=1)


def spike(a):
    o = np.asarray(a[:-1], float)
    if len(o) < 3:
        return None
    med = np.median(o)
    mad = np.median(np.abs(o - med))
    if mad > 0:
        return (a[-1] - med) / (1.4826 * mad)
    mean_ad = np.mean(np.abs(o - med))
    if mean_ad > 0:
        return (a[-1] - med) / (1.2533 * mean_ad)
    return None


def exact_pg(x, y):
    """TR-2 in exact rational arithmetic on the doubles themselves, for data
    far from zero where a floating-point reference loses digits."""
    x = [F(v) for v in x]
    y = [F(v) for v in y]
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sl = sxy / sxx
    return [float(sxx / (n - 1)), float(sxx / (n - 1)) ** 0.5,
            float(sxy / (n - 1)), float(sxy) / (float(sxx) * float(syy)) ** 0.5,
            float(sl), float(my - sl * mx), float(sxy * sxy / (sxx * syy))]


def exact_zscore(a):
    o = [F(v) for v in a[:-1]]
    n = len(o)
    if n < 3:
        return None
    m = sum(o) / n
    var = sum((v - m) ** 2 for v in o) / (n - 1)
    if var == 0:
        return None
    return float(F(a[-1]) - m) / float(var) ** 0.5


def frames(a, k):
    return [a[max(0, i - k + 1):i + 1] for i in range(len(a))]


print('# s1: var stddev covar corr slope intercept r2')
print('set ref(s1) {' + ' '.join(g(v) for v in pg(s1x, s1y)) + '}')
print('set ref(s1.trend) {' + ' '.join(
    g(v) if not isinstance(v, str) else v for v in ols(s1x, s1y)) + '}')
print('set ref(s1.trend90) {' + ' '.join(
    g(v) if not isinstance(v, str) else v for v in ols(s1x, s1y, .9)) + '}')
print('set ref(s1.z) ' + g(zscore(s1y)))
print('set ref(s1.spike) ' + g(spike(s1y)))
x, y = s2()
print('set ref(s2) {' + ' '.join(g(v) for v in pg(x, y)) + '}')
print('set ref(s2.trend) {' + ' '.join(
    g(v) if not isinstance(v, str) else v for v in ols(x, y)) + '}')
xo, yo = s2(1e9)
print('set ref(s2big) {' + ' '.join(g(v) for v in exact_pg(xo + 1e9, yo))
      + '}')
# sliding frames of 8 rows over s2's y: zscore and spike_score per row
print('set ref(s2.z8) {' + ' '.join(g(zscore(f)) for f in frames(list(y), 8))
      + '}')
print('set ref(s2.spike8) {' + ' '.join(g(spike(f))
                                        for f in frames(list(y), 8)) + '}')
print('set ref(s2big.z8) {' + ' '.join(g(exact_zscore(f))
                                       for f in frames(list(yo), 8)) + '}')
# regr_slope over frames of 5 rows
sl = []
for i in range(60):
    lo = max(0, i - 4)
    fx, fy = x[lo:i + 1], y[lo:i + 1]
    sl.append(None if len(fx) < 2 else stats.linregress(fx, fy).slope)
print('set ref(s2.slope5) {' + ' '.join(g(v) for v in sl) + '}')
# s3: a flat series with one jump: MAD 0 then the mean-AD fallback
s3 = [5, 5, 5, 5, 5, 5, 9, 5, 5, 20]
print('set ref(s3.spike4) {' + ' '.join(g(spike(f)) for f in frames(s3, 5))
      + '}')
# s4: trend over dates, per day: weekly points 2025-01-06 + 7*i days
t4 = [7 * i for i in range(10)]
y4 = [100, 103, 101, 108, 110, 109, 115, 117, 116, 121]
print('set ref(s4.trend) {' + ' '.join(
    g(v) if not isinstance(v, str) else v for v in ols(t4, y4)) + '}')
y5 = [100, 99, 101, 100, 102, 98, 100, 101, 99, 100]
print('set ref(s5.trend) {' + ' '.join(
    g(v) if not isinstance(v, str) else v for v in ols(t4, y5)) + '}')
# s6: many ties and planted spikes, i = 1..80: (i*7) % 5 + 20 when i % 11 = 0
s6 = [(i * 7) % 5 + (20 if i % 11 == 0 else 0) for i in range(1, 81)]
for k in (10, 21, 40):
    print('set ref(s6.spike%d) {' % k + ' '.join(g(spike(f))
                                              for f in frames(s6, k)) + '}')
