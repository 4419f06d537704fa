# Rscript tests/ref/ref_size.R (R 4.2.2)
cases <- list(c(0.02,0.25,.05,.8), c(0.1,0.1,.05,.8), c(0.5,-0.2,.05,.8),
  c(0.12,0.05,.01,.9), c(0.3,0.5,.1,.8), c(0.0001,1,.05,.8),
  c(0.9,0.1,.05,.95), c(0.05,-0.5,.2,.5))
for (k in cases) {
  r <- power.prop.test(p1 = k[1], p2 = k[1] * (1 + k[2]), sig.level = k[3],
                       power = k[4], tol = 1e-10)
  cat(ceiling(r$n), sprintf("%.10f", r$n), "\n")
}
