/* ly_camera: fitted views (home, top, frame) checked by projecting box
 * corners at several aspects; cursor-anchored pan and zoom checked by
 * projecting a ground point before and after; fly-to, fling and heading
 * wrap; and 10,000 random operations with extreme and non-finite arguments
 * that must keep every limit and never produce NaN. */
#include "check.h"
#include "louyu/camera.h"

#include <float.h>
#include <stdint.h>

#define PI 3.14159265358979323846
#define DEG (PI / 180.0)

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static double frand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (double)(rng >> 11) / 9007199254740992.0;
}
static double urand(double lo, double hi)
{
    return lo + (hi - lo) * frand();
}

/* A district of 1.2 km x 0.9 km with towers up to 240 m. */
static const float DMIN[3] = {-600, -450, 0}, DMAX[3] = {600, 450, 240};

static const int ASPECTS[][2] = {{1280, 720}, {1024, 768}, {720, 1280}, {2560, 1080}, {800, 800}};
enum { N_ASPECTS = sizeof ASPECTS / sizeof ASPECTS[0] };

/* Clip coordinates of p under m, in double from the float matrix. */
static void clip_of(const float m[16], const double p[3], double out[4])
{
    for (int r = 0; r < 4; r++)
        out[r] = m[r] * p[0] + m[4 + r] * p[1] + m[8 + r] * p[2] + m[12 + r];
}

/* Pixel position of p; false if it is behind the eye. */
static bool project(const ly_camera_matrices *m, int w, int h, const double p[3], double *sx,
                    double *sy)
{
    double c[4];
    clip_of(m->view_proj, p, c);
    if (c[3] <= 0)
        return false;
    *sx = (c[0] / c[3] + 1) * 0.5 * w;
    *sy = (1 - c[1] / c[3]) * 0.5 * h;
    return true;
}

/* Inside the view frustum (between near and far, |x|, |y| <= w). */
static bool in_view(const ly_camera_matrices *m, const double p[3])
{
    double c[4];
    clip_of(m->view_proj, p, c);
    return c[3] > 0 && fabs(c[0]) <= c[3] && fabs(c[1]) <= c[3] && fabs(c[2]) <= c[3];
}

static int corners_in_view(const ly_camera_matrices *m, const float lo[3], const float hi[3])
{
    int n = 0;
    for (int i = 0; i < 8; i++) {
        double p[3] = {i & 1 ? hi[0] : lo[0], i & 2 ? hi[1] : lo[1], i & 4 ? hi[2] : lo[2]};
        n += in_view(m, p);
    }
    return n;
}

/* The largest |ndc x| or |ndc y| over the box corners: how much of the
 * screen the box uses. */
static double box_extent(const ly_camera_matrices *m, const float lo[3], const float hi[3])
{
    double e = 0;
    for (int i = 0; i < 8; i++) {
        double p[3] = {i & 1 ? hi[0] : lo[0], i & 2 ? hi[1] : lo[1], i & 4 ? hi[2] : lo[2]};
        double c[4];
        clip_of(m->view_proj, p, c);
        e = fmax(e, fmax(fabs(c[0]), fabs(c[1])) / c[3]);
    }
    return e;
}

static void eye_of(const ly_camera_pose *p, double e[3])
{
    double cp = cos(p->pitch);
    e[0] = p->target[0] - p->distance * sin(p->heading) * cp;
    e[1] = p->target[1] - p->distance * cos(p->heading) * cp;
    e[2] = p->target[2] + p->distance * sin(p->pitch);
}

static void test_home(void)
{
    ly_camera c;
    ly_camera_init(&c, DMIN, DMAX);
    ly_camera_pose h = ly_camera_home_pose(&c);
    CHECK_NEAR(c.pose.distance, h.distance, 0);
    CHECK_NEAR(h.heading, 20 * DEG, 1e-12);
    CHECK_NEAR(h.pitch, 38 * DEG, 1e-12);
    CHECK_NEAR(h.target[0], 0, 1e-9);
    CHECK_NEAR(h.target[1], 0, 1e-9);
    CHECK_NEAR(h.target[2], 0, 1e-9);
    CHECK_NEAR(c.fov_y, 40 * DEG, 1e-12);
    CHECK_NEAR(c.min_distance, 20, 0);
    CHECK(c.max_distance >= 3 * hypot(1200, 900));
    CHECK(c.max_distance >= 500);

    /* From the south-south-west: south of the target, and more south than west. */
    double e[3];
    eye_of(&h, e);
    CHECK(e[0] < 0 && e[1] < 0 && fabs(e[1]) > 2 * fabs(e[0]));

    /* The whole box in view at every aspect, and not lost in the middle of it. */
    for (int a = 0; a < N_ASPECTS; a++) {
        ly_camera_matrices m;
        ly_camera_get_matrices(&c, ASPECTS[a][0], ASPECTS[a][1], &m);
        CHECK_INT(corners_in_view(&m, DMIN, DMAX), 8);
        double ext = box_extent(&m, DMIN, DMAX);
        CHECK(ext <= 0.95);
        CHECK(ext >= 0.5);
        CHECK_NEAR(m.eye[0], e[0], 1e-3 * h.distance);
        CHECK_NEAR(m.eye[2], e[2], 1e-3 * h.distance);
    }

    /* A one-building district and a very tall slim one still fit. */
    const float tmin[3] = {0, 0, 0}, tmax[3] = {30, 40, 600};
    ly_camera_init(&c, tmin, tmax);
    for (int a = 0; a < N_ASPECTS; a++) {
        ly_camera_matrices m;
        ly_camera_get_matrices(&c, ASPECTS[a][0], ASPECTS[a][1], &m);
        CHECK_INT(corners_in_view(&m, tmin, tmax), 8);
        ly_camera_set_pose(&c, ly_camera_top_pose(&c));
        ly_camera_get_matrices(&c, ASPECTS[a][0], ASPECTS[a][1], &m);
        CHECK_INT(corners_in_view(&m, tmin, tmax), 8);
        ly_camera_set_pose(&c, ly_camera_home_pose(&c));
    }
}

static void test_top(void)
{
    ly_camera c;
    ly_camera_init(&c, DMIN, DMAX);
    ly_camera_pose t = ly_camera_top_pose(&c);
    CHECK_NEAR(t.pitch, PI / 2, 1e-12);
    CHECK_NEAR(t.heading, 0, 0);
    ly_camera_set_pose(&c, t);
    for (int a = 0; a < N_ASPECTS; a++) {
        int w = ASPECTS[a][0], h = ASPECTS[a][1];
        ly_camera_matrices m;
        ly_camera_get_matrices(&c, w, h, &m);
        /* Straight down: the eye right above the target. */
        CHECK_NEAR(m.eye[0], c.pose.target[0], 1e-3);
        CHECK_NEAR(m.eye[1], c.pose.target[1], 1e-3);
        CHECK_NEAR(m.eye[2], c.pose.target[2] + c.pose.distance, 1e-3);
        CHECK_INT(corners_in_view(&m, DMIN, DMAX), 8);
        /* North up, east right, the target in the middle. */
        double sx = 0, sy = 0, n[3] = {0, 100, 0}, ea[3] = {100, 0, 0}, o[3] = {0, 0, 0};
        CHECK(project(&m, w, h, o, &sx, &sy));
        CHECK_NEAR(sx, 0.5 * w, 0.01);
        CHECK_NEAR(sy, 0.5 * h, 0.01);
        CHECK(project(&m, w, h, n, &sx, &sy));
        CHECK_NEAR(sx, 0.5 * w, 0.01);
        CHECK(sy < 0.5 * h - 1);
        CHECK(project(&m, w, h, ea, &sx, &sy));
        CHECK(sx > 0.5 * w + 1);
        CHECK_NEAR(sy, 0.5 * h, 0.01);
    }
}

static void test_frame(void)
{
    ly_camera c;
    ly_camera_init(&c, DMIN, DMAX);
    const float bmin[3] = {120, -80, 0}, bmax[3] = {160, -50, 180};
    double centre[3] = {140, -65, 90};
    for (int hd = 0; hd < 8; hd++) {
        double heading = hd * 45 * DEG + 0.1;
        for (int a = 0; a < N_ASPECTS; a++) {
            int w = ASPECTS[a][0], h = ASPECTS[a][1];
            ly_camera_pose p = ly_camera_frame_pose(&c, bmin, bmax, heading, (double)w / h);
            CHECK_NEAR(p.heading, heading, 1e-12);
            CHECK_NEAR(p.pitch, 30 * DEG, 1e-12);
            ly_camera_set_pose(&c, p);
            ly_camera_matrices m;
            ly_camera_get_matrices(&c, w, h, &m);
            double sx = 0, sy = 0;
            CHECK(project(&m, w, h, centre, &sx, &sy));
            CHECK_NEAR(sx, 0.5 * w, 1);
            CHECK_NEAR(sy, 0.5 * h, 1);
            CHECK_INT(corners_in_view(&m, bmin, bmax), 8);
            /* Big on screen: at least half the way to the shorter side's edge. */
            double ext = box_extent(&m, bmin, bmax);
            CHECK(ext > 0.3 && ext < 0.95);
        }
    }
    /* A tiny box is framed from no closer than the minimum distance. */
    const float smin[3] = {0, 0, 0}, smax[3] = {1, 1, 1};
    ly_camera_pose p = ly_camera_frame_pose(&c, smin, smax, 0, 1.5);
    CHECK_NEAR(p.distance, c.min_distance, 1e-9);
    /* No box: the data box. */
    p = ly_camera_frame_pose(&c, NULL, NULL, 0, 1.5);
    CHECK_NEAR(p.target[0], 0, 1e-9);
    CHECK_NEAR(p.target[2], 120, 1e-9);
}

/* A grab on the ground at (x0, y0) dragged to (x1, y1) leaves that point
 * under (x1, y1). */
/* Fitting points into a part of the window: every point lands inside the rectangle,
 * and the fit is tight (a point touches its left or right edge, and one its top or
 * bottom edge, or the view cannot come closer). */
static void test_fit_points(void)
{
    ly_camera c;
    ly_camera_init(&c, DMIN, DMAX);
    float pts[64][3];
    for (int trial = 0; trial < 40; trial++) {
        int n = 2 + (int)urand(0, 60);
        for (int i = 0; i < n; i++) {
            pts[i][0] = (float)urand(-500, 500);
            pts[i][1] = (float)urand(-400, 400);
            pts[i][2] = (float)urand(0, 200);
        }
        const int *wh = ASPECTS[trial % 5];
        int w = wh[0], h = wh[1];
        /* the part of the window the panels leave free (a view whose target would
         * have to leave the data's surroundings is clamped: not what is tested here) */
        float rect[4] = {(float)urand(0, 0.25 * w), (float)urand(0, 0.15 * h), 0, 0};
        rect[2] = rect[0] + (float)urand(0.6 * w, w - rect[0]);
        rect[3] = rect[1] + (float)urand(0.7 * h, h - rect[1]);
        double heading = urand(0, 6.28), pitch = urand(0.5, 1.3);
        ly_camera_pose p = ly_camera_fit_points(&c, (const float(*)[3])pts, (size_t)n, heading,
                                                pitch, w, h, rect);
        ly_camera_set_pose(&c, p);
        ly_camera_matrices m;
        ly_camera_get_matrices(&c, w, h, &m);
        double gap_x = 1e9, gap_y = 1e9;
        bool inside = true;
        for (int i = 0; i < n; i++) {
            double q[3] = {pts[i][0], pts[i][1], pts[i][2]}, sx, sy;
            if (!project(&m, w, h, q, &sx, &sy)) {
                inside = false;
                continue;
            }
            inside &= sx >= rect[0] - 0.5 && sx <= rect[2] + 0.5 && sy >= rect[1] - 0.5 &&
                      sy <= rect[3] + 0.5;
            gap_x = fmin(gap_x, fmin(sx - rect[0], rect[2] - sx));
            gap_y = fmin(gap_y, fmin(sy - rect[1], rect[3] - sy));
        }
        CHECK(inside);
        /* tight on one axis (the other is centred) */
        CHECK(fmin(gap_x, gap_y) < 1.0);
    }
    /* a long, thin district (two towers 90 km apart on one parallel): both in the
     * rectangle at the home heading and pitch, the view's axis off the row */
    {
        ly_camera strip;
        const float smin[3] = {-45000, -500, 0}, smax[3] = {45000, 500, 40};
        ly_camera_init(&strip, smin, smax);
        float two[16][3];
        for (int i = 0; i < 16; i++) {
            two[i][0] = (i & 8 ? 44000 : -45000) + (i & 1 ? 1000 : 0);
            two[i][1] = i & 2 ? 500 : -500;
            two[i][2] = i & 4 ? 40 : 0;
        }
        const float rect[4] = {250, 80, 780, 440};
        ly_camera_pose p = ly_camera_fit_points(&strip, (const float(*)[3])two, 16,
                                                20 * DEG, 38 * DEG, 800, 500, rect);
        ly_camera_set_pose(&strip, p);
        ly_camera_matrices m;
        ly_camera_get_matrices(&strip, 800, 500, &m);
        int in = 0;
        for (int i = 0; i < 16; i++) {
            double q[3] = {two[i][0], two[i][1], two[i][2]}, sx, sy;
            in += project(&m, 800, 500, q, &sx, &sy) && sx >= rect[0] - 0.5 &&
                  sx <= rect[2] + 0.5 && sy >= rect[1] - 0.5 && sy <= rect[3] + 0.5;
        }
        CHECK_INT(in, 16);
    }
    /* nothing to fit: the home view */
    ly_camera_pose home = ly_camera_home_pose(&c), none =
        ly_camera_fit_points(&c, NULL, 0, 0, 1, 800, 600, (float[4]){0, 0, 800, 600});
    CHECK_NEAR(none.distance, home.distance, 1e-9);
}

static void test_pan(void)
{
    ly_camera c;
    ly_camera_init(&c, DMIN, DMAX);
    int tried = 0, good = 0;
    double worst = 0;
    for (int i = 0; i < 400; i++) {
        const int *wh = ASPECTS[i % N_ASPECTS];
        int w = wh[0], h = wh[1];
        ly_camera_pose p = {{urand(-300, 300), urand(-200, 200), 0},
                            urand(100, 1500),
                            urand(0, 2 * PI),
                            urand(10 * DEG, 90 * DEG)};
        ly_camera_set_pose(&c, p);
        ly_camera_matrices m;
        ly_camera_get_matrices(&c, w, h, &m);
        /* A ground point near the target, on screen and well below the horizon. */
        double g[3] = {p.target[0] + urand(-150, 150), p.target[1] + urand(-150, 150), 0};
        double x0, y0;
        if (!project(&m, w, h, g, &x0, &y0) || x0 < 0 || x0 > w || y0 < 0.3 * h || y0 > h)
            continue;
        double x1 = x0 + urand(-0.2, 0.2) * w, y1 = y0 + urand(-0.15, 0.15) * h;
        if (y1 < 0.3 * h || y1 > h)
            continue;
        ly_camera_pan(&c, w, h, x0, y0, x1, y1);
        /* A pan that ran into the target's box is not exact by design. */
        if (fabs(c.pose.target[0]) >= 900 || fabs(c.pose.target[1]) >= 675)
            continue;
        tried++;
        ly_camera_get_matrices(&c, w, h, &m);
        double sx, sy;
        if (project(&m, w, h, g, &sx, &sy)) {
            double err = hypot(sx - x1, sy - y1);
            worst = fmax(worst, err);
            good += err <= 0.5;
        }
        /* Only the target moved, along the ground. */
        CHECK_NEAR(c.pose.distance, p.distance, 1e-9);
        CHECK_NEAR(c.pose.target[2], p.target[2], 1e-9);
    }
    CHECK(tried > 100);
    CHECK_INT(good, tried);
    if (good != tried)
        fprintf(stderr, "pan: worst error %.3f px\n", worst);

    /* Dragging right moves the map right: the target goes west when looking north. */
    ly_camera_set_pose(&c, (ly_camera_pose){{0, 0, 0}, 500, 0, 45 * DEG});
    ly_camera_pan(&c, 1280, 720, 640, 500, 740, 500);
    CHECK(c.pose.target[0] < -1);
    CHECK_NEAR(c.pose.target[1], 0, 1e-6);

    /* A drag from the sky moves far but stays finite and in the limits. */
    ly_camera_set_pose(&c, (ly_camera_pose){{0, 0, 0}, 300, 0, 8 * DEG});
    ly_camera_pan(&c, 1280, 720, 640, 10, 640, 700);
    CHECK(isfinite(c.pose.target[0]) && isfinite(c.pose.target[1]));
    CHECK(c.pose.target[1] <= 450 + 300 + 1e-9);
}

static void test_zoom(void)
{
    ly_camera c;
    ly_camera_init(&c, DMIN, DMAX);
    int tried = 0, good = 0;
    double worst = 0;
    for (int i = 0; i < 400; i++) {
        const int *wh = ASPECTS[i % N_ASPECTS];
        int w = wh[0], h = wh[1];
        ly_camera_pose p = {{urand(-200, 200), urand(-150, 150), 0},
                            urand(200, 1500),
                            urand(0, 2 * PI),
                            urand(15 * DEG, 90 * DEG)};
        ly_camera_set_pose(&c, p);
        ly_camera_matrices m;
        ly_camera_get_matrices(&c, w, h, &m);
        double g[3] = {p.target[0] + urand(-200, 200), p.target[1] + urand(-200, 200), 0};
        double sx, sy;
        if (!project(&m, w, h, g, &sx, &sy) || sx < 0 || sx > w || sy < 0.35 * h || sy > h)
            continue;
        double factor = i % 2 ? urand(1.05, 2.0) : urand(0.6, 0.95);
        tried++;
        ly_camera_zoom_at(&c, w, h, sx, sy, factor);
        CHECK_NEAR(c.pose.distance, p.distance / factor, 1e-9 * p.distance);
        ly_camera_get_matrices(&c, w, h, &m);
        double ax, ay;
        if (project(&m, w, h, g, &ax, &ay)) {
            double err = hypot(ax - sx, ay - sy);
            worst = fmax(worst, err);
            good += err <= 0.5;
        }
    }
    CHECK(tried > 100);
    CHECK_INT(good, tried);
    if (good != tried)
        fprintf(stderr, "zoom: worst error %.3f px\n", worst);

    /* Zooming at the centre keeps the target; at the limit nothing drifts. */
    ly_camera_set_pose(&c, (ly_camera_pose){{10, 20, 0}, 400, 1, 50 * DEG});
    ly_camera_zoom_at(&c, 1280, 720, 640, 360, 2);
    CHECK_NEAR(c.pose.target[0], 10, 1e-6);
    CHECK_NEAR(c.pose.target[1], 20, 1e-6);
    CHECK_NEAR(c.pose.distance, 200, 1e-9);
    ly_camera_zoom_at(&c, 1280, 720, 100, 600, 1e300);
    CHECK_NEAR(c.pose.distance, c.min_distance, 0);
    ly_camera_pose before = c.pose;
    ly_camera_zoom_at(&c, 1280, 720, 100, 600, 3);
    CHECK_NEAR(c.pose.target[0], before.target[0], 1e-9);
    CHECK_NEAR(c.pose.target[1], before.target[1], 1e-9);
    ly_camera_zoom_at(&c, 1280, 720, 100, 600, 1e-300);
    CHECK_NEAR(c.pose.distance, c.max_distance, 0);
    /* No viewport: zoom about the target. */
    ly_camera_set_pose(&c, (ly_camera_pose){{10, 20, 0}, 400, 1, 50 * DEG});
    ly_camera_zoom_at(&c, 0, 0, 100, 100, 4);
    CHECK_NEAR(c.pose.distance, 100, 1e-9);
    CHECK_NEAR(c.pose.target[0], 10, 0);
}

/* Zooming toward a point up on a tower: the point stays under the cursor, and
 * the eye stops min_distance short of it along the ray, never reaching it. */
static void test_zoom_toward(void)
{
    ly_camera c;
    ly_camera_init(&c, DMIN, DMAX);
    int tried = 0, good = 0, stopped = 0, clamped = 0;
    double worst = 0;
    for (int i = 0; i < 400; i++) {
        const int *wh = ASPECTS[i % N_ASPECTS];
        int w = wh[0], h = wh[1];
        ly_camera_pose p = {{urand(-200, 200), urand(-150, 150), 0},
                            urand(200, 1500),
                            urand(0, 2 * PI),
                            urand(15 * DEG, 90 * DEG)};
        ly_camera_set_pose(&c, p);
        p = c.pose;
        ly_camera_matrices m;
        ly_camera_get_matrices(&c, w, h, &m);
        double e[3];
        eye_of(&p, e);
        double g[3] = {p.target[0] + urand(-200, 200), p.target[1] + urand(-200, 200),
                       urand(10, fmin(230, 0.9 * e[2]))};
        double sx, sy;
        if (!project(&m, w, h, g, &sx, &sy) || sx < 0 || sx > w || sy < 0 || sy > h)
            continue;
        tried++;
        const float anchor[3] = {(float)g[0], (float)g[1], (float)g[2]};
        /* many steps in a row, as a wheel turned on and on */
        bool ok = true;
        for (int k = 0; k < 25; k++) {
            ly_camera_zoom_toward(&c, w, h, sx, sy, 1.18, anchor);
            ly_camera_get_matrices(&c, w, h, &m);
            double ax, ay;
            if (!project(&m, w, h, g, &ax, &ay)) {
                ok = false;
                break;
            }
            /* the target may not leave the data's box grown by a quarter of its
             * longer side (x within ±900, y within ±750 here): there the map stops,
             * as it does for a pan, and the point may slip */
            if (fabs(c.pose.target[0]) > 899.99 || fabs(c.pose.target[1]) > 749.99) {
                clamped++;
                break;
            }
            worst = fmax(worst, hypot(ax - sx, ay - sy));
            ok &= hypot(ax - sx, ay - sy) <= 0.5;
            eye_of(&c.pose, e);
            double gap = sqrt((e[0] - g[0]) * (e[0] - g[0]) + (e[1] - g[1]) * (e[1] - g[1]) +
                              (e[2] - g[2]) * (e[2] - g[2]));
            ok &= gap >= 0.999 * c.min_distance;
            ok &= e[2] > g[2];
        }
        good += ok;
        ly_camera_pose q = c.pose;
        ly_camera_zoom_toward(&c, w, h, sx, sy, 1.18, anchor);
        stopped += fabs(c.pose.distance - q.distance) < 1e-6 * q.distance;
    }
    CHECK(tried > 100);
    CHECK_INT(good, tried);
    CHECK(stopped > tried / 2); /* 25 steps of 1.18 reach most points */
    CHECK(clamped < tried / 20);
    if (good != tried)
        fprintf(stderr, "zoom toward: worst error %.3f px\n", worst);

    /* an anchor on the ground, above the eye or NULL: as ly_camera_zoom_at */
    ly_camera d;
    ly_camera_init(&d, DMIN, DMAX);
    const float ground[3] = {30, 40, 0}, high[3] = {30, 40, 1e6f};
    const float *anchors[3] = {ground, high, NULL};
    for (int k = 0; k < 3; k++) {
        ly_camera_set_pose(&c, (ly_camera_pose){{10, 20, 0}, 400, 1, 50 * DEG});
        ly_camera_set_pose(&d, (ly_camera_pose){{10, 20, 0}, 400, 1, 50 * DEG});
        ly_camera_zoom_toward(&c, 1280, 720, 300, 500, 1.5, anchors[k]);
        ly_camera_zoom_at(&d, 1280, 720, 300, 500, 1.5);
        CHECK_NEAR(c.pose.target[0], d.pose.target[0], 1e-9);
        CHECK_NEAR(c.pose.target[1], d.pose.target[1], 1e-9);
        CHECK_NEAR(c.pose.distance, d.pose.distance, 1e-9);
    }
}

static void test_orbit_tilt_twist(void)
{
    ly_camera c;
    ly_camera_init(&c, DMIN, DMAX);
    ly_camera_set_pose(&c, (ly_camera_pose){{0, 0, 0}, 500, 0, 45 * DEG});
    /* A quarter of the width is a quarter turn, clockwise for a drag right. */
    ly_camera_orbit(&c, 320, 0, 1280, 720);
    CHECK_NEAR(c.pose.heading, PI / 2, 1e-12);
    ly_camera_orbit(&c, -640, 0, 1280, 720);
    CHECK_NEAR(c.pose.heading, 3 * PI / 2, 1e-12);
    /* Dragging down looks further down, up to straight down. */
    ly_camera_orbit(&c, 0, 72, 1280, 720);
    CHECK_NEAR(c.pose.pitch, 45 * DEG + 0.1 * PI, 1e-12);
    ly_camera_orbit(&c, 0, 5000, 1280, 720);
    CHECK_NEAR(c.pose.pitch, PI / 2, 0);
    ly_camera_orbit(&c, 0, -5000, 1280, 720);
    CHECK_NEAR(c.pose.pitch, 8 * DEG, 1e-12);

    /* Heading wraps into [0, 2 pi) both ways. */
    ly_camera_set_pose(&c, (ly_camera_pose){{0, 0, 0}, 500, 0.2, 45 * DEG});
    ly_camera_twist(&c, -0.5);
    CHECK_NEAR(c.pose.heading, 2 * PI - 0.3, 1e-12);
    ly_camera_twist(&c, 0.5);
    CHECK_NEAR(c.pose.heading, 0.2, 1e-12);
    ly_camera_twist(&c, 7 * PI);
    CHECK_NEAR(c.pose.heading, PI + 0.2, 1e-9);
    ly_camera_twist(&c, -1e-18 - (PI + 0.2));
    CHECK(c.pose.heading >= 0 && c.pose.heading < 2 * PI);
    ly_camera_set_pose(&c, (ly_camera_pose){{0, 0, 0}, 500, -0.25, 45 * DEG});
    CHECK_NEAR(c.pose.heading, 2 * PI - 0.25, 1e-12);

    ly_camera_tilt(&c, 10 * DEG);
    CHECK_NEAR(c.pose.pitch, 55 * DEG, 1e-12);
    ly_camera_tilt(&c, -PI);
    CHECK_NEAR(c.pose.pitch, 8 * DEG, 1e-12);

    /* Non-finite input is ignored. */
    ly_camera_pose before = c.pose;
    ly_camera_orbit(&c, NAN, 1, 1280, 720);
    ly_camera_orbit(&c, 1, INFINITY, 1280, 720);
    ly_camera_orbit(&c, 1e308, 1, 1, 1);
    ly_camera_orbit(&c, 10, 10, 0, 720);
    ly_camera_tilt(&c, NAN);
    ly_camera_twist(&c, -INFINITY);
    ly_camera_pan(&c, 1280, 720, NAN, 0, 1, 1);
    ly_camera_zoom_at(&c, 1280, 720, 1, 1, NAN);
    ly_camera_zoom_at(&c, 1280, 720, 1, 1, 0);
    ly_camera_zoom_at(&c, 1280, 720, 1, 1, -2);
    CHECK(memcmp(&before, &c.pose, sizeof before) == 0);
}

static void test_fly(void)
{
    ly_camera c;
    ly_camera_init(&c, DMIN, DMAX);
    ly_camera_pose a = {{-100, 50, 0}, 1000, 350 * DEG, 40 * DEG};
    ly_camera_pose b = {{100, 150, 30}, 100, 30 * DEG, 60 * DEG};
    ly_camera_set_pose(&c, a);
    ly_camera_fly_to(&c, b, 2.0);
    CHECK(c.flying);
    double prev = c.pose.distance;
    bool monotone = true, turned_short = true;
    int steps = 0;
    while (ly_camera_update(&c, 1.0 / 60) && steps < 1000) {
        steps++;
        monotone &= c.pose.distance <= prev + 1e-9;
        prev = c.pose.distance;
        /* The short way from 350 to 30 degrees passes north, never south. */
        double hd = c.pose.heading;
        turned_short &= hd >= 350 * DEG - 1e-9 || hd <= 30 * DEG + 1e-9;
        if (steps == 60) {
            /* Half-way in time is half-way in every eased quantity. */
            CHECK_NEAR(c.pose.distance, sqrt(1000.0 * 100.0), 1e-6);
            CHECK_NEAR(c.pose.heading, 10 * DEG, 1e-9);
            CHECK_NEAR(c.pose.pitch, 50 * DEG, 1e-9);
            CHECK_NEAR(c.pose.target[0], 0, 1e-9);
            CHECK_NEAR(c.pose.target[1], 100, 1e-9);
            CHECK_NEAR(c.pose.target[2], 15, 1e-9);
        }
        if (steps == 6) {
            /* Eased: slow at the start (smoothstep(0.05) = 0.00725). */
            CHECK(c.pose.distance > 0.98 * 1000);
        }
    }
    CHECK(monotone);
    CHECK(turned_short);
    CHECK(!c.flying);
    CHECK(steps >= 119 && steps <= 121);
    CHECK_NEAR(c.pose.target[0], b.target[0], 1e-9);
    CHECK_NEAR(c.pose.target[1], b.target[1], 1e-9);
    CHECK_NEAR(c.pose.target[2], b.target[2], 1e-9);
    CHECK_NEAR(c.pose.distance, b.distance, 1e-9);
    CHECK_NEAR(c.pose.heading, b.heading, 1e-9);
    CHECK_NEAR(c.pose.pitch, b.pitch, 1e-9);
    CHECK(!ly_camera_update(&c, 1.0 / 60));

    /* A long hop at close range rises mid-way, and still lands exactly. */
    a = (ly_camera_pose){{-700, -500, 0}, 60, 0, 45 * DEG};
    b = (ly_camera_pose){{700, 500, 0}, 80, 0, 45 * DEG};
    ly_camera_set_pose(&c, a);
    ly_camera_fly_to(&c, b, 1.0);
    double top = 0;
    while (ly_camera_update(&c, 0.01))
        top = fmax(top, c.pose.distance);
    CHECK(top > 4 * 80);
    CHECK(top <= c.max_distance);
    CHECK_NEAR(c.pose.distance, 80, 1e-9);
    CHECK_NEAR(c.pose.target[0], 700, 1e-9);

    /* A fly-to out of the limits lands on the limit. */
    ly_camera_fly_to(&c, (ly_camera_pose){{1e6, 0, -50}, 1e9, 0, 2}, 0.5);
    for (int i = 0; i < 100; i++)
        ly_camera_update(&c, 0.1);
    CHECK_NEAR(c.pose.target[0], 600 + 300, 1e-9);
    CHECK_NEAR(c.pose.target[2], 0, 0);
    CHECK_NEAR(c.pose.distance, c.max_distance, 0);
    CHECK_NEAR(c.pose.pitch, PI / 2, 0);

    /* Any operation cancels a flight; stop stops it; no time is a jump. */
    ly_camera_fly_to(&c, a, 1.0);
    ly_camera_update(&c, 0.1);
    ly_camera_orbit(&c, 1, 0, 1280, 720);
    CHECK(!c.flying);
    ly_camera_fly_to(&c, a, 1.0);
    ly_camera_pan(&c, 1280, 720, 600, 600, 601, 600);
    CHECK(!c.flying);
    ly_camera_fly_to(&c, a, 1.0);
    ly_camera_zoom_at(&c, 1280, 720, 600, 600, 1.1);
    CHECK(!c.flying);
    ly_camera_fly_to(&c, a, 1.0);
    ly_camera_tilt(&c, 0.01);
    CHECK(!c.flying);
    ly_camera_fly_to(&c, a, 1.0);
    ly_camera_twist(&c, 0.01);
    CHECK(!c.flying);
    ly_camera_fly_to(&c, a, 1.0);
    ly_camera_stop(&c);
    CHECK(!c.flying);
    CHECK(!ly_camera_update(&c, 0.1));
    ly_camera_fly_to(&c, a, 0);
    CHECK(!c.flying);
    CHECK_NEAR(c.pose.distance, 60, 0);
    ly_camera_fly_to(&c, b, NAN);
    CHECK(!c.flying);
    CHECK_NEAR(c.pose.distance, 80, 0);
}

static void test_fling(void)
{
    ly_camera c;
    ly_camera_init(&c, DMIN, DMAX);
    ly_camera_set_pose(&c, (ly_camera_pose){{0, 0, 0}, 600, 1, 45 * DEG});

    /* Orbit fling: turns the way the drag did, decays to a stop. */
    ly_camera_fling(&c, 1280, 0, true, 1280, 720);
    double h0 = c.pose.heading;
    double t = 0;
    while (ly_camera_update(&c, 1.0 / 60) && t < 10)
        t += 1.0 / 60;
    CHECK(t < 3);
    CHECK(t > 0.5);
    CHECK(c.v_heading == 0 && c.v_pitch == 0);
    /* 2 pi rad/s for tau = 0.3 s coasts about 0.6 pi. */
    double turned = fmod(c.pose.heading - h0 + 4 * PI, 2 * PI);
    CHECK_NEAR(turned, 2 * PI * 0.3, 0.05);

    /* Pan fling: the same direction as a small pan the same way, and coasts
     * v * tau metres in all. */
    ly_camera_set_pose(&c, (ly_camera_pose){{0, 0, 0}, 600, 1, 45 * DEG});
    ly_camera_pan(&c, 1280, 720, 640, 360, 640 + 3, 360 + 2);
    double pan_dx = c.pose.target[0], pan_dy = c.pose.target[1];
    ly_camera_set_pose(&c, (ly_camera_pose){{0, 0, 0}, 600, 1, 45 * DEG});
    ly_camera_fling(&c, 300, 200, false, 1280, 720);
    double speed = hypot(c.v_pan[0], c.v_pan[1]);
    CHECK(speed > 0);
    CHECK((c.v_pan[0] * pan_dx + c.v_pan[1] * pan_dy) / (speed * hypot(pan_dx, pan_dy)) >
          0.999);
    t = 0;
    while (ly_camera_update(&c, 1.0 / 60) && t < 10)
        t += 1.0 / 60;
    CHECK(t < 3);
    CHECK(c.v_pan[0] == 0 && c.v_pan[1] == 0);
    CHECK_NEAR(hypot(c.pose.target[0], c.pose.target[1]), speed * 0.3, 0.05 * speed * 0.3);
    /* ...about what a drag of v * 0.3 s = (90, 60) px gives, 30 x the sample. */
    CHECK_NEAR(hypot(c.pose.target[0], c.pose.target[1]), 30 * hypot(pan_dx, pan_dy),
               0.05 * 30 * hypot(pan_dx, pan_dy));

    /* One long frame coasts as far as many short ones. */
    ly_camera_set_pose(&c, (ly_camera_pose){{0, 0, 0}, 600, 1, 45 * DEG});
    ly_camera_fling(&c, 300, 200, false, 1280, 720);
    ly_camera_update(&c, 0.5);
    double one[2] = {c.pose.target[0], c.pose.target[1]};
    ly_camera_set_pose(&c, (ly_camera_pose){{0, 0, 0}, 600, 1, 45 * DEG});
    ly_camera_fling(&c, 300, 200, false, 1280, 720);
    for (int i = 0; i < 50; i++)
        ly_camera_update(&c, 0.01);
    CHECK_NEAR(c.pose.target[0], one[0], 1e-6);
    CHECK_NEAR(c.pose.target[1], one[1], 1e-6);

    /* A finger on the map catches it. */
    ly_camera_fling(&c, 3000, 0, true, 1280, 720);
    c.dragging = true;
    ly_camera_pose before = c.pose;
    CHECK(!ly_camera_update(&c, 0.1));
    CHECK(memcmp(&before, &c.pose, sizeof before) == 0);
    CHECK(c.v_heading == 0);
    c.dragging = false;

    /* A fling into the edge stops there (looking east, a drag down goes east). */
    ly_camera_set_pose(&c, (ly_camera_pose){{850, 0, 0}, 600, PI / 2, 45 * DEG});
    ly_camera_fling(&c, 0, 1e9, false, 1280, 720);
    t = 0;
    while (ly_camera_update(&c, 1.0 / 60) && t < 10)
        t += 1.0 / 60;
    CHECK(t < 3);
    CHECK_NEAR(c.pose.target[0], 900, 1e-9);

    /* The stop method stops inertia too. */
    ly_camera_fling(&c, 3000, 100, true, 1280, 720);
    ly_camera_stop(&c);
    CHECK(!ly_camera_update(&c, 0.1));
}

static void test_depth_range(void)
{
    ly_camera c;
    ly_camera_init(&c, DMIN, DMAX);
    double ds[] = {20, 21, 50, 300, 1000, 5000, 1e9};
    for (size_t i = 0; i < sizeof ds / sizeof ds[0]; i++) {
        ly_camera_set_pose(&c, (ly_camera_pose){{0, 0, 0}, ds[i], 0.3, 8 * DEG});
        ly_camera_matrices m;
        ly_camera_get_matrices(&c, 1280, 720, &m);
        CHECK(m.near_plane > 0);
        CHECK(m.far_plane / m.near_plane <= 1e5 * (1 + 1e-6));
        /* The target is between the planes, and so is the far side of the data. */
        CHECK(m.near_plane < 0.5 * c.pose.distance);
        CHECK(m.far_plane > c.pose.distance + hypot(1200, 900));
    }
    /* A 400 km box still keeps the ratio. */
    const float bmin[3] = {-2e5f, -2e5f, 0}, bmax[3] = {2e5f, 2e5f, 300};
    ly_camera_init(&c, bmin, bmax);
    ly_camera_set_pose(&c, (ly_camera_pose){{0, 0, 0}, 20, 0, 8 * DEG});
    ly_camera_matrices m;
    ly_camera_get_matrices(&c, 1280, 720, &m);
    CHECK(m.near_plane > 0 && m.near_plane < 0.5 * 20 + 1e-6);
    CHECK(m.far_plane / m.near_plane <= 1e5 * (1 + 1e-6));
}

static void test_degenerate(void)
{
    ly_camera c;
    const float nanbox[3] = {NAN, 0, 0}, empty_min[3] = {FLT_MAX, FLT_MAX, FLT_MAX},
                empty_max[3] = {-FLT_MAX, -FLT_MAX, -FLT_MAX}, point[3] = {5, 5, 0};
    const float *mins[] = {NULL, nanbox, empty_min, point}, *maxs[] = {NULL, nanbox, empty_max,
                                                                       point};
    for (int i = 0; i < 4; i++) {
        ly_camera_init(&c, mins[i], maxs[i]);
        ly_camera_matrices m;
        ly_camera_get_matrices(&c, 0, 0, &m);
        bool finite = true;
        for (int k = 0; k < 16; k++)
            finite &= isfinite(m.view_proj[k]);
        CHECK(finite);
        CHECK(c.pose.distance >= c.min_distance && c.pose.distance <= c.max_distance);
        CHECK(c.max_distance >= 500);
        /* An empty district is shown from a sensible height, not 20 m. */
        CHECK(c.pose.distance > 100);
        ly_camera_get_matrices(&c, -5, 720, &m);
        CHECK(m.near_plane > 0);
    }
    ly_camera_init(NULL, DMIN, DMAX);
    ly_camera_get_matrices(&c, 1280, 720, NULL);
    CHECK(!ly_camera_update(NULL, 1));

    /* set_pose applies limits and ignores non-finite fields. */
    ly_camera_init(&c, DMIN, DMAX);
    ly_camera_pose keep = c.pose;
    ly_camera_set_pose(&c, (ly_camera_pose){{NAN, 1e9, -1e9}, -3, INFINITY, NAN});
    CHECK_NEAR(c.pose.target[0], keep.target[0], 0);
    CHECK_NEAR(c.pose.target[1], 450 + 300, 0); /* grown by a quarter of the longer side */
    CHECK_NEAR(c.pose.target[2], 0, 0);
    CHECK_NEAR(c.pose.distance, keep.distance, 0);
    CHECK_NEAR(c.pose.heading, keep.heading, 0);
    CHECK_NEAR(c.pose.pitch, keep.pitch, 0);
    ly_camera_set_pose(&c, (ly_camera_pose){{0, 0, 0}, 1, 0, -1});
    CHECK_NEAR(c.pose.distance, 20, 0);
    CHECK_NEAR(c.pose.pitch, 8 * DEG, 1e-12);

    /* A caller who narrows the limits still keeps the eye above ground. */
    c.min_distance = 1;
    c.min_pitch = 0;
    ly_camera_set_pose(&c, (ly_camera_pose){{0, 0, 0}, 1, 0, 0});
    double e[3];
    eye_of(&c.pose, e);
    CHECK(e[2] >= 2 - 1e-9);
    CHECK(isfinite(c.pose.distance) && isfinite(c.pose.pitch));
}

/* An argument from a mix of ordinary, extreme and non-finite values. */
static double wild(double scale)
{
    switch ((int)(frand() * 12)) {
    case 0: return NAN;
    case 1: return INFINITY;
    case 2: return -INFINITY;
    case 3: return 1e300;
    case 4: return -1e300;
    case 5: return 1e-300;
    case 6: return 0;
    case 7: return urand(-1e6, 1e6);
    default: return urand(-scale, scale);
    }
}

static int wild_size(void)
{
    static const int sizes[] = {0, -1, 1, 2, 480, 720, 1080, 1280, 1920, 100000};
    return frand() < 0.7 ? 200 + (int)(frand() * 2000) : sizes[(int)(frand() * 10)];
}

static void test_random(void)
{
    ly_camera c;
    ly_camera_init(&c, DMIN, DMAX);
    const double lo[3] = {-900, -750, 0}, hi[3] = {900, 750, 300};
    int bad_finite = 0, bad_eye = 0, bad_box = 0, bad_dist = 0, bad_angle = 0, bad_depth = 0,
        bad_mat = 0;
    for (int i = 0; i < 10000; i++) {
        int w = wild_size(), h = wild_size();
        switch ((int)(frand() * 12)) {
        case 0: ly_camera_orbit(&c, wild(2000), wild(2000), w, h); break;
        case 1: ly_camera_pan(&c, w, h, wild(3000), wild(3000), wild(3000), wild(3000)); break;
        case 2: ly_camera_zoom_at(&c, w, h, wild(3000), wild(3000), wild(4)); break;
        case 3: ly_camera_tilt(&c, wild(2)); break;
        case 4: ly_camera_twist(&c, wild(10)); break;
        case 5: ly_camera_fling(&c, wild(5000), wild(5000), frand() < 0.5, w, h); break;
        case 6:
        case 7: ly_camera_update(&c, frand() < 0.9 ? urand(0, 0.05) : wild(10)); break;
        case 8: {
            ly_camera_pose p = {{wild(2000), wild(2000), wild(500)}, wild(5000), wild(10),
                                wild(3)};
            if (frand() < 0.5)
                ly_camera_set_pose(&c, p);
            else
                ly_camera_fly_to(&c, p, frand() < 0.8 ? urand(0, 2) : wild(5));
            break;
        }
        case 9: {
            float bmin[3], bmax[3];
            for (int k = 0; k < 3; k++) {
                bmin[k] = (float)urand(-600, 600);
                bmax[k] = bmin[k] + (float)urand(0, 300);
            }
            bmin[2] = 0;
            ly_camera_fly_to(&c, ly_camera_frame_pose(&c, bmin, bmax, wild(7), wild(2)), 0.7);
            break;
        }
        case 10:
            ly_camera_fly_to(&c, frand() < 0.5 ? ly_camera_home_pose(&c) : ly_camera_top_pose(&c),
                             1);
            break;
        default:
            if (frand() < 0.2)
                ly_camera_stop(&c);
            c.dragging = frand() < 0.3;
            break;
        }

        const ly_camera_pose *p = &c.pose;
        bool finite = isfinite(p->distance) && isfinite(p->heading) && isfinite(p->pitch) &&
                      isfinite(c.v_heading) && isfinite(c.v_pitch) && isfinite(c.v_pan[0]) &&
                      isfinite(c.v_pan[1]) && isfinite(c.v_zoom);
        for (int k = 0; k < 3; k++) {
            finite &= isfinite(p->target[k]) != 0;
            bad_box += p->target[k] < lo[k] || p->target[k] > hi[k];
        }
        bad_finite += !finite;
        double e[3];
        eye_of(p, e);
        bad_eye += !(e[2] >= 2);
        bad_dist += !(p->distance >= c.min_distance && p->distance <= c.max_distance);
        bad_angle += !(p->pitch >= 8 * DEG - 1e-12 && p->pitch <= PI / 2 && p->heading >= 0 &&
                       p->heading < 2 * PI);
        ly_camera_matrices m;
        ly_camera_get_matrices(&c, w, h, &m);
        bad_depth += !(m.near_plane > 0 && m.far_plane / m.near_plane <= 1e5 * (1 + 1e-6));
        bool mf = m.eye[2] >= 2 - 1e-3f;
        for (int k = 0; k < 16; k++)
            mf &= isfinite(m.view_proj[k]) && isfinite(m.view[k]) && isfinite(m.proj[k]);
        bad_mat += !mf;
    }
    CHECK_INT(bad_finite, 0);
    CHECK_INT(bad_eye, 0);
    CHECK_INT(bad_box, 0);
    CHECK_INT(bad_dist, 0);
    CHECK_INT(bad_angle, 0);
    CHECK_INT(bad_depth, 0);
    CHECK_INT(bad_mat, 0);
}

int main(void)
{
    test_home();
    test_top();
    test_frame();
    test_fit_points();
    test_pan();
    test_zoom();
    test_zoom_toward();
    test_orbit_tilt_twist();
    test_fly();
    test_fling();
    test_depth_range();
    test_degenerate();
    test_random();
    return check_report();
}
