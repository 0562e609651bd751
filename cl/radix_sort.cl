${prelude}
// ---- clarity radix sort, onesweep style: ${description} ----
// 8-bit digits, least significant first. One kernel counts the digits of every pass in one
// read of the keys, one turns the counts into digit offsets, then one kernel per pass ranks
// a tile of keys in local memory, learns where its digits go from the tiles before it
// (decoupled look-back, per digit) and writes the tile grouped by digit.
typedef ${key_t} key_t;
typedef ${radix_t} radix_t;  // the key as an unsigned number in sort order
typedef ${index_t} index_t;
typedef ${count_t} count_t;  // digit counts, digit offsets and look-back words
#define CLARITY_HAS_VALUES ${has_values}
#if CLARITY_HAS_VALUES
typedef ${value_t} value_t;
#endif

#define CLARITY_RADIX 256
#define CLARITY_WG CLARITY_RADIX  // one work-item per digit wherever digits are handled
#define CLARITY_WORDS (CLARITY_WG / 32)  // 32-bit masks covering the work-group
#define CLARITY_ITEMS ${items_per_work_item}
#define CLARITY_TILE (CLARITY_WG * CLARITY_ITEMS)
#define CLARITY_MAX_PASSES ${max_passes}

${count_atomics}

${sort_order}

// The digit of `key` in the pass that starts at bit `shift` (`mask` has the pass's bits).
inline uint clarity_digit(key_t key, int order, int shift, uint mask)
{
    return (uint)(clarity_sort_rank(key, order) >> shift) & mask;
}

inline uint clarity_pass_mask(int key_bits, int pass)
{
    return (1u << min(8, key_bits - 8 * pass)) - 1u;
}

// Exclusive prefix sum over the work-group, one value per work-item, in work-item order.
count_t clarity_exclusive_sum(count_t mine, __local count_t *sums)
{
    const uint lid = get_local_id(0);
    count_t inclusive = mine;
    sums[lid] = inclusive;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (uint offset = 1; offset < CLARITY_WG; offset <<= 1)
    {
        const count_t left = lid >= offset ? sums[lid - offset] : 0;
        barrier(CLK_LOCAL_MEM_FENCE);
        inclusive += left;
        sums[lid] = inclusive;
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    return inclusive - mine;
}

// Digit counts of every pass from one read of the keys: counts in local memory per
// work-group, then one global atomic add per (pass, digit).
__kernel __attribute__((reqd_work_group_size(CLARITY_WG, 1, 1)))
void clarity_radix_histogram(__global const key_t *keys_base, index_t keys_offset, index_t n, int order,
                             int key_bits, __global count_t *histograms)
{
    __local uint counts[CLARITY_MAX_PASSES * CLARITY_RADIX];
    __global const key_t *keys = keys_base + keys_offset;
    const uint lid = get_local_id(0);
    const int passes = (key_bits + 7) / 8;
    for (uint k = lid; k < passes * CLARITY_RADIX; k += CLARITY_WG)
        counts[k] = 0;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (index_t i = get_global_id(0); i < n; i += get_global_size(0))
    {
        const radix_t radix = clarity_sort_rank(keys[i], order);
        for (int pass = 0; pass < passes; ++pass)
            atomic_inc(&counts[pass * CLARITY_RADIX + ((uint)(radix >> (8 * pass)) & clarity_pass_mask(key_bits, pass))]);
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    for (uint k = lid; k < passes * CLARITY_RADIX; k += CLARITY_WG)
        if (counts[k] != 0)
            clarity_count_add(&histograms[k], counts[k]);
}

// Work-group p turns pass p's digit counts into the offsets where its digits start.
__kernel __attribute__((reqd_work_group_size(CLARITY_WG, 1, 1)))
void clarity_radix_digit_offsets(__global count_t *histograms)
{
    __local count_t sums[CLARITY_RADIX];
    __global count_t *counts = histograms + get_group_id(0) * CLARITY_RADIX;
    const uint lid = get_local_id(0);
    counts[lid] = clarity_exclusive_sum(counts[lid], sums);
}

// Look-back words: a tile's count of one digit with two flag bits on top. AGGREGATE: the
// tile's own count; INCLUSIVE: the count of the digit in this tile and all before it.
// A word of 0 is not published yet.
#define CLARITY_AGGREGATE ((count_t)1 << (8 * sizeof(count_t) - 2))
#define CLARITY_INCLUSIVE ((count_t)2 << (8 * sizeof(count_t) - 2))
#define CLARITY_COUNT_BITS (CLARITY_AGGREGATE - 1)

// The keys of `digit` in all tiles before `tile`. Those tiles took earlier tickets, so their
// work-groups have started and will publish; words not yet published are read again.
count_t clarity_look_back(__global count_t *lookback, uint tile, uint digit)
{
    count_t before = 0;
    for (uint t = tile; t-- > 0;)
    {
        count_t word;
        do
            word = ((volatile __global count_t *)lookback)[(size_t)t * CLARITY_RADIX + digit];
        while (word == 0);
        before += word & CLARITY_COUNT_BITS;
        if (word & CLARITY_INCLUSIVE)
            break;
    }
    return before;
}

// Local memory for ranking: three rotating tables of digit masks (round r sets bits in one,
// reads it after a barrier, and clears the one of round r - 1), so one barrier per round.
// The sorted tile is staged in the same memory afterwards.
#define CLARITY_MASK_WORDS (3 * CLARITY_WORDS * CLARITY_RADIX)
#define CLARITY_TILE_WORDS ((CLARITY_TILE * (sizeof(key_t) + CLARITY_HAS_VALUES * ${value_size}) + 3) / 4)
#define CLARITY_STAGING_WORDS (CLARITY_MASK_WORDS > CLARITY_TILE_WORDS ? CLARITY_MASK_WORDS : CLARITY_TILE_WORDS)

// Pass `pass`: sorts the keys (and values) from *_in into *_out by their digit at bit 8 * pass.
__kernel __attribute__((reqd_work_group_size(CLARITY_WG, 1, 1)))
void clarity_radix_onesweep(__global const key_t *keys_in_base, index_t keys_in_offset,
                            __global key_t *keys_out_base, index_t keys_out_offset,
#if CLARITY_HAS_VALUES
                            __global const value_t *values_in_base, index_t values_in_offset, int values_from_index,
                            __global value_t *values_out_base, index_t values_out_offset,
#endif
                            index_t n, int order, int key_bits, int pass, __global count_t *scratch)
{
    __local uint staging[CLARITY_STAGING_WORDS] __attribute__((aligned(16)));  // holds ulong keys later
    __local uint running[2][CLARITY_RADIX];  // keys of each digit in the rounds so far, double-buffered
    __local count_t sums[CLARITY_RADIX];
    __local count_t tile_start[CLARITY_RADIX];  // where each digit starts in the sorted tile
    __local count_t out_base[CLARITY_RADIX];    // output index of a digit's first key, less tile_start
    __local uint tile_ticket;

    __global const key_t *keys_in = keys_in_base + keys_in_offset;
    __global key_t *keys_out = keys_out_base + keys_out_offset;
#if CLARITY_HAS_VALUES
    __global const value_t *values_in = values_in_base + values_in_offset;
    __global value_t *values_out = values_out_base + values_out_offset;
#endif
    // Scratch: every pass's digit offsets, every pass's ticket, every pass's look-back words.
    const int passes = (key_bits + 7) / 8;
    const uint tiles = (uint)((n + CLARITY_TILE - 1) / CLARITY_TILE);
    __global const count_t *digit_offsets = scratch + pass * CLARITY_RADIX;
    __global uint *ticket = (__global uint *)(scratch + passes * CLARITY_RADIX + pass);
    __global count_t *lookback = scratch + passes * (CLARITY_RADIX + 1) + (size_t)pass * tiles * CLARITY_RADIX;
    const int shift = 8 * pass;
    const uint mask = clarity_pass_mask(key_bits, pass);

    const uint lid = get_local_id(0);
    if (lid == 0)
        tile_ticket = atomic_inc(ticket);
    for (uint k = lid; k < CLARITY_MASK_WORDS; k += CLARITY_WG)
        staging[k] = 0;
    running[0][lid] = 0;
    barrier(CLK_LOCAL_MEM_FENCE);
    const uint tile = tile_ticket;
    const index_t tile_begin = (index_t)tile * CLARITY_TILE;
    const uint tile_size = (uint)min((index_t)CLARITY_TILE, n - tile_begin);

    // 1. Load. Round r holds tile positions r * WG + lid, so loads coalesce and the tile's
    //    order (the order that stability keeps) is round by round.
    key_t keys[CLARITY_ITEMS];
#if CLARITY_HAS_VALUES
    value_t values[CLARITY_ITEMS];
#endif
    for (uint r = 0; r < CLARITY_ITEMS; ++r)
    {
        const uint p = r * CLARITY_WG + lid;
        if (p < tile_size)
        {
            keys[r] = keys_in[tile_begin + p];
#if CLARITY_HAS_VALUES
            values[r] = ${load_value};
#endif
        }
    }

    // 2. Rank: a key's rank is the number of keys of its digit before it in the tile. Each key
    //    sets its bit in its digit's mask; the bits of lower work-items count the keys of the
    //    same digit before it in this round, `running` those of earlier rounds.
    const uint word = lid / 32;
    const uint lower_lanes = (1u << (lid % 32)) - 1u;
    uint ranks[CLARITY_ITEMS];
    for (uint r = 0; r < CLARITY_ITEMS; ++r)
    {
        __local uint *masks = staging + (r % 3) * CLARITY_WORDS * CLARITY_RADIX;
        __local uint *previous = staging + ((r + 2) % 3) * CLARITY_WORDS * CLARITY_RADIX;
        const bool valid = r * CLARITY_WG + lid < tile_size;
        const uint digit = valid ? clarity_digit(keys[r], order, shift, mask) : 0;
        if (valid)
            atomic_or(&masks[word * CLARITY_RADIX + digit], lower_lanes + 1u);
        barrier(CLK_LOCAL_MEM_FENCE);
        if (valid)
        {
            uint before = popcount(masks[word * CLARITY_RADIX + digit] & lower_lanes);
            for (uint w = 0; w < word; ++w)
                before += popcount(masks[w * CLARITY_RADIX + digit]);
            ranks[r] = running[r % 2][digit] + before;
        }
        // As the owner of digit lid: count it in this round, clear round r - 1's table.
        uint in_round = 0;
        for (uint w = 0; w < CLARITY_WORDS; ++w)
        {
            in_round += popcount(masks[w * CLARITY_RADIX + lid]);
            previous[w * CLARITY_RADIX + lid] = 0;
        }
        running[(r + 1) % 2][lid] = running[r % 2][lid] + in_round;
    }
    barrier(CLK_LOCAL_MEM_FENCE);

    // 3. Publish this tile's count of digit lid (for the first tile, its inclusive count),
    //    find where the digit starts in the tile, look back for the keys of the digit in
    //    earlier tiles and publish the inclusive count.
    const count_t count = running[CLARITY_ITEMS % 2][lid];
    __global count_t *published = lookback + (size_t)tile * CLARITY_RADIX + lid;
    clarity_count_exchange(published, count | (tile == 0 ? CLARITY_INCLUSIVE : CLARITY_AGGREGATE));
    const count_t start = clarity_exclusive_sum(count, sums);
    count_t before_tile = 0;
    if (tile > 0)
    {
        before_tile = clarity_look_back(lookback, tile, lid);
        clarity_count_exchange(published, (before_tile + count) | CLARITY_INCLUSIVE);
    }
    tile_start[lid] = start;
    out_base[lid] = digit_offsets[lid] + before_tile - start;
    barrier(CLK_LOCAL_MEM_FENCE);

    // 4. Stage the tile in sorted order, then write it: neighbouring work-items write
    //    neighbouring keys of one digit.
    __local key_t *staged_keys = (__local key_t *)staging;
#if CLARITY_HAS_VALUES
    __local value_t *staged_values = (__local value_t *)(staged_keys + CLARITY_TILE);
#endif
    for (uint r = 0; r < CLARITY_ITEMS; ++r)
    {
        if (r * CLARITY_WG + lid < tile_size)
        {
            const uint position = tile_start[clarity_digit(keys[r], order, shift, mask)] + ranks[r];
            staged_keys[position] = keys[r];
#if CLARITY_HAS_VALUES
            staged_values[position] = values[r];
#endif
        }
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    for (uint r = 0; r < CLARITY_ITEMS; ++r)
    {
        const uint p = r * CLARITY_WG + lid;
        if (p < tile_size)
        {
            const key_t key = staged_keys[p];
            const index_t destination = (index_t)(out_base[clarity_digit(key, order, shift, mask)] + p);
            keys_out[destination] = key;
#if CLARITY_HAS_VALUES
            values_out[destination] = staged_values[p];
#endif
        }
    }
}
