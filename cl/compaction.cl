${header}
${lookback}
${group}
// ---- copy_if, remove_if, partition and unique in one pass, one tile per work-group (GPUs) ----
// The scan counts kept entries (input_expr is the keep flag). A tile's entries stay in
// registers; the scan of its flags gives each kept entry its place, local memory gathers the
// kept entries in order (for partition, the rejected ones after them), and the tile writes them
// out contiguously: every global access is coalesced. The tiles' counts chain by decoupled
// look-back, and the last tile writes the total to *clarity_count. lib/algorithm.cpp names the
// arguments: ary, clarity_out, clarity_rejected (partition) and clarity_count.
#define CLARITY_ITEMS ${items_per_work_item}
#define CLARITY_TILE (CLARITY_WG * CLARITY_ITEMS)
// Local-memory slots padded every 32 entries against bank conflicts when work-items read
// consecutive entries.
#define CLARITY_SLOT(k) ((k) + (k) / 32)
#define CLARITY_PARTITION ${partition}
typedef ${item_t} clarity_item_t;

__kernel __attribute__((reqd_work_group_size(CLARITY_WG, 1, 1)))
void ${name}(${parameters}
    clarity_index_t N, __global uchar *clarity_scratch, uint clarity_epoch, int clarity_total_only)
{
${pointer_setup}
    __local uint clarity_ranks[CLARITY_SLOT(CLARITY_TILE)];  // keep flags, then places in the tile
    __local clarity_item_t clarity_gathered[CLARITY_TILE];
    __local clarity_group_t clarity_group;

    clarity_index_t clarity_tile_start;
    uint clarity_tile_size;
    const uint clarity_tile = clarity_group_take_tile(&clarity_group, clarity_scratch, N, CLARITY_TILE,
                                                      &clarity_tile_start, &clarity_tile_size);
    const uint clarity_lid = get_local_id(0);

    // 1. Entries and keep flags, striped; entries past the tile's end are not kept.
    clarity_item_t clarity_entry[CLARITY_ITEMS];
    bool clarity_keep[CLARITY_ITEMS];
    #pragma unroll
    for (uint clarity_k = 0; clarity_k < CLARITY_ITEMS; ++clarity_k)
    {
        const uint clarity_at = clarity_k * CLARITY_WG + clarity_lid;
        clarity_keep[clarity_k] = false;
        if (clarity_at < clarity_tile_size)
        {
            const clarity_index_t i = clarity_tile_start + clarity_at;
${input_fetches}
            clarity_entry[clarity_k] = ary[i];
            clarity_keep[clarity_k] = (${input_expr}) != 0;
        }
    }
    #pragma unroll
    for (uint clarity_k = 0; clarity_k < CLARITY_ITEMS; ++clarity_k)
        clarity_ranks[CLARITY_SLOT(clarity_k * CLARITY_WG + clarity_lid)] = clarity_keep[clarity_k];
    barrier(CLK_LOCAL_MEM_FENCE);

    // 2. Each work-item counts the kept entries among its ITEMS consecutive ones; the group
    //    scans the counts and chains the tile.
    const uint clarity_first = clarity_lid * CLARITY_ITEMS;
    uint clarity_rank[CLARITY_ITEMS];  // kept entries before each of the work-item's
    uint clarity_count_here = 0;
    #pragma unroll
    for (uint clarity_k = 0; clarity_k < CLARITY_ITEMS; ++clarity_k)
    {
        clarity_rank[clarity_k] = clarity_count_here;
        clarity_count_here += clarity_ranks[CLARITY_SLOT(clarity_first + clarity_k)];
    }
    clarity_group_scan_partials(&clarity_group, (clarity_scan_t)clarity_count_here, false);
    const clarity_scan_t clarity_kept_through_tile =
        clarity_group_chain_tile(&clarity_group, CLARITY_DESCRIPTORS(clarity_scratch), clarity_tile, clarity_epoch,
                                 CLARITY_WG - 1);
    const clarity_scan_t clarity_kept_before_tile = clarity_tile > 0 ? clarity_group.tile_prefix : 0;
    bool clarity_unused;
    const uint clarity_kept = (uint)clarity_group_aggregate(&clarity_group, CLARITY_WG - 1, &clarity_unused);
    if (clarity_lid == 0 && clarity_tile_start + clarity_tile_size == N)
        *clarity_count = clarity_kept_through_tile;

    // 3. Places in the tile: kept entries first, in order, then (partition) the rejected ones.
    clarity_scan_t clarity_carry = 0;
    clarity_group_prefix(&clarity_group, clarity_tile, &clarity_carry);
    const uint clarity_before = (uint)(clarity_carry - clarity_kept_before_tile);
    #pragma unroll
    for (uint clarity_k = 0; clarity_k < CLARITY_ITEMS; ++clarity_k)
        clarity_ranks[CLARITY_SLOT(clarity_first + clarity_k)] = clarity_before + clarity_rank[clarity_k];
    barrier(CLK_LOCAL_MEM_FENCE);
    #pragma unroll
    for (uint clarity_k = 0; clarity_k < CLARITY_ITEMS; ++clarity_k)
    {
        const uint clarity_at = clarity_k * CLARITY_WG + clarity_lid;
        const uint clarity_place = clarity_ranks[CLARITY_SLOT(clarity_at)];
        if (clarity_keep[clarity_k])
            clarity_gathered[clarity_place] = clarity_entry[clarity_k];
#if CLARITY_PARTITION
        else if (clarity_at < clarity_tile_size)
            clarity_gathered[clarity_kept + clarity_at - clarity_place] = clarity_entry[clarity_k];
#endif
    }
    barrier(CLK_LOCAL_MEM_FENCE);

    // 4. The tile's output, contiguous.
    #pragma unroll
    for (uint clarity_k = 0; clarity_k < CLARITY_ITEMS; ++clarity_k)
    {
        const uint clarity_at = clarity_k * CLARITY_WG + clarity_lid;
        if (clarity_at < clarity_kept)
            clarity_out[clarity_kept_before_tile + clarity_at] = clarity_gathered[clarity_at];
#if CLARITY_PARTITION
        else if (clarity_at < clarity_tile_size)
            clarity_rejected[clarity_tile_start - clarity_kept_before_tile + (clarity_at - clarity_kept)] =
                clarity_gathered[clarity_at];
#endif
    }
}
