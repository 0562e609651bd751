${header}
${lookback}
// ---- single-pass scan, one tile of WG x ITEMS elements per work-group (GPUs) ----
// Every element is read once and written once. Global reads and writes are striped
// (neighbouring work-items on neighbouring indices, so they coalesce); in between, the tile
// sits in local memory and each work-item works on ITEMS consecutive elements. Registers hold
// elements only while loading (so that all loads are in flight at once), not across the
// look-back (keeping them measured the same on the H200, 1.31 against 1.35 ms for 2^28 ints
// at 256 x 16, with more registers).
#define CLARITY_WG ${work_group_size}
#define CLARITY_ITEMS ${items_per_work_item}
#define CLARITY_TILE (CLARITY_WG * CLARITY_ITEMS)
// The work-items' partials are scanned by WG / RAKE work-items, RAKE partials each, then one
// work-item scans those totals: three barriers whatever the group size.
#define CLARITY_RAKE (CLARITY_WG < 16 ? CLARITY_WG : 16)
#define CLARITY_RAKERS (CLARITY_WG / CLARITY_RAKE)
// Local-memory slots padded every 32 elements (every RAKE partials) against bank conflicts
// when work-items read consecutive elements.
#define CLARITY_SLOT(k) ((k) + (k) / 32)
#define CLARITY_PARTIAL_SLOT(k) ((k) + (k) / CLARITY_RAKE)

// Inclusive scan of n values and their segment-start flags (which become "a start among
// 0..k") in place; called with a compile-time n on private arrays, it unrolls into registers.
inline void clarity_scan_in_registers(clarity_scan_t *values, bool *starts, uint n)
{
    #pragma unroll
    for (uint k = 1; k < n; ++k)
    {
        values[k] = clarity_scan_op(values[k - 1], values[k], starts[k]);
        starts[k] = starts[k - 1] || starts[k];
    }
}

__kernel __attribute__((reqd_work_group_size(CLARITY_WG, 1, 1)))
void ${name}(${parameters}
    clarity_index_t N, __global uchar *clarity_scratch, uint clarity_epoch, int clarity_total_only)
{
${pointer_setup}
    __local clarity_scan_t clarity_values[CLARITY_SLOT(CLARITY_TILE)];
#if CLARITY_SEGMENTED
    __local uchar clarity_segment_starts[CLARITY_TILE];
#endif
    __local clarity_scan_t clarity_partials[CLARITY_PARTIAL_SLOT(CLARITY_WG)];
    __local uchar clarity_partial_starts[CLARITY_WG];
    __local clarity_scan_t clarity_rake_totals[CLARITY_RAKERS];
    __local uchar clarity_rake_starts[CLARITY_RAKERS];
    __local uint clarity_tile_ticket;
    __local clarity_scan_t clarity_tile_prefix;

    const uint clarity_lid = get_local_id(0);
    const uint clarity_tiles = (uint)((N + CLARITY_TILE - 1) / CLARITY_TILE);
    if (clarity_lid == 0)
        clarity_tile_ticket = clarity_take_ticket(CLARITY_TICKET(clarity_scratch), clarity_tiles);
    barrier(CLK_LOCAL_MEM_FENCE);
    const uint clarity_tile = clarity_tile_ticket;
    const clarity_index_t clarity_tile_start = (clarity_index_t)clarity_tile * CLARITY_TILE;
    const uint clarity_tile_size = (uint)min((clarity_index_t)CLARITY_TILE, N - clarity_tile_start);

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

    // 2. Each work-item combines its ITEMS consecutive elements into its partial.
    const uint clarity_first = clarity_lid * CLARITY_ITEMS;
    clarity_scan_t clarity_partial = clarity_values[CLARITY_SLOT(clarity_first)];
    bool clarity_partial_has_start = CLARITY_STARTS(clarity_first);
    #pragma unroll
    for (uint clarity_k = 1; clarity_k < CLARITY_ITEMS; ++clarity_k)
    {
        if (clarity_first + clarity_k < clarity_tile_size)
        {
            const bool clarity_starts_here = CLARITY_STARTS(clarity_first + clarity_k);
            clarity_partial = clarity_scan_op(clarity_partial, clarity_values[CLARITY_SLOT(clarity_first + clarity_k)],
                                              clarity_starts_here);
            clarity_partial_has_start |= clarity_starts_here;
        }
    }
    clarity_partials[CLARITY_PARTIAL_SLOT(clarity_lid)] = clarity_partial;
    clarity_partial_starts[clarity_lid] = clarity_partial_has_start;
    barrier(CLK_LOCAL_MEM_FENCE);

    // 3. Scan of the partials: RAKERS work-items scan RAKE partials each, in place. Partials of
    //    work-items past the tile's end are garbage but only reach entries past it.
    if (clarity_lid < CLARITY_RAKERS)
    {
        const uint clarity_base = clarity_lid * CLARITY_RAKE;
        clarity_scan_t clarity_run[CLARITY_RAKE];
        bool clarity_run_starts[CLARITY_RAKE];
        #pragma unroll
        for (uint clarity_k = 0; clarity_k < CLARITY_RAKE; ++clarity_k)
        {
            clarity_run[clarity_k] = clarity_partials[CLARITY_PARTIAL_SLOT(clarity_base + clarity_k)];
            clarity_run_starts[clarity_k] = clarity_partial_starts[clarity_base + clarity_k];
        }
        clarity_scan_in_registers(clarity_run, clarity_run_starts, CLARITY_RAKE);
        #pragma unroll
        for (uint clarity_k = 1; clarity_k < CLARITY_RAKE; ++clarity_k)
        {
            clarity_partials[CLARITY_PARTIAL_SLOT(clarity_base + clarity_k)] = clarity_run[clarity_k];
            clarity_partial_starts[clarity_base + clarity_k] = clarity_run_starts[clarity_k];
        }
        clarity_rake_totals[clarity_lid] = clarity_run[CLARITY_RAKE - 1];
        clarity_rake_starts[clarity_lid] = clarity_run_starts[CLARITY_RAKE - 1];
    }
    barrier(CLK_LOCAL_MEM_FENCE);

    // 4. One work-item scans the rake totals, finds the tile's aggregate and chains the tile.
    const uint clarity_last = (clarity_tile_size - 1) / CLARITY_ITEMS;  // the last work-item with elements
    if (clarity_lid == 0)
    {
        clarity_scan_t clarity_totals[CLARITY_RAKERS];
        bool clarity_totals_starts[CLARITY_RAKERS];
        #pragma unroll
        for (uint clarity_k = 0; clarity_k < CLARITY_RAKERS; ++clarity_k)
        {
            clarity_totals[clarity_k] = clarity_rake_totals[clarity_k];
            clarity_totals_starts[clarity_k] = clarity_rake_starts[clarity_k];
        }
        clarity_scan_in_registers(clarity_totals, clarity_totals_starts, CLARITY_RAKERS);
        #pragma unroll
        for (uint clarity_k = 1; clarity_k < CLARITY_RAKERS; ++clarity_k)
        {
            clarity_rake_totals[clarity_k] = clarity_totals[clarity_k];
            clarity_rake_starts[clarity_k] = clarity_totals_starts[clarity_k];
        }
        clarity_scan_t clarity_aggregate = clarity_partials[CLARITY_PARTIAL_SLOT(clarity_last)];
        bool clarity_has_start = clarity_partial_starts[clarity_last];
        if (clarity_last >= CLARITY_RAKE)
        {
            const uint clarity_left = clarity_last / CLARITY_RAKE - 1;
            clarity_aggregate = clarity_scan_op(clarity_rake_totals[clarity_left], clarity_aggregate, clarity_has_start);
            clarity_has_start |= clarity_rake_starts[clarity_left];
        }
        clarity_scan_t clarity_prefix;
        const clarity_scan_t clarity_inclusive =
            clarity_chain_tile(CLARITY_DESCRIPTORS(clarity_scratch), clarity_tile, clarity_epoch, clarity_aggregate,
                               clarity_has_start, &clarity_prefix);
        clarity_tile_prefix = clarity_prefix;
        if (clarity_total_only && clarity_tile == clarity_tiles - 1)
            *CLARITY_TOTAL(clarity_scratch) = clarity_inclusive;
    }
    if (clarity_total_only)
        return;
    barrier(CLK_LOCAL_MEM_FENCE);

    // 5. Each work-item's exclusive prefix: the tile's, then the earlier rakes', then the
    //    earlier partials of its own rake; its elements become inclusive scan values.
    clarity_scan_t clarity_carry;
    bool clarity_have_carry = clarity_tile > 0;
    if (clarity_have_carry)
        clarity_carry = clarity_tile_prefix;
    const uint clarity_rake = clarity_lid / CLARITY_RAKE;
    if (clarity_rake > 0)
    {
        const clarity_scan_t clarity_left = clarity_rake_totals[clarity_rake - 1];
        clarity_carry = clarity_have_carry ? clarity_scan_op(clarity_carry, clarity_left, clarity_rake_starts[clarity_rake - 1])
                                           : clarity_left;
        clarity_have_carry = true;
    }
    if (clarity_lid % CLARITY_RAKE > 0)
    {
        const clarity_scan_t clarity_left = clarity_partials[CLARITY_PARTIAL_SLOT(clarity_lid - 1)];
        clarity_carry = clarity_have_carry ? clarity_scan_op(clarity_carry, clarity_left, clarity_partial_starts[clarity_lid - 1])
                                           : clarity_left;
        clarity_have_carry = true;
    }
    #pragma unroll
    for (uint clarity_k = 0; clarity_k < CLARITY_ITEMS; ++clarity_k)
    {
        const uint clarity_slot = CLARITY_SLOT(clarity_first + clarity_k);
        const clarity_scan_t clarity_value = clarity_values[clarity_slot];
        clarity_carry = clarity_have_carry
                            ? clarity_scan_op(clarity_carry, clarity_value, CLARITY_STARTS(clarity_first + clarity_k))
                            : clarity_value;
        clarity_have_carry = true;
        clarity_values[clarity_slot] = clarity_carry;
    }
    barrier(CLK_LOCAL_MEM_FENCE);

    // 6. Run the output statement, striped again. Not unrolled: that changed nothing on the
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
                                                              : clarity_tile_prefix;
#endif
            ${output_statement};
        }
    }
}
