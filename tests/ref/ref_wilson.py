# /usr/bin/python3 tests/ref/ref_wilson.py  (statsmodels 0.13.5)
from statsmodels.stats.proportion import proportion_confint
for x, n, lv in [(5,10,.95),(0,10,.95),(10,10,.95),(1,1,.95),(0,1,.95),
                 (81,263,.95),(1,10000,.95),(999,1000,.95),(3,40,.90),
                 (3,40,.99),(1314,10966,.95),(7,9,.5),(3,40,0.99999999999)]:
    lo, hi = proportion_confint(x, n, alpha=1 - lv, method='wilson')
    print(f"  {{{x} {n} {lv}}} {{{repr(x/n)} {repr(lo)} {repr(hi)}}}")
