${header}
// ---- single-pass scan with decoupled look-back ----
// Each work-group takes the next tile number from a global ticket counter (so it only ever
// waits for tiles whose groups have already started, whatever order the device launches
// groups in), scans its tile in local memory, publishes the tile's aggregate, learns the
// prefix of all earlier tiles from their descriptors, publishes its inclusive prefix and
// writes its outputs. Every element is read once and written once.
#define CLARITY_WG ${work_group_size}
#define CLARITY_ITEMS ${items_per_work_item}
#define CLARITY_TILE (CLARITY_WG * CLARITY_ITEMS)
#define CLARITY_LOOKBACK_WINDOW 8
// Local-memory slot of tile element k, padded every 32 elements against bank conflicts when
// work-items read ITEMS consecutive elements.
#define CLARITY_SLOT(k) ((k) + (k) / 32)

// Descriptor status (low two bits); bit 2 says the tile holds a segment start.
#define CLARITY_INVALID 0u
#define CLARITY_AGGREGATE 1u
#define CLARITY_INCLUSIVE 2u
#define CLARITY_HAS_START 4u

${lookback}

// The prefix of everything before `tile`: descriptors are read CLARITY_LOOKBACK_WINDOW at a
// time (independent loads), combined from the nearest backwards, until an inclusive prefix.
// A tile not yet published is waited for; it took an earlier ticket, so it is running.
clarity_scan_t clarity_look_back(__global uchar *descriptors, uint tiles, uint tile)
{
    clarity_scan_t suffix;          // combination of the tiles after `next`, up to tile - 1
    bool suffix_starts = false;     // whether they hold a segment start
    bool have_suffix = false;
    uint next = tile - 1;
    for (;;)
    {
        uint status[CLARITY_LOOKBACK_WINDOW];
        clarity_scan_t value[CLARITY_LOOKBACK_WINDOW];
        for (uint k = 0; k < CLARITY_LOOKBACK_WINDOW; ++k)
            status[k] = clarity_probe(descriptors, tiles, next >= k ? next - k : 0, &value[k]);
        for (uint k = 0; k < CLARITY_LOOKBACK_WINDOW; ++k, --next)
        {
            if (status[k] == CLARITY_INVALID)
                break;  // not published yet: read the window again from here
            suffix = have_suffix ? clarity_scan_op(value[k], suffix, suffix_starts) : value[k];
            have_suffix = true;
            if ((status[k] & 3) == CLARITY_INCLUSIVE)
                return suffix;
            suffix_starts |= (status[k] & CLARITY_HAS_START) != 0;
        }
    }
}

__kernel __attribute__((reqd_work_group_size(CLARITY_WG, 1, 1)))
void ${name}(${parameters}
    clarity_index_t N, __global uchar *clarity_scratch, int clarity_total_only)
{
${pointer_setup}
    __local clarity_scan_t clarity_values[CLARITY_SLOT(CLARITY_TILE)];
#if CLARITY_SEGMENTED
    __local uchar clarity_segment_starts[CLARITY_TILE];
#define CLARITY_STARTS(k) (clarity_segment_starts[k] != 0)
#else
#define CLARITY_STARTS(k) false
#endif
    // Per work-item: the combination of its elements, then the inclusive scan of those.
    __local clarity_scan_t clarity_partials[CLARITY_WG];
    __local uchar clarity_partial_starts[CLARITY_WG];
    __local uint clarity_tile_ticket;
    __local clarity_scan_t clarity_tile_prefix;

    // Scratch: the total (for last_item), the ticket counter, then the tile descriptors.
    const uint clarity_total_bytes = (sizeof(clarity_scan_t) + 127) / 128 * 128;
    __global clarity_scan_t *clarity_total = (__global clarity_scan_t *)clarity_scratch;
    __global uint *clarity_ticket = (__global uint *)(clarity_scratch + clarity_total_bytes);
    __global uchar *clarity_descriptors = clarity_scratch + clarity_total_bytes + 128;

    const uint clarity_lid = get_local_id(0);
    const uint clarity_tiles = (uint)((N + CLARITY_TILE - 1) / CLARITY_TILE);
    if (clarity_lid == 0)
        clarity_tile_ticket = atomic_inc(clarity_ticket);
    barrier(CLK_LOCAL_MEM_FENCE);
    const uint clarity_tile = clarity_tile_ticket;
    const clarity_index_t clarity_tile_start = (clarity_index_t)clarity_tile * CLARITY_TILE;
    const uint clarity_tile_size = (uint)min((clarity_index_t)CLARITY_TILE, N - clarity_tile_start);

    // 1. Evaluate the input (and segment starts) of the tile; neighbouring work-items
    //    take neighbouring indices so that global reads coalesce.
    for (uint clarity_k = clarity_lid; clarity_k < clarity_tile_size; clarity_k += CLARITY_WG)
    {
        const clarity_index_t i = clarity_tile_start + clarity_k;
${input_fetches}
        clarity_values[CLARITY_SLOT(clarity_k)] = (${input_expr});
#if CLARITY_SEGMENTED
        clarity_segment_starts[clarity_k] = (${segment_start_expr}) ? 1 : 0;
#endif
    }
    barrier(CLK_LOCAL_MEM_FENCE);

    // 2. Each work-item combines its ITEMS consecutive elements (work-efficient).
    const uint clarity_active = (clarity_tile_size + CLARITY_ITEMS - 1) / CLARITY_ITEMS;  // work-items with elements
    const uint clarity_first = clarity_lid * CLARITY_ITEMS;
    const uint clarity_end = min(clarity_first + CLARITY_ITEMS, clarity_tile_size);
    clarity_scan_t clarity_partial;
    bool clarity_partial_has_start = false;
    for (uint clarity_k = clarity_first; clarity_k < clarity_end; ++clarity_k)
    {
        const bool clarity_starts_here = CLARITY_STARTS(clarity_k);
        const clarity_scan_t clarity_value = clarity_values[CLARITY_SLOT(clarity_k)];
        clarity_partial = clarity_k == clarity_first ? clarity_value
                                                     : clarity_scan_op(clarity_partial, clarity_value, clarity_starts_here);
        clarity_partial_has_start |= clarity_starts_here;
    }
    if (clarity_lid < clarity_active)
    {
        clarity_partials[clarity_lid] = clarity_partial;
        clarity_partial_starts[clarity_lid] = clarity_partial_has_start;
    }
    barrier(CLK_LOCAL_MEM_FENCE);

    // 3. Inclusive scan of the work-items' partials (Hillis-Steele over WG values).
    for (uint clarity_offset = 1; clarity_offset < clarity_active; clarity_offset <<= 1)
    {
        const bool clarity_takes = clarity_lid >= clarity_offset && clarity_lid < clarity_active;
        clarity_scan_t clarity_left;
        bool clarity_left_starts = false;
        if (clarity_takes)
        {
            clarity_left = clarity_partials[clarity_lid - clarity_offset];
            clarity_left_starts = clarity_partial_starts[clarity_lid - clarity_offset];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        if (clarity_takes)
        {
            clarity_partial = clarity_scan_op(clarity_left, clarity_partial, clarity_partial_has_start);
            clarity_partial_has_start |= clarity_left_starts;
            clarity_partials[clarity_lid] = clarity_partial;
            clarity_partial_starts[clarity_lid] = clarity_partial_has_start;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }

    // 4. Publish the tile's aggregate, look back for its prefix, publish its inclusive prefix.
    if (clarity_lid == 0)
    {
        const clarity_scan_t clarity_aggregate = clarity_partials[clarity_active - 1];
        const uint clarity_has_start = clarity_partial_starts[clarity_active - 1] ? CLARITY_HAS_START : 0u;
        clarity_scan_t clarity_inclusive = clarity_aggregate;
        if (clarity_tile > 0)
        {
            clarity_publish(clarity_descriptors, clarity_tiles, clarity_tile, CLARITY_AGGREGATE | clarity_has_start,
                            clarity_aggregate);
            clarity_tile_prefix = clarity_look_back(clarity_descriptors, clarity_tiles, clarity_tile);
            clarity_inclusive = clarity_scan_op(clarity_tile_prefix, clarity_aggregate, clarity_has_start != 0);
        }
        clarity_publish(clarity_descriptors, clarity_tiles, clarity_tile, CLARITY_INCLUSIVE, clarity_inclusive);
        if (clarity_total_only && clarity_tile == clarity_tiles - 1)
            *clarity_total = clarity_inclusive;
    }
    if (clarity_total_only)
        return;
    barrier(CLK_LOCAL_MEM_FENCE);

    // 5. Each work-item rescans its elements from its prefix; the results replace the inputs.
    clarity_scan_t clarity_carry;
    bool clarity_have_carry = clarity_tile > 0;
    if (clarity_have_carry)
        clarity_carry = clarity_tile_prefix;
    if (clarity_lid > 0 && clarity_lid < clarity_active)
    {
        const clarity_scan_t clarity_left = clarity_partials[clarity_lid - 1];
        const bool clarity_left_starts = clarity_partial_starts[clarity_lid - 1];
        clarity_carry = clarity_have_carry ? clarity_scan_op(clarity_carry, clarity_left, clarity_left_starts)
                                           : clarity_left;
        clarity_have_carry = true;
    }
    for (uint clarity_k = clarity_first; clarity_k < clarity_end; ++clarity_k)
    {
        const bool clarity_starts_here = CLARITY_STARTS(clarity_k);
        const clarity_scan_t clarity_value = clarity_values[CLARITY_SLOT(clarity_k)];
        clarity_carry = clarity_have_carry ? clarity_scan_op(clarity_carry, clarity_value, clarity_starts_here)
                                           : clarity_value;
        clarity_have_carry = true;
        clarity_values[CLARITY_SLOT(clarity_k)] = clarity_carry;
    }
    barrier(CLK_LOCAL_MEM_FENCE);

    // 6. Run the output statement, again with neighbouring work-items on neighbouring indices.
#if CLARITY_USES_LAST_ITEM
    const clarity_scan_t last_item = *clarity_total;
#endif
    for (uint clarity_k = clarity_lid; clarity_k < clarity_tile_size; clarity_k += CLARITY_WG)
    {
        const clarity_index_t i = clarity_tile_start + clarity_k;
        const clarity_scan_t item = clarity_values[CLARITY_SLOT(clarity_k)];
#if CLARITY_USES_PREV_ITEM
        const bool clarity_starts_here = CLARITY_STARTS(clarity_k);
        const clarity_scan_t prev_item = (i == 0 || clarity_starts_here) ? clarity_neutral()
                                         : clarity_k > 0 ? clarity_values[CLARITY_SLOT(clarity_k - 1)]
                                                         : clarity_tile_prefix;
#endif
        ${output_statement};
    }
}
