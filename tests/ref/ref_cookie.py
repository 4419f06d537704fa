# /usr/bin/python3 tests/ref/ref_cookie.py ../shared/data/real/ab_cookie_cats_excel_bom_crlf.csv  (statsmodels 0.13.5)
import csv, sys
import numpy as np
from statsmodels.stats.weightstats import DescrStatsW, CompareMeans, ttest_ind
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig')))
c = np.array([float(r['sum_gamerounds']) for r in rows if r['version'] == 'gate_30'])
t = np.array([float(r['sum_gamerounds']) for r in rows if r['version'] == 'gate_40'])
lo, hi = CompareMeans(DescrStatsW(t), DescrStatsW(c)).tconfint_diff(usevar='unequal')
ts, p, df = ttest_ind(t, c, usevar='unequal')
print(len(c), repr(c.mean()), repr(c.std(ddof=1)), len(t), repr(t.mean()), repr(t.std(ddof=1)),
      repr(t.mean() - c.mean()), repr(lo), repr(hi), repr(df), repr(p))
x0 = sum(r['retention_7'] == 'TRUE' for r in rows if r['version'] == 'gate_30')
x1 = sum(r['retention_7'] == 'TRUE' for r in rows if r['version'] == 'gate_40')
n0, n1 = len(c), len(t)
dlo, dhi = confint_proportions_2indep(x1, n1, x0, n0, method='newcomb', compare='diff')
rlo, rhi = confint_proportions_2indep(x1, n1, x0, n0, method='log', compare='ratio')
print(n0, x0, n1, x1, repr(x1/n1 - x0/n0), repr(dlo), repr(dhi), repr((x1/n1)/(x0/n0) - 1),
      repr(rlo - 1), repr(rhi - 1), repr(proportions_ztest([x1, x0], [n1, n0])[1]))
