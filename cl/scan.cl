${header}
${lookback}
${group}
// ---- single-pass scan, one tile of WG x ITEMS elements per work-group (GPUs) ----
// Every element is read once and written once. Global reads and writes are striped
// (neighbouring work-items on neighbouring indices, so they coalesce); local memory transposes
// the tile in between, so that each work-item scans ITEMS consecutive elements in registers,
// where they stay through the look-back.
#define CLARITY_ITEMS ${items_per_work_item}
#define CLARITY_TILE (CLARITY_WG * CLARITY_ITEMS)
// Local-memory slots padded every 32 elements against bank conflicts when work-items read
// consecutive elements.
#define CLARITY_SLOT(k) ((k) + (k) / 32)

__kernel __attribute__((reqd_work_group_size(CLARITY_WG, 1, 1)))
void ${name}(${parameters}
    clarity_index_t N, __global uchar *clarity_scratch, uint clarity_epoch, int clarity_total_only)
{
${pointer_setup}
    __local clarity_scan_t clarity_values[CLARITY_SLOT(CLARITY_TILE)];
#if CLARITY_SEGMENTED
    __local uchar clarity_segment_starts[CLARITY_TILE];
#endif
    __local clarity_group_t clarity_group;

    const uint clarity_lid = get_local_id(0);
    clarity_index_t clarity_tile_start;
    uint clarity_tile_size;
    const uint clarity_tile = clarity_group_take_tile(&clarity_group, clarity_scratch, N, CLARITY_TILE,
                                                      &clarity_tile_start, &clarity_tile_size);

    // 1. Evaluate the inputs, striped; all loads are issued before the first store.
    {
        clarity_scan_t clarity_item[CLARITY_ITEMS];
        bool clarity_starts[CLARITY_ITEMS];
        #pragma unroll
        for (uint clarity_k = 0; clarity_k < CLARITY_ITEMS; ++clarity_k)
        {
            const uint clarity_at = clarity_k * CLARITY_WG + clarity_lid;
            if (clarity_at < clarity_tile_size)
            {
                const clarity_index_t i = clarity_tile_start + clarity_at;
${input_fetches}
                clarity_item[clarity_k] = (${input_expr});
                clarity_starts[clarity_k] = (${segment_start_expr});
            }
        }
        #pragma unroll
        for (uint clarity_k = 0; clarity_k < CLARITY_ITEMS; ++clarity_k)
        {
            const uint clarity_at = clarity_k * CLARITY_WG + clarity_lid;
            if (clarity_at < clarity_tile_size)
            {
                clarity_values[CLARITY_SLOT(clarity_at)] = clarity_item[clarity_k];
#if CLARITY_SEGMENTED
                clarity_segment_starts[clarity_at] = clarity_starts[clarity_k];
#endif
            }
        }
    }
    barrier(CLK_LOCAL_MEM_FENCE);

    // 2. Each work-item scans its ITEMS consecutive elements in registers; positions past the
    //    tile's end repeat the last value, so that the last one is the work-item's partial.
    const uint clarity_first = clarity_lid * CLARITY_ITEMS;
    clarity_scan_t clarity_value[CLARITY_ITEMS];
    bool clarity_start[CLARITY_ITEMS];  // after the scan: a segment start among elements 0..k
    #pragma unroll
    for (uint clarity_k = 0; clarity_k < CLARITY_ITEMS; ++clarity_k)
    {
        clarity_value[clarity_k] = clarity_values[CLARITY_SLOT(clarity_first + clarity_k)];
        clarity_start[clarity_k] = CLARITY_STARTS(clarity_first + clarity_k);
    }
    #pragma unroll
    for (uint clarity_k = 1; clarity_k < CLARITY_ITEMS; ++clarity_k)
    {
        const bool clarity_inside = clarity_first + clarity_k < clarity_tile_size;
        clarity_value[clarity_k] = clarity_inside ? clarity_scan_op(clarity_value[clarity_k - 1], clarity_value[clarity_k],
                                                                    clarity_start[clarity_k])
                                                  : clarity_value[clarity_k - 1];
        clarity_start[clarity_k] = clarity_start[clarity_k - 1] || (clarity_inside && clarity_start[clarity_k]);
    }

    // 3. The group scans the partials and chains the tile.
    clarity_group_scan_partials(&clarity_group, clarity_value[CLARITY_ITEMS - 1], clarity_start[CLARITY_ITEMS - 1]);
    const clarity_scan_t clarity_inclusive =
        clarity_group_chain_tile(&clarity_group, CLARITY_DESCRIPTORS(clarity_scratch), clarity_tile, clarity_epoch,
                                 (clarity_tile_size - 1) / CLARITY_ITEMS);
    if (clarity_total_only)
    {
        if (clarity_lid == 0 && clarity_tile_start + clarity_tile_size == N)
            *CLARITY_TOTAL(clarity_scratch) = clarity_inclusive;
        return;
    }

    // 4. The work-item's prefix turns its elements into inclusive scan values, which go back
    //    to local memory for the striped output.
    clarity_scan_t clarity_carry;
    if (clarity_group_prefix(&clarity_group, clarity_tile, &clarity_carry))
    {
        #pragma unroll
        for (uint clarity_k = 0; clarity_k < CLARITY_ITEMS; ++clarity_k)
            clarity_value[clarity_k] = clarity_scan_op(clarity_carry, clarity_value[clarity_k], clarity_start[clarity_k]);
    }
    #pragma unroll
    for (uint clarity_k = 0; clarity_k < CLARITY_ITEMS; ++clarity_k)
        clarity_values[CLARITY_SLOT(clarity_first + clarity_k)] = clarity_value[clarity_k];
    barrier(CLK_LOCAL_MEM_FENCE);

    // 5. Run the output statement, striped again. Not unrolled: that changed nothing on the
    //    H200, and PoCL's CPU compiler got the unrolled, guarded statements wrong (copy_if crashed).
#if CLARITY_USES_LAST_ITEM
    const clarity_scan_t last_item = *CLARITY_TOTAL(clarity_scratch);
#endif
    for (uint clarity_k = 0; clarity_k < CLARITY_ITEMS; ++clarity_k)
    {
        const uint clarity_at = clarity_k * CLARITY_WG + clarity_lid;
        if (clarity_at < clarity_tile_size)
        {
            const clarity_index_t i = clarity_tile_start + clarity_at;
            const clarity_scan_t item = clarity_values[CLARITY_SLOT(clarity_at)];
#if CLARITY_USES_PREV_ITEM
            const clarity_scan_t prev_item = (i == 0 || CLARITY_STARTS(clarity_at)) ? clarity_neutral()
                                             : clarity_at > 0 ? clarity_values[CLARITY_SLOT(clarity_at - 1)]
                                                              : clarity_group.tile_prefix;
#endif
            ${output_statement};
        }
    }
}
