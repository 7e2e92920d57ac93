// SPDX-License-Identifier: Apache-2.0
// Special functions for the distributions: the standard normal CDF and its inverse, and the
// regularised incomplete beta function and its inverse.
#pragma once

namespace urbanmine::uncertainty {

// Phi(x), the standard normal CDF.
double normal_cdf(double x);
// Phi^-1(p) for p in (0, 1): Acklam's rational approximation refined by one Halley step
// (relative error below 1e-14 over the range tested).
double normal_quantile(double p);
// I_x(a, b), the regularised incomplete beta function, for a, b > 0 and x in [0, 1]
// (continued fraction, modified Lentz).
double beta_cdf(double x, double a, double b);
// The x with I_x(a, b) = p, p in [0, 1] (bisection to 1e-14 in x).
double beta_quantile(double p, double a, double b);

}  // namespace urbanmine::uncertainty
