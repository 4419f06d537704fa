/*
** distrib.h: the normal and Student-t distributions to double precision,
** with nothing but libm (no SQLite in here, so it can be tested alone).
**
**   distrib_norm_sf(x)       P(Z > x), the upper tail of N(0, 1)
**   distrib_norm_isf(q)      x with P(Z > x) = q, 0 < q < 1
**   distrib_t_sf(t, df)      P(T > t) for Student's t with df > 0
**   distrib_t_isf(q, df)     t with P(T > t) = q, 0 < q < 1, df > 0
**
** Upper tails are taken as arguments and results, never 1 - p, so that
** small tail areas (p-values, 99.99 % intervals) keep every digit.
** Out-of-range arguments give NaN.
*/
#ifndef DISTRIB_H
#define DISTRIB_H

double distrib_norm_sf(double x);
double distrib_norm_isf(double q);
double distrib_t_sf(double t, double df);
double distrib_t_isf(double q, double df);

#endif /* DISTRIB_H */
