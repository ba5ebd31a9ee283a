/*
 * Optimizer updates, computed in double per element as the reference backend (one rounding to float32
 * per stored value), so every backend's training trajectory stays close. Cheap: once per batch per
 * parameter.
 */
#include "common.h"

EXPORT(snn_adam)
void snn_adam(const float *p, const float *g, const float *m, const float *v, float *po, float *mo, float *vo,
              int n, double lr, double b1, double b2, double eps, double wd, double bias1, double bias2,
              int part, int parts) {
  int lo, hi;
  split_grain(n, 64, part, parts, &lo, &hi);
  for (int k = lo; k < hi; k++) {
    double gk = (double)g[k] + wd * (double)p[k];
    double mk = b1 * (double)m[k] + (1 - b1) * gk;
    double vk = b2 * (double)v[k] + (1 - b2) * gk * gk;
    mo[k] = (float)mk;
    vo[k] = (float)vk;
    po[k] = (float)((double)p[k] - (lr * (mk / bias1)) / (__builtin_sqrt(vk / bias2) + eps));
  }
}

EXPORT(snn_sgd)
void snn_sgd(const float *p, const float *g, const float *buf, float *po, float *bo, int n, double lr,
             double momentum, double dampening, int nesterov, double wd, int first, int part, int parts) {
  int lo, hi;
  split_grain(n, 64, part, parts, &lo, &hi);
  for (int k = lo; k < hi; k++) {
    double gk = (double)g[k] + wd * (double)p[k];
    if (momentum > 0) {
      double bk = first ? gk : momentum * (double)buf[k] + (1 - dampening) * gk;
      bo[k] = (float)bk;
      gk = nesterov ? gk + momentum * bk : bk;
    } else {
      bo[k] = buf[k];
    }
    po[k] = (float)((double)p[k] - lr * gk);
  }
}
