# /usr/bin/python3 tests/ref/ref_size.py  (scipy 1.10.1): SPEC 5's formula by hand
from math import sqrt, ceil
from scipy.stats import norm
for p1, lift, alpha, power in [(0.02,0.25,.05,.8),(0.1,0.1,.05,.8),
        (0.5,-0.2,.05,.8),(0.12,0.05,.01,.9),(0.3,0.5,.1,.8),
        (0.0001,1.0,.05,.8),(0.9,0.1,.05,.95),(0.05,-0.5,.2,.5)]:
    p2 = p1 * (1 + lift); pb = (p1 + p2) / 2
    za = norm.ppf(1 - alpha / 2); zb = norm.ppf(power)
    n = (za * sqrt(2 * pb * (1 - pb)) + zb * sqrt(p1 * (1 - p1) + p2 * (1 - p2)))**2 / (p2 - p1)**2
    print(f"  {{{p1} {lift} {alpha} {power}}} {ceil(n)}   ;# {n!r}")
