#include "louyu/camera.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#define PI 3.14159265358979323846
#define TWO_PI (2.0 * PI)
#define DEG (PI / 180.0)

/* The look. fov_y is the angle across the screen's *shorter* side (see
 * half_tans), so a view that fits a square fits every aspect, portrait too. */
#define FOV_Y (40.0 * DEG)
#define HOME_HEADING (20.0 * DEG) /* from the south-south-west, looking NNE */
#define HOME_PITCH (38.0 * DEG)
#define FRAME_PITCH (30.0 * DEG)
#define FRAME_FILL 0.6 /* a framed box's sphere spans 60 % of the shorter side */
#define FIT_MARGIN 0.9 /* home and top views keep the box inside 90 % of the half-view */

/* Limits. 20 m is about a floor plate away from a facade; 8 degrees still
 * shows the ground in front of the towers; 2 m keeps the eye out of the
 * ground even when the target sits on it. */
#define MIN_DISTANCE 20.0
#define MAX_DISTANCE_FLOOR 500.0
#define MAX_DISTANCE_DIAGONALS 3.0
#define MIN_PITCH (8.0 * DEG)
#define MAX_PITCH (PI / 2)
#define MIN_EYE_Z 2.0
#define TARGET_GROW 0.25     /* the target may wander 25 % of the box beyond it */
#define TARGET_GROW_MIN 50.0 /* ... and at least this, so a one-building box still pans */
#define FIT_HALF_MIN 50.0    /* an empty or point box is framed as 100 m across */

/* Input feel: a drag across the whole width is one full turn (a quarter
 * width turns to the next side of the district); a drag down the whole
 * height tilts by 180 degrees, which the 82-degree pitch range clamps. */
#define ORBIT_PER_WIDTH TWO_PI
#define TILT_PER_HEIGHT PI

/* Inertia: velocities decay as exp(-t / 0.3 s), so a fling coasts for about
 * 1 s and travels v * 0.3 s in all. Caps keep a wild flick on screen. */
#define INERTIA_TAU 0.3
#define MAX_SPIN (3.0 * PI) /* rad/s of heading: coasts < 1/2 turn */
#define MAX_TILT (PI)       /* rad/s of pitch */
#define MAX_PAN_RATE 4.0    /* distances per second */
#define STOP_SPIN 0.005     /* rad/s, about 0.3 degrees per second */
#define STOP_PAN 0.005      /* distances per second, a few pixels per second */
#define STOP_ZOOM 0.005     /* e-folds per second */

/* Depth range: near scales with distance, far reaches the land plane around
 * the data; far / near stays under 1e5 for 24-bit depth. */
#define NEAR_MIN 0.5
#define NEAR_FRACTION 0.02
#define FAR_DIAGONALS 4.0
#define MAX_DEPTH_RATIO 1e5

/* A ray grazing or above the horizon meets the ground at most this many
 * distances away, so a drag near the horizon moves far but finitely. */
#define GROUND_REACH 10.0

typedef struct {
    double min_d, max_d, min_p, max_p;
} limits;

static double clampd(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static double wrap_heading(double a)
{
    if (!isfinite(a))
        return 0;
    a = fmod(a, TWO_PI);
    if (a < 0)
        a += TWO_PI;
    /* -1e-20 + 2 pi rounds to 2 pi */
    if (a >= TWO_PI)
        a = 0;
    return a;
}

/* The signed turn from a to b the short way round, in (-pi, pi]. */
static double shortest_turn(double a, double b)
{
    double d = wrap_heading(b - a);
    return d > PI ? d - TWO_PI : d;
}

static bool box_valid(const double lo[3], const double hi[3])
{
    for (int k = 0; k < 3; k++)
        if (!isfinite(lo[k]) || !isfinite(hi[k]) || lo[k] > hi[k])
            return false;
    return true;
}

/* The data box as stored, or a point at the origin if someone broke it. */
static void data_box(const ly_camera *c, double lo[3], double hi[3])
{
    memcpy(lo, c->bounds_min, sizeof c->bounds_min);
    memcpy(hi, c->bounds_max, sizeof c->bounds_max);
    if (!box_valid(lo, hi))
        for (int k = 0; k < 3; k++)
            lo[k] = hi[k] = 0;
}

/* A box grown so each horizontal half-extent is at least FIT_HALF_MIN:
 * what the fitting views frame. */
static void fit_box(const ly_camera *c, double lo[3], double hi[3])
{
    data_box(c, lo, hi);
    for (int k = 0; k < 2; k++) {
        double mid = 0.5 * (lo[k] + hi[k]), half = fmax(0.5 * (hi[k] - lo[k]), FIT_HALF_MIN);
        lo[k] = mid - half;
        hi[k] = mid + half;
    }
}

/* Where the target may go: the data box grown sideways, and never below the
 * ground, so eye z = target z + distance * sin(pitch) is easy to keep up. */
static void target_box(const ly_camera *c, double lo[3], double hi[3])
{
    data_box(c, lo, hi);
    /* grown by the longer side each way: a long, thin district (a row of towers along
     * a coast, two places far apart) is framed whole with the view's axis off the row */
    double side = fmax(hi[0] - lo[0], hi[1] - lo[1]);
    for (int k = 0; k < 2; k++) {
        double m = fmax(TARGET_GROW * side, TARGET_GROW_MIN);
        lo[k] -= m;
        hi[k] += m;
    }
    double mz = TARGET_GROW * (hi[2] - lo[2]);
    lo[2] = fmax(lo[2] - mz, 0.0);
    hi[2] = fmax(hi[2] + mz, lo[2]);
}

static double box_diagonal(const ly_camera *c)
{
    double lo[3], hi[3];
    fit_box(c, lo, hi);
    return sqrt((hi[0] - lo[0]) * (hi[0] - lo[0]) + (hi[1] - lo[1]) * (hi[1] - lo[1]) +
                (hi[2] - lo[2]) * (hi[2] - lo[2]));
}

/* The limits in the struct, repaired if a caller wrote nonsense into them. */
static limits get_limits(const ly_camera *c)
{
    limits l;
    l.min_d = isfinite(c->min_distance) && c->min_distance > 0 ? c->min_distance : MIN_DISTANCE;
    l.max_d = isfinite(c->max_distance) && c->max_distance >= l.min_d
                  ? c->max_distance
                  : fmax(l.min_d, MAX_DISTANCE_FLOOR);
    l.min_p = isfinite(c->min_pitch) ? clampd(c->min_pitch, 0, MAX_PITCH) : MIN_PITCH;
    l.max_p = isfinite(c->max_pitch) ? clampd(c->max_pitch, l.min_p, MAX_PITCH) : MAX_PITCH;
    return l;
}

static double fov(const ly_camera *c)
{
    return isfinite(c->fov_y) && c->fov_y > 1.0 * DEG && c->fov_y < 170.0 * DEG ? c->fov_y
                                                                                : FOV_Y;
}

/* Half-angle tangents across the screen. fov_y spans the shorter side, so a
 * portrait kiosk sees as much across as a landscape desktop sees up. */
static void half_tans(const ly_camera *c, double aspect, double *tx, double *ty)
{
    double t = tan(0.5 * fov(c));
    if (!isfinite(aspect) || aspect <= 0)
        aspect = 1;
    if (aspect >= 1) {
        *ty = t;
        *tx = t * aspect;
    } else {
        *tx = t;
        *ty = t / aspect;
    }
}

static double aspect_of(int width, int height)
{
    return width > 0 && height > 0 ? (double)width / height : 1.0;
}

/* Forward, right and up from heading and pitch alone: right is always
 * horizontal, so straight down is not a special case (up = the heading). */
static void basis(const ly_camera_pose *p, double f[3], double r[3], double u[3])
{
    double sh = sin(p->heading), ch = cos(p->heading);
    double sp = sin(p->pitch), cp = cos(p->pitch);
    f[0] = sh * cp, f[1] = ch * cp, f[2] = -sp;
    r[0] = ch, r[1] = -sh, r[2] = 0;
    u[0] = sh * sp, u[1] = ch * sp, u[2] = cp;
}

static void eye_of(const ly_camera_pose *p, double eye[3])
{
    double f[3], r[3], u[3];
    basis(p, f, r, u);
    for (int k = 0; k < 3; k++)
        eye[k] = p->target[k] - p->distance * f[k];
}

static double dot3(const double a[3], const double b[3])
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/* Puts a pose within the limits: finite, target in its box, distance and
 * pitch in range, heading in [0, 2 pi), eye at least MIN_EYE_Z up.
 * Non-finite fields keep the camera's current value. Idempotent. */
static ly_camera_pose clamp_pose(const ly_camera *c, ly_camera_pose p)
{
    limits l = get_limits(c);
    double lo[3], hi[3];
    target_box(c, lo, hi);
    for (int k = 0; k < 3; k++) {
        if (!isfinite(p.target[k]))
            p.target[k] = isfinite(c->pose.target[k]) ? c->pose.target[k] : 0.5 * (lo[k] + hi[k]);
        p.target[k] = clampd(p.target[k], lo[k], hi[k]);
    }
    if (!isfinite(p.distance) || p.distance <= 0)
        p.distance = isfinite(c->pose.distance) && c->pose.distance > 0 ? c->pose.distance
                                                                         : l.max_d;
    p.distance = clampd(p.distance, l.min_d, l.max_d);
    if (!isfinite(p.heading))
        p.heading = c->pose.heading;
    p.heading = wrap_heading(p.heading);
    if (!isfinite(p.pitch))
        p.pitch = isfinite(c->pose.pitch) ? c->pose.pitch : HOME_PITCH;
    p.pitch = clampd(p.pitch, l.min_p, l.max_p);

    /* With the default limits (20 m, 8 degrees, target z >= 0) the eye is
     * always >= 2.78 m up; this only bites when a caller narrowed them. Steeper
     * first, then farther, then (last resort) a higher target. */
    double need = MIN_EYE_Z - p.target[2];
    if (p.distance * sin(p.pitch) < need) {
        double s = need / p.distance;
        if (s < 1)
            p.pitch = clampd(asin(s) + 1e-9, l.min_p, l.max_p);
        if (p.distance * sin(p.pitch) < need && sin(p.pitch) > 1e-6)
            p.distance = fmin(l.max_d, need / sin(p.pitch) * (1 + 1e-9));
        if (p.distance * sin(p.pitch) < need)
            p.target[2] = MIN_EYE_Z - p.distance * sin(p.pitch);
    }
    return p;
}

/* The distance at which every corner of [lo, hi] falls inside a square of
 * half-angle tangent margin * tan(fov / 2) around the view axis, looking at
 * p's target along p's heading and pitch. Each corner at view coordinates
 * (x, y, z - along the view from the target) needs
 * max(|x|, |y|) <= k * (distance + z), a linear bound on the distance. */
static double fit_distance(const ly_camera *c, const ly_camera_pose *p, const double lo[3],
                           const double hi[3], double margin)
{
    double f[3], r[3], u[3];
    basis(p, f, r, u);
    double k = margin * tan(0.5 * fov(c)), d = 0;
    /* fov spans the shorter side; with a known aspect the longer side gets its room */
    double a = c->aspect > 0 && isfinite(c->aspect) ? c->aspect : 1.0;
    double kx = a > 1 ? k * a : k, ky = a < 1 ? k / a : k;
    for (int i = 0; i < 8; i++) {
        double v[3] = {(i & 1 ? hi[0] : lo[0]) - p->target[0],
                       (i & 2 ? hi[1] : lo[1]) - p->target[1],
                       (i & 4 ? hi[2] : lo[2]) - p->target[2]};
        d = fmax(d, fmax(fabs(dot3(v, r)) / kx, fabs(dot3(v, u)) / ky) - dot3(v, f));
    }
    return d;
}

/* The box's ground centre (clamped into the target box). */
static ly_camera_pose ground_centre_pose(const ly_camera *c, double heading, double pitch)
{
    double lo[3], hi[3], tlo[3], thi[3];
    data_box(c, lo, hi);
    target_box(c, tlo, thi);
    ly_camera_pose p = {{0.5 * (lo[0] + hi[0]), 0.5 * (lo[1] + hi[1]), clampd(0, tlo[2], thi[2])},
                        0, heading, pitch};
    fit_box(c, lo, hi);
    p.distance = fit_distance(c, &p, lo, hi, FIT_MARGIN);
    return p;
}

void ly_camera_init(ly_camera *c, const float data_min[3], const float data_max[3])
{
    if (!c)
        return;
    memset(c, 0, sizeof *c);
    if (data_min && data_max) {
        for (int k = 0; k < 3; k++) {
            c->bounds_min[k] = data_min[k];
            c->bounds_max[k] = data_max[k];
        }
    }
    /* An empty box (min > max, as an empty accumulator leaves it) or a
     * non-finite one becomes a point at the origin. */
    if (!box_valid(c->bounds_min, c->bounds_max))
        for (int k = 0; k < 3; k++)
            c->bounds_min[k] = c->bounds_max[k] = 0;
    c->fov_y = FOV_Y;
    c->min_distance = MIN_DISTANCE;
    c->min_pitch = MIN_PITCH;
    c->max_pitch = MAX_PITCH;

    /* Far enough to back off from the district, and never so tight that the
     * home or top view (a tall, slim box) cannot fit. */
    double dx = c->bounds_max[0] - c->bounds_min[0], dy = c->bounds_max[1] - c->bounds_min[1];
    double max_d = fmax(MAX_DISTANCE_FLOOR, MAX_DISTANCE_DIAGONALS * sqrt(dx * dx + dy * dy));
    max_d = fmax(max_d, 1.25 * ground_centre_pose(c, HOME_HEADING, HOME_PITCH).distance);
    max_d = fmax(max_d, 1.25 * ground_centre_pose(c, 0, MAX_PITCH).distance);
    c->max_distance = max_d;
    c->pose = clamp_pose(c, ly_camera_home_pose(c));
}

ly_camera_pose ly_camera_home_pose(const ly_camera *c)
{
    if (!c)
        return (ly_camera_pose){{0, 0, 0}, MIN_DISTANCE, HOME_HEADING, HOME_PITCH};
    return clamp_pose(c, ground_centre_pose(c, HOME_HEADING, HOME_PITCH));
}

ly_camera_pose ly_camera_top_pose(const ly_camera *c)
{
    if (!c)
        return (ly_camera_pose){{0, 0, 0}, MIN_DISTANCE, 0, MAX_PITCH};
    return clamp_pose(c, ground_centre_pose(c, 0, MAX_PITCH));
}

ly_camera_pose ly_camera_fit_points(const ly_camera *c, const float (*points)[3], size_t n,
                                    double heading, double pitch, int width, int height,
                                    const float rect[4])
{
    if (!c || !points || !n || width <= 0 || height <= 0)
        return ly_camera_home_pose(c);
    ly_camera_pose p = {{0, 0, 0}, 1, heading, pitch};
    double f[3], r[3], u[3], tx, ty;
    basis(&p, f, r, u);
    half_tans(c, aspect_of(width, height), &tx, &ty);
    /* the rectangle in normalised device coordinates (y up) */
    double x0 = 2.0 * rect[0] / width - 1, x1 = 2.0 * rect[2] / width - 1;
    double y0 = 1 - 2.0 * rect[3] / height, y1 = 1 - 2.0 * rect[1] / height;
    if (!(x1 > x0) || !(y1 > y0))
        return ly_camera_home_pose(c);
    /* In the camera's basis a point is (a, b, depth c), the eye (ex, ey, ez). The point
     * is inside the rectangle's right edge when a - ex <= x1 tx (c - ez), i.e.
     * ex - x1 tx ez >= a - x1 tx c: one bound per edge, tightest over all points.
     * Left and right together allow ez <= (L - R) / ((x1 - x0) tx); so do top and
     * bottom; the closest eye takes the smaller. */
    double R[2] = {-INFINITY, -INFINITY}, L[2] = {INFINITY, INFINITY}, near_c = INFINITY;
    const double lo[2] = {x0 * tx, y0 * ty}, hi[2] = {x1 * tx, y1 * ty};
    for (size_t i = 0; i < n; i++) {
        double q[3] = {points[i][0], points[i][1], points[i][2]};
        double ab[2] = {dot3(q, r), dot3(q, u)}, cc = dot3(q, f);
        for (int k = 0; k < 2; k++) {
            R[k] = fmax(R[k], ab[k] - hi[k] * cc);
            L[k] = fmin(L[k], ab[k] - lo[k] * cc);
        }
        near_c = fmin(near_c, cc);
    }
    double ez = fmin((L[0] - R[0]) / (hi[0] - lo[0]), (L[1] - R[1]) / (hi[1] - lo[1]));
    ez = fmin(ez, near_c - c->min_distance);
    double ex = 0.5 * (R[0] + hi[0] * ez + L[0] + lo[0] * ez);
    double ey = 0.5 * (R[1] + hi[1] * ez + L[1] + lo[1] * ez);
    double eye[3];
    for (int k = 0; k < 3; k++)
        eye[k] = ex * r[k] + ey * u[k] + ez * f[k];
    /* the target: where the view's axis meets the ground; where that is beyond where a
     * target may go (the axis of a tall tower's view meets the ground far behind it),
     * the axis's point nearest the data's middle, so that the clamp keeps the view */
    double tlo[3], thi[3], dlo[3], dhi[3], mid[3];
    target_box(c, tlo, thi);
    data_box(c, dlo, dhi);
    double gz = clampd(0, tlo[2], thi[2]), down = -f[2];
    p.distance = down > 1e-6 ? (eye[2] - gz) / down : fmax(c->min_distance, near_c - ez);
    if (!(p.distance > 0))
        p.distance = c->min_distance;
    for (int k = 0; k < 3; k++) {
        p.target[k] = eye[k] + p.distance * f[k];
        mid[k] = 0.5 * (dlo[k] + dhi[k]) - eye[k];
    }
    bool outside = false;
    for (int k = 0; k < 2; k++)
        outside |= p.target[k] < tlo[k] || p.target[k] > thi[k];
    double along = dot3(mid, f);
    if (outside && along > c->min_distance && along < p.distance) {
        p.distance = along;
        for (int k = 0; k < 3; k++)
            p.target[k] = eye[k] + p.distance * f[k];
    }
    return clamp_pose(c, p);
}

/* `aspect` is not needed: fov_y spans the shorter side at every aspect, so
 * "60 % of the shorter side" is the same angle for all of them. */
ly_camera_pose ly_camera_frame_pose(const ly_camera *c, const float min[3], const float max[3],
                                    double heading, double aspect)
{
    (void)aspect;
    if (!c)
        return (ly_camera_pose){{0, 0, 0}, MIN_DISTANCE, 0, FRAME_PITCH};
    double lo[3], hi[3];
    bool ok = min && max;
    for (int k = 0; ok && k < 3; k++) {
        lo[k] = min[k];
        hi[k] = max[k];
    }
    if (!ok || !box_valid(lo, hi))
        data_box(c, lo, hi);

    /* The box's bounding sphere, seen from distance D, has angular radius
     * asin(r / D); its tangent r / sqrt(D^2 - r^2) should be FRAME_FILL of
     * the half-view's tangent t. The target is the box centre, so the box
     * sits in the middle of the screen. */
    double r2 = 0;
    ly_camera_pose p;
    for (int k = 0; k < 3; k++) {
        p.target[k] = 0.5 * (lo[k] + hi[k]);
        r2 += 0.25 * (hi[k] - lo[k]) * (hi[k] - lo[k]);
    }
    double ft = FRAME_FILL * tan(0.5 * fov(c));
    p.distance = sqrt(r2 * (1 + 1 / (ft * ft)));
    p.heading = isfinite(heading) ? heading : c->pose.heading;
    p.pitch = FRAME_PITCH;
    return clamp_pose(c, p);
}

static void stop_inertia(ly_camera *c)
{
    c->v_heading = c->v_pitch = c->v_zoom = 0;
    c->v_pan[0] = c->v_pan[1] = 0;
}

void ly_camera_stop(ly_camera *c)
{
    if (!c)
        return;
    stop_inertia(c);
    c->flying = false;
}

void ly_camera_set_pose(ly_camera *c, ly_camera_pose pose)
{
    if (!c)
        return;
    ly_camera_stop(c);
    c->pose = clamp_pose(c, pose);
}

void ly_camera_fly_to(ly_camera *c, ly_camera_pose pose, double seconds)
{
    if (!c)
        return;
    if (!isfinite(seconds) || seconds <= 0) {
        ly_camera_set_pose(c, pose);
        return;
    }
    stop_inertia(c);
    c->fly_from = clamp_pose(c, c->pose);
    c->fly_to = clamp_pose(c, pose);
    c->fly_t = 0;
    c->fly_duration = seconds;
    c->flying = true;
}

void ly_camera_get_matrices(const ly_camera *c, int width, int height, ly_camera_matrices *m)
{
    if (!m)
        return;
    memset(m, 0, sizeof *m);
    if (!c)
        return;
    ly_camera_pose p = clamp_pose(c, c->pose);
    double f[3], r[3], u[3], e[3], tx, ty;
    basis(&p, f, r, u);
    eye_of(&p, e);
    half_tans(c, aspect_of(width, height), &tx, &ty);

    double n = fmax(NEAR_MIN, NEAR_FRACTION * p.distance);
    double fa = p.distance + FAR_DIAGONALS * box_diagonal(c);
    if (fa > n * MAX_DEPTH_RATIO) {
        /* A huge box: trade some near-plane reach (never past the target)
         * before giving up far-plane reach. */
        n = fmin(fa / MAX_DEPTH_RATIO, 0.5 * p.distance);
        fa = fmin(fa, n * MAX_DEPTH_RATIO);
    }

    /* Column-major, as glm_lookAt and glm_perspective build them. */
    double v[16] = {r[0], u[0], -f[0], 0, r[1], u[1], -f[1], 0, r[2], u[2], -f[2], 0,
                    -dot3(r, e), -dot3(u, e), dot3(f, e), 1};
    double pr[16] = {0};
    pr[0] = 1 / tx;
    pr[5] = 1 / ty;
    pr[10] = (fa + n) / (n - fa);
    pr[11] = -1;
    pr[14] = 2 * fa * n / (n - fa);
    for (int col = 0; col < 4; col++) {
        for (int row = 0; row < 4; row++) {
            double s = 0;
            for (int k = 0; k < 4; k++)
                s += pr[k * 4 + row] * v[col * 4 + k];
            m->view_proj[col * 4 + row] = (float)s;
            m->view[col * 4 + row] = (float)v[col * 4 + row];
            m->proj[col * 4 + row] = (float)pr[col * 4 + row];
        }
    }
    for (int k = 0; k < 3; k++)
        m->eye[k] = (float)e[k];
    m->near_plane = (float)n;
    m->far_plane = (float)fa;
}

/* Where the ray through pixel (sx, sy) meets the ground z = 0, as seen from
 * pose p. A ray at, above or just below the horizon stops GROUND_REACH
 * distances away horizontally: continuous, and never infinite. */
/* The direction of the ray through screen point (sx, sy) (not normalised). */
static void ray_dir(const ly_camera *c, const ly_camera_pose *p, int width, int height, double sx,
                    double sy, double d[3])
{
    double f[3], r[3], u[3], tx, ty;
    basis(p, f, r, u);
    half_tans(c, aspect_of(width, height), &tx, &ty);
    /* Far off-screen points are clamped so the sums below stay finite. */
    double nx = clampd(2 * sx / width - 1, -1e4, 1e4);
    double ny = clampd(1 - 2 * sy / height, -1e4, 1e4);
    for (int k = 0; k < 3; k++)
        d[k] = f[k] + nx * tx * r[k] + ny * ty * u[k];
}

/* Where the ray through (sx, sy) meets the level plane at height z (the
 * ground when z is 0), or, where it does not within reach, the point that
 * far away in its direction. */
static void level_at(const ly_camera *c, const ly_camera_pose *p, int width, int height,
                     double sx, double sy, double z, double g[2])
{
    double e[3], d[3];
    eye_of(p, e);
    ray_dir(c, p, width, height, sx, sy, d);
    double hl = hypot(d[0], d[1]), reach = GROUND_REACH * p->distance;
    if (d[2] < 0 && e[2] > z) {
        double t = (z - e[2]) / d[2];
        if (t * hl <= reach) {
            g[0] = e[0] + t * d[0];
            g[1] = e[1] + t * d[1];
            return;
        }
    }
    g[0] = e[0];
    g[1] = e[1];
    if (hl > 0) {
        g[0] += d[0] / hl * reach;
        g[1] += d[1] / hl * reach;
    }
}

void ly_camera_orbit(ly_camera *c, double dx, double dy, int width, int height)
{
    if (!c || width <= 0 || height <= 0)
        return;
    double dh = ORBIT_PER_WIDTH * dx / width, dp = TILT_PER_HEIGHT * dy / height;
    if (!isfinite(dh) || !isfinite(dp))
        return;
    c->flying = false;
    ly_camera_pose p = c->pose;
    /* Dragging right turns the camera clockwise round the target, so the
     * near side of the map follows the finger; dragging down looks down. */
    p.heading = wrap_heading(p.heading + dh);
    p.pitch += dp;
    c->pose = clamp_pose(c, p);
}

void ly_camera_pan(ly_camera *c, int width, int height, double x0, double y0, double x1,
                   double y1)
{
    if (!c || width <= 0 || height <= 0 || !isfinite(x0) || !isfinite(y0) || !isfinite(x1) ||
        !isfinite(y1))
        return;
    c->flying = false;
    ly_camera_pose p = clamp_pose(c, c->pose);
    double a[2], b[2];
    level_at(c, &p, width, height, x0, y0, 0, a);
    level_at(c, &p, width, height, x1, y1, 0, b);
    /* Sliding the camera by a - b slides every ground point by b - a on the
     * ground, so the point under (x0, y0) lands exactly under (x1, y1). */
    p.target[0] += a[0] - b[0];
    p.target[1] += a[1] - b[1];
    c->pose = clamp_pose(c, p);
}

void ly_camera_zoom_at(ly_camera *c, int width, int height, double sx, double sy, double factor)
{
    ly_camera_zoom_toward(c, width, height, sx, sy, factor, NULL);
}

void ly_camera_zoom_toward(ly_camera *c, int width, int height, double sx, double sy,
                           double factor, const float anchor[3])
{
    if (!c || !isfinite(factor) || factor <= 0)
        return;
    c->flying = false;
    limits l = get_limits(c);
    ly_camera_pose before = clamp_pose(c, c->pose), p = before;
    /* In log space, so factor 1e-300 or 1e300 clamps instead of overflowing. */
    p.distance = exp(clampd(log(p.distance) - log(factor), log(l.min_d), log(l.max_d)));
    p = clamp_pose(c, p);
    bool screen = width > 0 && height > 0 && isfinite(sx) && isfinite(sy);
    /* The anchor's height: the point stays under the cursor by keeping its
     * level plane's point there. Only a point below the eye, on a ray that
     * goes down, can anchor; anything else zooms about the ground. */
    double z = 0;
    if (screen && anchor && isfinite(anchor[0]) && isfinite(anchor[1]) && isfinite(anchor[2]) &&
        anchor[2] > 0) {
        double eb[3], ea[3], d[3];
        eye_of(&before, eb);
        ray_dir(c, &before, width, height, sx, sy, d);
        double dl = sqrt(dot3(d, d));
        if (dl > 0 && d[2] < 0 && eb[2] > anchor[2]) {
            z = anchor[2];
            /* Closing in on a tower's face or roof, the eye stops min_distance
             * short of the point along the ray instead of going through it.
             * The eye's height is affine in the distance (same target, pitch). */
            double sink = -d[2] / dl, need = z + l.min_d * sink;
            eye_of(&p, ea);
            if (factor > 1 && ea[2] < need) {
                double per = (eb[2] - ea[2]) / (before.distance - p.distance);
                double dist = isfinite(per) && per > 0 ? p.distance + (need - ea[2]) / per
                                                       : before.distance;
                p.distance = fmin(before.distance, dist);
                p = clamp_pose(c, p);
            }
        }
    }
    if (screen) {
        double a[2], b[2];
        level_at(c, &before, width, height, sx, sy, z, a);
        level_at(c, &p, width, height, sx, sy, z, b);
        p.target[0] += a[0] - b[0];
        p.target[1] += a[1] - b[1];
        p = clamp_pose(c, p);
    }
    c->pose = p;
}

void ly_camera_tilt(ly_camera *c, double radians)
{
    if (!c || !isfinite(radians))
        return;
    c->flying = false;
    ly_camera_pose p = c->pose;
    p.pitch += radians;
    c->pose = clamp_pose(c, p);
}

void ly_camera_twist(ly_camera *c, double radians)
{
    if (!c || !isfinite(radians))
        return;
    c->flying = false;
    ly_camera_pose p = c->pose;
    p.heading = wrap_heading(p.heading + radians);
    c->pose = clamp_pose(c, p);
}

void ly_camera_fling(ly_camera *c, double vx, double vy, bool orbit, int width, int height)
{
    if (!c || width <= 0 || height <= 0 || !isfinite(vx) || !isfinite(vy))
        return;
    c->flying = false;
    stop_inertia(c);
    /* Nothing real flicks faster than this; it keeps the sums below finite. */
    vx = clampd(vx, -1e7, 1e7);
    vy = clampd(vy, -1e7, 1e7);
    ly_camera_pose p = clamp_pose(c, c->pose);
    if (orbit) {
        /* The same gain as ly_camera_orbit, per second. */
        c->v_heading = clampd(ORBIT_PER_WIDTH * vx / width, -MAX_SPIN, MAX_SPIN);
        c->v_pitch = clampd(TILT_PER_HEIGHT * vy / height, -MAX_TILT, MAX_TILT);
        return;
    }
    /* Pixels per second to metres per second at the target: a pixel spans
     * mpp metres across, and 1 / sin(pitch) times that along the ground
     * going away. The target moves against the map. */
    double tx, ty;
    half_tans(c, aspect_of(width, height), &tx, &ty);
    double mpp = 2 * p.distance * ty / height;
    double ax = -vx * mpp, ay = vy * mpp / fmax(sin(p.pitch), 0.05);
    double sh = sin(p.heading), ch = cos(p.heading);
    double v0 = ax * ch + ay * sh, v1 = -ax * sh + ay * ch;
    double speed = hypot(v0, v1), cap = MAX_PAN_RATE * p.distance;
    if (speed > cap) {
        v0 *= cap / speed;
        v1 *= cap / speed;
    }
    c->v_pan[0] = v0;
    c->v_pan[1] = v1;
}

/* Smoothstep: starts and ends at rest. */
static double ease(double t)
{
    t = clampd(t, 0, 1);
    return t * t * (3 - 2 * t);
}

static void step_flight(ly_camera *c, double dt)
{
    c->fly_t += dt;
    if (!isfinite(c->fly_duration) || c->fly_duration <= 0 || !isfinite(c->fly_t) ||
        c->fly_t >= c->fly_duration) {
        c->pose = clamp_pose(c, c->fly_to);
        c->flying = false;
        return;
    }
    const ly_camera_pose *a = &c->fly_from, *b = &c->fly_to;
    double s = ease(c->fly_t / c->fly_duration);
    ly_camera_pose p;
    for (int k = 0; k < 3; k++)
        p.target[k] = a->target[k] + (b->target[k] - a->target[k]) * s;
    p.heading = wrap_heading(a->heading + shortest_turn(a->heading, b->heading) * s);
    p.pitch = a->pitch + (b->pitch - a->pitch) * s;

    /* Distance moves evenly in log space (zooming feels even). A hop longer
     * than twice the larger distance rises mid-way, enough to keep some of
     * both ends in mind, by the log of how much longer it is. */
    double la = log(a->distance), lb = log(b->distance);
    double hop = hypot(b->target[0] - a->target[0], b->target[1] - a->target[1]);
    double span = 2 * fmax(a->distance, b->distance), rise = 0;
    if (hop > span) {
        limits l = get_limits(c);
        rise = fmin(log(hop / span), fmax(0, log(l.max_d) - 0.5 * (la + lb)));
    }
    p.distance = exp(la + (lb - la) * s + rise * 4 * s * (1 - s));
    c->pose = clamp_pose(c, p);
}

bool ly_camera_update(ly_camera *c, double dt)
{
    if (!c)
        return false;
    if (!isfinite(dt) || dt < 0)
        dt = 0;
    bool moving = false;
    if (c->flying) {
        step_flight(c, dt);
        moving = true;
    }
    /* A finger on the map catches it. */
    if (c->dragging)
        stop_inertia(c);
    double *vs[] = {&c->v_heading, &c->v_pitch, &c->v_pan[0], &c->v_pan[1], &c->v_zoom};
    bool coasting = false;
    for (size_t i = 0; i < sizeof vs / sizeof vs[0]; i++) {
        if (!isfinite(*vs[i]))
            *vs[i] = 0;
        coasting |= *vs[i] != 0;
    }
    if (!coasting)
        return moving;

    /* Exact integral of v * exp(-t / tau) over dt, so a long frame coasts
     * as far as many short ones. */
    double decay = exp(-dt / INERTIA_TAU), gain = INERTIA_TAU * (1 - decay);
    limits l = get_limits(c);
    ly_camera_pose p = clamp_pose(c, c->pose), q = p;
    q.heading = wrap_heading(p.heading + c->v_heading * gain);
    q.pitch = p.pitch + c->v_pitch * gain;
    q.target[0] += c->v_pan[0] * gain;
    q.target[1] += c->v_pan[1] * gain;
    double ld = log(p.distance) + c->v_zoom * gain;
    q.distance = exp(clampd(ld, log(l.min_d), log(l.max_d)));
    ly_camera_pose clamped = clamp_pose(c, q);
    /* Coasting into a limit stops that motion instead of pressing on it. */
    if (clamped.pitch != q.pitch)
        c->v_pitch = 0;
    if (clamped.target[0] != q.target[0])
        c->v_pan[0] = 0;
    if (clamped.target[1] != q.target[1])
        c->v_pan[1] = 0;
    if (ld < log(l.min_d) || ld > log(l.max_d))
        c->v_zoom = 0;
    c->pose = clamped;

    for (size_t i = 0; i < sizeof vs / sizeof vs[0]; i++)
        *vs[i] *= decay;
    if (fabs(c->v_heading) < STOP_SPIN)
        c->v_heading = 0;
    if (fabs(c->v_pitch) < STOP_SPIN)
        c->v_pitch = 0;
    if (hypot(c->v_pan[0], c->v_pan[1]) < STOP_PAN * clamped.distance)
        c->v_pan[0] = c->v_pan[1] = 0;
    if (fabs(c->v_zoom) < STOP_ZOOM)
        c->v_zoom = 0;
    return true;
}
