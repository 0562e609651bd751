${header}
${lookback}
// ---- single-pass scan, one tile per single-work-item group (CPU devices) ----
// A CPU thread evaluates its tile's inputs into a local buffer (which stays in its cache) and
// reduces it, chains the tile, then scans the buffer from the tile's prefix and runs the output
// statement. Memory sees every element read once and written once. The input and reduction
// loops are kept apart so that they vectorise: fused into one loop they took 13 ms instead of
// 3 ms for 2^22 ints on PoCL (2 cores).
#define CLARITY_TILE ${items_per_work_item}

__kernel __attribute__((reqd_work_group_size(1, 1, 1)))
void ${name}(${parameters}
    clarity_index_t N, __global uchar *clarity_scratch, uint clarity_epoch, int clarity_total_only)
{
${pointer_setup}
    __local clarity_scan_t clarity_values[CLARITY_TILE];
#if CLARITY_SEGMENTED
    __local uchar clarity_segment_starts[CLARITY_TILE];
#endif

    const uint clarity_tiles = (uint)(((ulong)N + CLARITY_TILE - 1) / CLARITY_TILE);
    const uint clarity_tile = clarity_take_ticket(CLARITY_TICKET(clarity_scratch), clarity_tiles);
    const clarity_index_t clarity_tile_start = (clarity_index_t)clarity_tile * CLARITY_TILE;
    const uint clarity_tile_size = (uint)min((clarity_index_t)CLARITY_TILE, N - clarity_tile_start);

    // 1. Inputs into the buffer, and the tile's aggregate.
    for (uint clarity_k = 0; clarity_k < clarity_tile_size; ++clarity_k)
    {
        const clarity_index_t i = clarity_tile_start + clarity_k;
${input_fetches}
        clarity_values[clarity_k] = (${input_expr});
#if CLARITY_SEGMENTED
        clarity_segment_starts[clarity_k] = (${segment_start_expr}) ? 1 : 0;
#endif
    }
    clarity_scan_t clarity_aggregate = clarity_values[0];
    bool clarity_has_start = CLARITY_STARTS(0);
    for (uint clarity_k = 1; clarity_k < clarity_tile_size; ++clarity_k)
    {
        clarity_aggregate = clarity_scan_op(clarity_aggregate, clarity_values[clarity_k], CLARITY_STARTS(clarity_k));
        clarity_has_start |= CLARITY_STARTS(clarity_k);
    }

    // 2. Chain the tile.
    clarity_scan_t clarity_prefix;
    const clarity_scan_t clarity_inclusive =
        clarity_chain_tile(CLARITY_DESCRIPTORS(clarity_scratch), clarity_tile, clarity_epoch, clarity_aggregate,
                           clarity_has_start, &clarity_prefix);
    if (clarity_total_only)
    {
        if (clarity_tile == clarity_tiles - 1)
            *CLARITY_TOTAL(clarity_scratch) = clarity_inclusive;
        return;
    }

    // 3. Scan the buffer from the prefix and run the output statement.
#if CLARITY_USES_LAST_ITEM
    const clarity_scan_t last_item = *CLARITY_TOTAL(clarity_scratch);
#endif
    clarity_scan_t clarity_carry = clarity_prefix;
    for (uint clarity_k = 0; clarity_k < clarity_tile_size; ++clarity_k)
    {
        const clarity_index_t i = clarity_tile_start + clarity_k;
        const bool clarity_starts_here = CLARITY_STARTS(clarity_k);
        const clarity_scan_t item = (i == 0) ? clarity_values[0]
                                             : clarity_scan_op(clarity_carry, clarity_values[clarity_k], clarity_starts_here);
#if CLARITY_USES_PREV_ITEM
        const clarity_scan_t prev_item = (i == 0 || clarity_starts_here) ? clarity_neutral() : clarity_carry;
#endif
        ${output_statement};
        clarity_carry = item;
    }
}
