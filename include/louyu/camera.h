/* louyu camera: an orbiting map camera, its matrices and its motion.
 *
 * The camera looks at `target` from `distance` metres, turned `heading`
 * radians clockwise from north and tilted `pitch` radians down from the
 * horizon (pi/2 looks straight down). Every input (drag, wheel, pinch, keys)
 * becomes one of the operations below; ly_camera_update advances inertia and
 * fly-to animations by dt seconds. Limits keep the eye above the ground and
 * the target near the data. Plain values; no allocation, no GL, no SDL.
 * Coordinates: metres, x east, y north, z up. Screen: pixels, y down. */
#ifndef LOUYU_CAMERA_H
#define LOUYU_CAMERA_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    double target[3];
    double distance, heading, pitch;
} ly_camera_pose;

typedef struct {
    ly_camera_pose pose;
    double fov_y;  /* radians, across the shorter side of the view */
    double aspect; /* width / height the home and top views fit; 0: a square */
    /* limits */
    double bounds_min[3], bounds_max[3]; /* the data's box */
    double min_distance, max_distance, min_pitch, max_pitch;
    /* inertia: velocities per second, decaying */
    double v_heading, v_pitch, v_pan[2], v_zoom;
    bool dragging; /* no inertia while a finger or button holds the map */
    /* fly-to animation */
    bool flying;
    double fly_t, fly_duration;
    ly_camera_pose fly_from, fly_to;
} ly_camera;

typedef struct {
    float view[16], proj[16], view_proj[16]; /* column-major */
    float eye[3];
    float near_plane, far_plane;
} ly_camera_matrices;

/* Sets limits from the data's box and goes to the home view. */
void ly_camera_init(ly_camera *c, const float data_min[3], const float data_max[3]);
/* The home view: the whole district from the south-south-west, tilted. */
ly_camera_pose ly_camera_home_pose(const ly_camera *c);
/* Straight down, north up, the whole district in view. */
ly_camera_pose ly_camera_top_pose(const ly_camera *c);
/* A view that frames a box (a building) at the given heading. */
ly_camera_pose ly_camera_frame_pose(const ly_camera *c, const float min[3], const float max[3],
                                    double heading, double aspect);
/* The closest view at `heading` and `pitch` in which every one of n points
 * appears inside rect = {x0, y0, x1, y1}, pixels of a width x height view (y
 * down): a view of what matters that keeps clear of the panels around it. The
 * target lies on the ground under the middle of the view. No points: the home view. */
ly_camera_pose ly_camera_fit_points(const ly_camera *c, const float (*points)[3], size_t n,
                                    double heading, double pitch, int width, int height,
                                    const float rect[4]);
void ly_camera_set_pose(ly_camera *c, ly_camera_pose pose); /* jump, with limits */
void ly_camera_fly_to(ly_camera *c, ly_camera_pose pose, double seconds);

void ly_camera_get_matrices(const ly_camera *c, int width, int height, ly_camera_matrices *m);

/* Drag by (dx, dy) pixels: heading and pitch. */
void ly_camera_orbit(ly_camera *c, double dx, double dy, int width, int height);
/* Move the map so the ground point under (x0, y0) ends under (x1, y1). */
void ly_camera_pan(ly_camera *c, int width, int height, double x0, double y0, double x1,
                   double y1);
/* Zoom by `factor` (> 1 closer) keeping the ground point under (sx, sy) in place. */
void ly_camera_zoom_at(ly_camera *c, int width, int height, double sx, double sy, double factor);
/* The same, keeping a 3D point under (sx, sy) in place: the point of a tower's
 * face or roof under the cursor, so zooming at a tower closes in on that
 * point, stopping min_distance short of it. NULL, a point on or under the
 * ground, or one the eye cannot look down at: as ly_camera_zoom_at. */
void ly_camera_zoom_toward(ly_camera *c, int width, int height, double sx, double sy,
                           double factor, const float anchor[3]);
void ly_camera_tilt(ly_camera *c, double radians);
void ly_camera_twist(ly_camera *c, double radians);
/* A drag ended with this velocity (pixels per second): keep moving, decaying. */
void ly_camera_fling(ly_camera *c, double vx, double vy, bool orbit, int width, int height);
void ly_camera_stop(ly_camera *c); /* stop inertia and animation */
/* Advances inertia and animation; returns true while the camera is moving. */
bool ly_camera_update(ly_camera *c, double dt);

#endif
