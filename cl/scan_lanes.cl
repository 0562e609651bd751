// ---- scans of whole vectors, for the sequential tiles of a scalar type ----
// The scan operator is one that means the same applied lane by lane to OpenCL vectors as to
// scalars (scan_source.cpp admits a short list), so a tile is scanned a vector at a time in
// registers instead of one dependent step per element.
#define CLARITY_LANES ${lanes}
// The vector of a local buffer (aligned to 64 bytes) that starts at element k, a multiple of the lanes.
#define CLARITY_LANES_AT(buffer, k) (*(__local clarity_lanes_t *)((buffer) + (k)))

typedef ${scan_t}${lanes} clarity_lanes_t;
// Per lane, all bits set or none (the vector form of a bool, as vector comparisons give it).
typedef ${mask_t}${lanes} clarity_lane_mask_t;

inline clarity_lanes_t clarity_scan_op_lanes(clarity_lanes_t a, clarity_lanes_t b, clarity_lane_mask_t across_seg_boundary)
{
    return (${scan_expr}
    );
}

// Each lane from `distance` up takes the combination of the lane `distance` below it with
// itself; `shifted` are the lanes moved up by `distance`. starts: whether a lane's range
// holds a segment start.
inline void clarity_combine_lanes(clarity_lanes_t *x, clarity_lane_mask_t *starts, clarity_lanes_t shifted,
                                  clarity_lane_mask_t shifted_starts, int distance)
{
    const clarity_lane_mask_t moves = (clarity_lane_mask_t)(${lane_numbers}) >= (clarity_lane_mask_t)distance;
    *x = moves ? clarity_scan_op_lanes(shifted, *x, *starts) : *x;
    *starts = moves ? (*starts | shifted_starts) : *starts;
}

// The inclusive scan of the lanes of x in log2(lanes) steps (Hillis and Steele). starts: in,
// the lanes that start a segment; out, the lanes at or after a start.
inline clarity_lanes_t clarity_scan_lanes(clarity_lanes_t x, clarity_lane_mask_t *starts)
{
${lane_steps}
    return x;
}

// The last lane of x.
#define CLARITY_LAST_LANE(x) ((x).s${last_lane})
// Segment start flags (uchar, 0 or 1) of a vector's elements, as a lane mask, and back.
#define CLARITY_LANE_FLAGS(p) (convert_${mask_t}${lanes}(vload${lanes}(0, p)) != (clarity_lane_mask_t)0)
#define CLARITY_LANE_STORE_FLAGS(m, p) vstore${lanes}(convert_uchar${lanes}((m) & (clarity_lane_mask_t)1), 0, p)
