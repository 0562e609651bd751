${header}
${lookback}
${lane_scan}
// ---- single-pass scan, one tile per single-work-item group (CPU devices) ----
// A CPU thread evaluates its tile's inputs into a local buffer (which stays in its cache),
// scans the buffer in place, chains the tile, then runs the output statement with the tile's
// prefix combined into each item. Memory sees every element read once and written once. Only
// the in-place scan carries a value from element to element, and it goes a vector at a time
// where the operator allows (CLARITY_LANES), so that the other loops can vectorise.
#define CLARITY_TILE ${items_per_work_item}
// Whether input_fetch_exprs read at offset -1.
#define CLARITY_FETCHES_PREVIOUS ${fetches_previous}

#if CLARITY_SEGMENTED
// Whether a segment starts at or before tile element k.
#define CLARITY_SEEN(k) (clarity_seen[k] != 0)
#else
#define CLARITY_SEEN(k) false
#endif

__kernel __attribute__((reqd_work_group_size(1, 1, 1)))
void ${name}(${parameters}
    clarity_index_t N, __global uchar *clarity_scratch, uint clarity_epoch, int clarity_total_only)
{
${pointer_setup}
    __local clarity_scan_t clarity_values[CLARITY_TILE] __attribute__((aligned(64)));
#if CLARITY_SEGMENTED
    __local uchar clarity_segment_starts[CLARITY_TILE];
    __local uchar clarity_seen[CLARITY_TILE];
#endif

    const uint clarity_tiles = (uint)(((ulong)N + CLARITY_TILE - 1) / CLARITY_TILE);
    const uint clarity_tile = clarity_take_ticket(CLARITY_TICKET(clarity_scratch), clarity_tiles);
    const clarity_index_t clarity_tile_start = (clarity_index_t)clarity_tile * CLARITY_TILE;
    const uint clarity_tile_size = (uint)min((clarity_index_t)CLARITY_TILE, N - clarity_tile_start);

    // 1. Inputs into the buffer.
#if CLARITY_FETCHES_PREVIOUS
    // The data's first element on its own, where a fetch at offset -1 reads element 0: in the
    // loop it reads i - 1, which vectorises as a plain load rather than a gather.
    const uint clarity_first = clarity_tile_start == 0;
    if (clarity_first)
    {
        const clarity_index_t i = 0;
${input_fetches}
        clarity_values[0] = (${input_expr});
#if CLARITY_SEGMENTED
        clarity_segment_starts[0] = (${segment_start_expr}) ? 1 : 0;
#endif
    }
#else
    const uint clarity_first = 0;
#endif
    for (uint clarity_k = clarity_first; clarity_k < clarity_tile_size; ++clarity_k)
    {
        const clarity_index_t i = clarity_tile_start + clarity_k;
${input_fetches_after_first}
        clarity_values[clarity_k] = (${input_expr});
#if CLARITY_SEGMENTED
        clarity_segment_starts[clarity_k] = (${segment_start_expr}) ? 1 : 0;
#endif
    }

    // 2. The buffer's inclusive scan, in place; its last item is the tile's aggregate.
#if CLARITY_SEGMENTED
    clarity_seen[0] = clarity_segment_starts[0];
#endif
    uint clarity_scanned = 1;  // elements of the buffer scanned so far
#ifdef CLARITY_LANES
    // Each vector is scanned on its own; only the carry, one operation per vector, waits for
    // the vector before.
    clarity_lanes_t clarity_carry;  // the last item so far, in every lane
#if CLARITY_SEGMENTED
    clarity_lane_mask_t clarity_carry_seen = (clarity_lane_mask_t)0;  // whether a segment started so far
#endif
    for (uint clarity_k = 0; clarity_k + CLARITY_LANES <= clarity_tile_size; clarity_k += CLARITY_LANES)
    {
#if CLARITY_SEGMENTED
        clarity_lane_mask_t clarity_starts = CLARITY_LANE_FLAGS(clarity_segment_starts + clarity_k);
#else
        clarity_lane_mask_t clarity_starts = (clarity_lane_mask_t)0;
#endif
        clarity_lanes_t clarity_x = clarity_scan_lanes(CLARITY_LANES_AT(clarity_values, clarity_k), &clarity_starts);
        const clarity_lanes_t clarity_total = (clarity_lanes_t)CLARITY_LAST_LANE(clarity_x);
        const clarity_lane_mask_t clarity_total_starts = (clarity_lane_mask_t)CLARITY_LAST_LANE(clarity_starts);
        if (clarity_k > 0)
        {
            clarity_x = clarity_scan_op_lanes(clarity_carry, clarity_x, clarity_starts);
            clarity_carry = clarity_scan_op_lanes(clarity_carry, clarity_total, clarity_total_starts);
        }
        else
            clarity_carry = clarity_total;
        CLARITY_LANES_AT(clarity_values, clarity_k) = clarity_x;
#if CLARITY_SEGMENTED
        CLARITY_LANE_STORE_FLAGS(clarity_starts | clarity_carry_seen, clarity_seen + clarity_k);
        clarity_carry_seen |= clarity_total_starts;
#endif
        clarity_scanned = clarity_k + CLARITY_LANES;
    }
#endif
    // What is left, one element at a time (all of it when the operator has no vector form).
    for (uint clarity_k = clarity_scanned; clarity_k < clarity_tile_size; ++clarity_k)
    {
        clarity_values[clarity_k] =
            clarity_scan_op(clarity_values[clarity_k - 1], clarity_values[clarity_k], CLARITY_STARTS(clarity_k));
#if CLARITY_SEGMENTED
        clarity_seen[clarity_k] = clarity_seen[clarity_k - 1] | clarity_segment_starts[clarity_k];
#endif
    }

    // 3. Chain the tile.
    clarity_scan_t clarity_prefix;
    const clarity_scan_t clarity_inclusive =
        clarity_chain_tile(CLARITY_DESCRIPTORS(clarity_scratch), clarity_tile, clarity_epoch,
                           clarity_values[clarity_tile_size - 1], CLARITY_SEEN(clarity_tile_size - 1), &clarity_prefix);
    if (clarity_total_only)
    {
        if (clarity_tile == clarity_tiles - 1)
            *CLARITY_TOTAL(clarity_scratch) = clarity_inclusive;
        return;
    }

    // 4. The prefix into each item, and the output statement.
#if CLARITY_USES_LAST_ITEM
    const clarity_scan_t last_item = *CLARITY_TOTAL(clarity_scratch);
#endif
    const bool clarity_has_prefix = clarity_tile > 0;
#if CLARITY_USES_PREV_ITEM
    clarity_scan_t clarity_before = clarity_prefix;  // the item before element k (i > 0)
#endif${output_loop_hint}
    for (uint clarity_k = 0; clarity_k < clarity_tile_size; ++clarity_k)
    {
        const clarity_index_t i = clarity_tile_start + clarity_k;
        const clarity_scan_t item = clarity_has_prefix
                                        ? clarity_scan_op(clarity_prefix, clarity_values[clarity_k], CLARITY_SEEN(clarity_k))
                                        : clarity_values[clarity_k];
#if CLARITY_USES_PREV_ITEM
        const clarity_scan_t prev_item = (i == 0 || CLARITY_STARTS(clarity_k)) ? clarity_neutral() : clarity_before;
#endif
        ${output_statement};
#if CLARITY_USES_PREV_ITEM
        clarity_before = item;
#endif
    }
}
