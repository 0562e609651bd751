${prelude}
${preamble}

// ---- clarity scan: the scanned type, the index type and the user's operator ----
typedef ${scan_t} clarity_scan_t;
typedef ${index_t} clarity_index_t;

#define CLARITY_SEGMENTED ${segmented}
#define CLARITY_USES_PREV_ITEM ${uses_prev_item}
#define CLARITY_USES_LAST_ITEM ${uses_last_item}

// a is the prefix, b the element being added; across_seg_boundary: b starts a segment.
inline clarity_scan_t clarity_scan_op(clarity_scan_t a, clarity_scan_t b, bool across_seg_boundary)
{
    return (${scan_expr}
    );
}

#if CLARITY_USES_PREV_ITEM
inline clarity_scan_t clarity_neutral(void)
{
    return (${neutral}
    );
}
#endif
