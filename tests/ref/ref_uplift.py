# /usr/bin/python3 tests/ref/ref_uplift.py  (statsmodels 0.13.5, scipy 1.10.1)
# The references quoted in tests/stats.test; run from the repository root.
import warnings; warnings.simplefilter('ignore')
from statsmodels.stats.proportion import (confint_proportions_2indep,
    proportions_ztest, proportion_confint)
cases = [  # control_n control_x treatment_n treatment_x level
 (80,48,70,56,.95),(10,3,10,9,.95),(20,0,10,0,.95),(20,0,10,10,.95),
 (10966,1314,10997,1380,.95),(1000,100,1000,120,.90),(500,25,480,38,.99),
 (5,1,7,3,.95),(50,5,60,0,.95),(10,10,12,12,.95),(30,12,25,25,.95),
 (2000,300,2100,250,.95),(1000000,20000,1000000,20500,.95),(40,10,40,15,.5),
 (300,30,300,45,.999),(1,1,1,0,.95),(15,7,15,7,.95),(10000,1,10000,3,.95),
 (200,199,200,200,.95),(3,0,4,2,.95),(120,60,80,20,.95),(12345,678,23456,1500,.8),
 (1000,100,1000,130,0.99999999999),(100000,2000,100000,2150,0.9999)]
def g(v): return '{}' if v != v else repr(float(v))
for n0,x0,n1,x1,lv in cases:
    a = 1 - lv
    dlo, dhi = confint_proportions_2indep(x1, n1, x0, n0, method='newcomb',
                                          compare='diff', alpha=a)
    if x0 > 0 and x1 > 0:
        rlo, rhi = confint_proportions_2indep(x1, n1, x0, n0, method='log',
                                              compare='ratio', alpha=a)
        llo, lhi = rlo - 1, rhi - 1
    else:
        llo = lhi = float('nan')
    lift = (x1/n1)/(x0/n0) - 1 if x0 > 0 else float('nan')
    if 0 < x0 + x1 < n0 + n1:
        z, p = proportions_ztest([x1, x0], [n1, n0])
    else:
        p = float('nan')
    print(f"  {{{n0} {x0} {n1} {x1} {lv}}} {{{g(x1/n1 - x0/n0)} {g(dlo)} {g(dhi)} "
          f"{g(lift)} {g(llo)} {g(lhi)} {g(p)}}}")
