/* ly_proj against an independent reference: Snyder's transverse Mercator
 * series (USGS Professional Paper 1395, eqs. 8-9 and 8-10) and the meridian
 * arc, within 20 km of the centre; plus round trips. */
#include "check.h"
#include "louyu/district.h"
#include "louyu/geo.h"
#include "louyu/proj.h"

#include <stdint.h>
#include <string.h>

static const double A = 6378137.0, F = 1 / 298.257223563;

static double meridian_arc(double phi)
{
    double e2 = F * (2 - F), e4 = e2 * e2, e6 = e4 * e2;
    return A * ((1 - e2 / 4 - 3 * e4 / 64 - 5 * e6 / 256) * phi -
                (3 * e2 / 8 + 3 * e4 / 32 + 45 * e6 / 1024) * sin(2 * phi) +
                (15 * e4 / 256 + 45 * e6 / 1024) * sin(4 * phi) - (35 * e6 / 3072) * sin(6 * phi));
}

static void snyder(double lon0, double lat0, double lon, double lat, double *x, double *y)
{
    double e2 = F * (2 - F), ep2 = e2 / (1 - e2);
    double phi = lat * M_PI / 180, dl = (lon - lon0) * M_PI / 180;
    double N = A / sqrt(1 - e2 * sin(phi) * sin(phi));
    double T = tan(phi) * tan(phi), C = ep2 * cos(phi) * cos(phi), Aa = dl * cos(phi);
    *x = N * (Aa + (1 - T + C) * pow(Aa, 3) / 6 +
              (5 - 18 * T + T * T + 72 * C - 58 * ep2) * pow(Aa, 5) / 120);
    *y = meridian_arc(phi) - meridian_arc(lat0 * M_PI / 180) +
         N * tan(phi) *
             (Aa * Aa / 2 + (5 - T + 9 * C + 4 * C * C) * pow(Aa, 4) / 24 +
              (61 - 58 * T + T * T + 600 * C - 330 * ep2) * pow(Aa, 6) / 720);
}

static uint64_t rng = 88172645463325252ull;
static double rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (double)(rng >> 11) / 9007199254740992.0;
}

static void check_centre(double lon0, double lat0)
{
    ly_proj p;
    ly_proj_init(&p, lon0, lat0);
    double x, y;
    ly_proj_forward(&p, lon0, lat0, &x, &y);
    CHECK_NEAR(x, 0, 1e-9);
    CHECK_NEAR(y, 0, 1e-9);
    double worst = 0, worst_rt = 0;
    for (int i = 0; i < 2000; i++) {
        /* a random point within 20 km: 20 km is about 0.18 degrees of latitude */
        double r = 20000 * sqrt(rnd()), a = 2 * M_PI * rnd();
        double dlat = r * sin(a) / 110574.0, dlon = r * cos(a) / (111320.0 * cos(lat0 * M_PI / 180));
        double lon = lon0 + dlon, lat = lat0 + dlat, sx, sy, lon2, lat2;
        ly_proj_forward(&p, lon, lat, &x, &y);
        snyder(lon0, lat0, lon, lat, &sx, &sy);
        worst = fmax(worst, hypot(x - sx, y - sy));
        ly_proj_inverse(&p, x, y, &lon2, &lat2);
        double back = hypot((lon2 - lon) * 111320.0 * cos(lat * M_PI / 180), (lat2 - lat) * 110574.0);
        worst_rt = fmax(worst_rt, back);
    }
    if (worst >= 0.01 || worst_rt >= 1e-6)
        fprintf(stderr, "centre %g,%g: worst %.3g m vs Snyder, round trip %.3g m\n", lon0, lat0,
                worst, worst_rt);
    CHECK(worst < 0.01);    /* under 1 cm within 20 km */
    CHECK(worst_rt < 1e-6); /* inverse returns to the same point within a micrometre */

    /* On the central meridian, northing is the meridian arc length. */
    ly_proj_forward(&p, lon0, lat0 + 0.15, &x, &y);
    CHECK_NEAR(x, 0, 1e-9);
    CHECK_NEAR(y, meridian_arc((lat0 + 0.15) * M_PI / 180) - meridian_arc(lat0 * M_PI / 180),
               1e-4);
}

/* A district across 180° (two towers either side of it, in Fiji) is projected about its
 * own centre, not 0° (its extent runs from -180° to 180°): its plane is metres wide, and a
 * glTF export's origin is at 180°. */
static void across_antimeridian(void)
{
    const char *text =
        "{\"type\":\"FeatureCollection\",\"features\":["
        "{\"type\":\"Feature\",\"id\":\"w\",\"properties\":{\"height_m\":30},\"geometry\":"
        "{\"type\":\"Polygon\",\"coordinates\":[[[179.999,-16.5],[179.9995,-16.5],"
        "[179.9995,-16.4995],[179.999,-16.4995],[179.999,-16.5]]]}},"
        "{\"type\":\"Feature\",\"id\":\"e\",\"properties\":{\"height_m\":30},\"geometry\":"
        "{\"type\":\"Polygon\",\"coordinates\":[[[-179.9995,-16.5],[-179.999,-16.5],"
        "[-179.999,-16.4995],[-179.9995,-16.4995],[-179.9995,-16.5]]]}}]}";
    ly_diag_list diags;
    ly_diag_list_init(&diags, "fiji.geojson");
    ly_district d;
    CHECK(ly_district_load_mem(&d, text, strlen(text), "fiji.geojson", NULL, &diags) ==
          LY_LOAD_OK);
    ly_geo geo;
    CHECK(ly_geo_init(&geo, &d) == 0);
    CHECK_NEAR(fabs(geo.proj.lon0), 180, 1e-6);
    CHECK(geo.max[0] - geo.min[0] < 300 && geo.max[0] - geo.min[0] > 200); /* 0.002° is 213 m */
    CHECK(geo.max[1] - geo.min[1] < 100);
    ly_geo_deinit(&geo);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
}

int main(void)
{
    across_antimeridian();
    check_centre(120.3665, 36.0625); /* Zhanshan */
    check_centre(-122.45, 37.77);    /* San Francisco */
    check_centre(0, 0);
    check_centre(25, -60);
    /* One degree of longitude at the equator, on the ellipsoid's equator: a * pi / 180 * k. */
    ly_proj p;
    ly_proj_init(&p, 0, 0);
    double x, y;
    ly_proj_forward(&p, 0.01, 0, &x, &y);
    CHECK_NEAR(x, A * 0.01 * M_PI / 180, 1e-3);
    CHECK_NEAR(y, 0, 1e-9);
    /* many == one by one */
    double ll[4] = {120.36, 36.06, 120.37, 36.07}, xy[4];
    ly_proj_init(&p, 120.3665, 36.0625);
    ly_proj_forward_many(&p, ll, 2, xy);
    ly_proj_forward(&p, 120.37, 36.07, &x, &y);
    CHECK_NEAR(xy[2], x, 0);
    CHECK_NEAR(xy[3], y, 0);
    return check_report();
}
