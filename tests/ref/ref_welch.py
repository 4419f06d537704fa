# /usr/bin/python3 tests/ref/ref_welch.py  (statsmodels 0.13.5)
import numpy as np
from statsmodels.stats.weightstats import DescrStatsW, CompareMeans, ttest_ind
sets = {
 'w1': ([12.1, 14.3, 9.8, 11.0, 13.5, 10.2],
        [15.2, 13.9, 17.1, 12.4, 16.0, 14.8, 18.3], .95),
 'w2': ([1e9 + 0.5, 1e9 + 1.5, 1e9 + 2.25, 1e9 + 0.75, 1e9 + 3.0],
        [1e9 + 2.5, 1e9 + 4.0, 1e9 + 3.25, 1e9 + 5.5], .95),
 'w3': ([1, 3], [2, 10], .90),
 'w4': ([5, 5, 5], [4, 6, 9], .95),
 'w5': ([-3.5, 120.25, 60, 7, 0.001, 42], [88, 90.5, 300, 12, 45], .99),
 'w6': ([(i * 37 % 101) / 7.0 for i in range(1, 201) if i % 3 != 0],
        [(i * 37 % 101) / 7.0 + 0.8 for i in range(1, 201) if i % 3 == 0], .95),
 'w7': ([(i * 7919 % 1000) / 10.0 for i in range(1, 150001)],
        [(i * 104729 % 997) / 10.0 + 0.3 for i in range(1, 140001)], .95),
}
def g(v): return repr(float(v))
for k, (c, t, lv) in sets.items():
    c = np.array(c, float); t = np.array(t, float)
    lo, hi = CompareMeans(DescrStatsW(t), DescrStatsW(c)).tconfint_diff(
        alpha=1 - lv, usevar='unequal')
    ts, p, df = ttest_ind(t, c, usevar='unequal')
    print(f"  {k} {{{len(c)} {g(c.mean())} {g(c.std(ddof=1))} {len(t)} "
          f"{g(t.mean())} {g(t.std(ddof=1))} {g(t.mean() - c.mean())} "
          f"{g(lo)} {g(hi)} {g(df)} {g(p)}}}")
