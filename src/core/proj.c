/* Transverse Mercator after C. F. F. Karney, "Transverse Mercator with an
 * accuracy of a few nanometers", J. Geodesy 85 (2011): Krüger's series in the
 * third flattening n to order n⁶, summed with Clenshaw's method on complex
 * arguments so each point costs one sine, one cosine and one exponential.
 * Complex numbers are spelled out as (re, im) pairs: glibc's csin/ccos handle
 * infinities and NaNs at a cost this hot loop does not need. */
#include "louyu/proj.h"

#include <math.h>
#include <pthread.h>

#define WGS84_A 6378137.0
#define WGS84_F (1.0 / 298.257223563)
#define DEG (M_PI / 180.0)

typedef struct {
    double e;                /* first eccentricity */
    double a1;               /* rectifying radius A */
    double alpha[7], beta[7]; /* 1-based */
} tm_consts;

static tm_consts K;
static pthread_once_t K_once = PTHREAD_ONCE_INIT;

static void init_consts(void)
{
    double f = WGS84_F, n = f / (2 - f);
    double n2 = n * n, n3 = n2 * n, n4 = n3 * n, n5 = n4 * n, n6 = n5 * n;
    K.e = sqrt(f * (2 - f));
    K.a1 = WGS84_A / (1 + n) * (1 + n2 / 4 + n4 / 64 + n6 / 256);
    K.alpha[1] = n / 2 - 2 * n2 / 3 + 5 * n3 / 16 + 41 * n4 / 180 - 127 * n5 / 288 +
                 7891 * n6 / 37800;
    K.alpha[2] = 13 * n2 / 48 - 3 * n3 / 5 + 557 * n4 / 1440 + 281 * n5 / 630 -
                 1983433 * n6 / 1935360;
    K.alpha[3] = 61 * n3 / 240 - 103 * n4 / 140 + 15061 * n5 / 26880 + 167603 * n6 / 181440;
    K.alpha[4] = 49561 * n4 / 161280 - 179 * n5 / 168 + 6601661 * n6 / 7257600;
    K.alpha[5] = 34729 * n5 / 80640 - 3418889 * n6 / 1995840;
    K.alpha[6] = 212378941 * n6 / 319334400;
    K.beta[1] = n / 2 - 2 * n2 / 3 + 37 * n3 / 96 - n4 / 360 - 81 * n5 / 512 + 96199 * n6 / 604800;
    K.beta[2] = n2 / 48 + n3 / 15 - 437 * n4 / 1440 + 46 * n5 / 105 - 1118711 * n6 / 3870720;
    K.beta[3] = 17 * n3 / 480 - 37 * n4 / 840 - 209 * n5 / 4480 + 5569 * n6 / 90720;
    K.beta[4] = 4397 * n4 / 161280 - 11 * n5 / 504 - 830251 * n6 / 7257600;
    K.beta[5] = 4583 * n5 / 161280 - 108847 * n6 / 3991680;
    K.beta[6] = 20648693 * n6 / 638668800;
}

/* sum_{j=1..6} c[j] sin(2 j z) for z = xi + i eta, by Clenshaw's recurrence:
 * b_j = c_j + 2 cos(2z) b_{j+1} - b_{j+2}, sum = sin(2z) b_1. */
static void clenshaw_sin(const double *c, double xi, double eta, double *re, double *im)
{
    double s = sin(2 * xi), co = cos(2 * xi);
    double ex = exp(2 * eta), sh = 0.5 * (ex - 1 / ex), ch = 0.5 * (ex + 1 / ex);
    /* sin(2z) = s ch + i co sh; cos(2z) = co ch - i s sh */
    double s2r = s * ch, s2i = co * sh, mr = 2 * co * ch, mi = -2 * s * sh;
    double b1r = 0, b1i = 0, b2r = 0, b2i = 0;
    for (int j = 6; j >= 1; j--) {
        double b0r = mr * b1r - mi * b1i - b2r + c[j];
        double b0i = mr * b1i + mi * b1r - b2i;
        b2r = b1r;
        b2i = b1i;
        b1r = b0r;
        b1i = b0i;
    }
    *re = s2r * b1r - s2i * b1i;
    *im = s2r * b1i + s2i * b1r;
}

/* Conformal latitude's tangent tau' from the geographic tau = tan(phi). */
static double taup(double tau)
{
    double tau1 = hypot(1.0, tau);
    double sig = sinh(K.e * atanh(K.e * tau / tau1));
    return hypot(1.0, sig) * tau - sig * tau1;
}

/* Inverts taup by Newton's method (converges in 2-3 steps). */
static double tau_from_taup(double tp)
{
    double tau = tp / (1 - K.e * K.e);
    for (int i = 0; i < 5; i++) {
        double tp1 = taup(tau);
        double dtau = (tp - tp1) / hypot(1.0, tp1) * (1 + (1 - K.e * K.e) * tau * tau) /
                      ((1 - K.e * K.e) * hypot(1.0, tau));
        tau += dtau;
        if (fabs(dtau) < 1e-14 * fmax(1.0, fabs(tau)))
            break;
    }
    return tau;
}

static void forward_raw(double lon_rel, double lat, double *x, double *y)
{
    double phi = lat * DEG, lam = lon_rel * DEG;
    double tp = taup(tan(phi)), cl = cos(lam);
    /* xi' and eta' on the sphere of conformal latitude */
    double xip = atan2(tp, cl);
    double etap = asinh(sin(lam) / hypot(tp, cl));
    double re, im;
    clenshaw_sin(K.alpha, xip, etap, &re, &im);
    *x = K.a1 * (etap + im);
    *y = K.a1 * (xip + re);
}

/* The constants, once per process: also for a projection that a scene cache brought
 * in (its ly_proj was not made by ly_proj_init in this process). */
static void need_consts(void)
{
    pthread_once(&K_once, init_consts);
}

void ly_proj_init(ly_proj *p, double lon0, double lat0)
{
    need_consts();
    p->lon0 = lon0;
    p->lat0 = lat0;
    double x;
    forward_raw(0, lat0, &x, &p->y0);
}

void ly_proj_forward(const ly_proj *p, double lon, double lat, double *x, double *y)
{
    need_consts();
    forward_raw(lon - p->lon0, lat, x, y);
    *y -= p->y0;
}

void ly_proj_forward_many(const ly_proj *p, const double *lonlat, size_t n, double *xy)
{
    need_consts();
    for (size_t i = 0; i < n; i++) {
        forward_raw(lonlat[2 * i] - p->lon0, lonlat[2 * i + 1], &xy[2 * i], &xy[2 * i + 1]);
        xy[2 * i + 1] -= p->y0;
    }
}

void ly_proj_inverse(const ly_proj *p, double x, double y, double *lon, double *lat)
{
    need_consts();
    double xi = (y + p->y0) / K.a1, eta = x / K.a1, re, im;
    clenshaw_sin(K.beta, xi, eta, &re, &im);
    double xip = xi - re, etap = eta - im;
    double s = sinh(etap), c = cos(xip);
    double tp = sin(xip) / hypot(s, c);
    double tau = tau_from_taup(tp);
    *lat = atan(tau) / DEG;
    *lon = p->lon0 + atan2(s, c) / DEG;
}
