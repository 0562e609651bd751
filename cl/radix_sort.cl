${prelude}
// ---- clarity radix sort, onesweep style: ${description} ----
// 8-bit digits, least significant first. One kernel counts the digits of every pass in one
// read of the keys, one turns the counts into digit offsets, then one kernel per pass sorts
// tiles of keys: it counts the tile's digits, publishes the counts at once and learns where
// its digits go from the tiles before it (decoupled look-back, per digit), ranks the keys in
// local memory and writes the tile grouped by digit (on CPUs, one work-item per tile does it
// all in order).
typedef ${key_t} key_t;
typedef ${radix_t} radix_t;  // the key as an unsigned number in sort order
typedef ${index_t} index_t;
typedef ${count_t} count_t;  // digit counts, digit offsets and look-back words
#define CLARITY_HAS_VALUES ${has_values}
#if CLARITY_HAS_VALUES
typedef ${value_t} value_t;
#endif

#define CLARITY_RADIX 256
#define CLARITY_WG ${work_group}  // at least CLARITY_RADIX: work-item d handles digit d
#define CLARITY_ITEMS ${items_per_work_item}
#define CLARITY_TILE (CLARITY_WG * CLARITY_ITEMS)
#define CLARITY_MAX_PASSES ${max_passes}
// Keys are ranked by lane groups of 32 work-items (a warp on NVIDIA); group g holds the
// tile positions [g * SPAN, (g + 1) * SPAN), round r of lane l the position g * SPAN + r * 32 + l.
#define CLARITY_LANES 32
#define CLARITY_GROUPS (CLARITY_WG / CLARITY_LANES)
#define CLARITY_SPAN (CLARITY_LANES * CLARITY_ITEMS)
#define CLARITY_NO_DIGIT CLARITY_RADIX  // the digit of a position past the end of the keys
#define CLARITY_SERIAL ${serial}  // CPUs: one work-item per work-group counts, and per tile sorts

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

// Where pass `pass` finds its part of the scratch: every pass's digit offsets, every pass's
// ticket, every pass's look-back words, one after another.
typedef struct
{
    __global const count_t *digit_offsets;
    __global uint *ticket;  // tiles are numbered in the order their work-groups start
    __global count_t *lookback;
} clarity_pass_scratch;

clarity_pass_scratch clarity_pass_scratch_of(__global count_t *scratch, index_t n, int key_bits, int pass)
{
    const int passes = (key_bits + 7) / 8;
    const size_t tiles = (size_t)((n + CLARITY_TILE - 1) / CLARITY_TILE);
    clarity_pass_scratch at;
    at.digit_offsets = scratch + pass * CLARITY_RADIX;
    at.ticket = (__global uint *)(scratch + passes * CLARITY_RADIX + pass);
    at.lookback = scratch + passes * (CLARITY_RADIX + 1) + (size_t)pass * tiles * CLARITY_RADIX;
    return at;
}

// Exclusive prefix sum over the first CLARITY_RADIX work-items, one value each, in work-item
// order; every work-item calls it. `sums` holds 2 * CLARITY_RADIX (two buffers in turn, so
// one barrier per step).
count_t clarity_exclusive_sum(count_t mine, __local count_t *sums)
{
    const uint lid = get_local_id(0);
    count_t inclusive = mine;
    if (lid < CLARITY_RADIX)
        sums[lid] = inclusive;
    barrier(CLK_LOCAL_MEM_FENCE);
    uint from = 0;
    for (uint offset = 1; offset < CLARITY_RADIX; offset <<= 1)
    {
        if (lid < CLARITY_RADIX)
        {
            if (lid >= offset)
                inclusive += sums[from + lid - offset];
            sums[(CLARITY_RADIX - from) + lid] = inclusive;
        }
        from = CLARITY_RADIX - from;
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    return inclusive - mine;
}

// Counts the digits of every pass of one key in local memory.
inline void clarity_count_digits(__local uint *counts, radix_t radix, int passes, int key_bits)
{
    for (int pass = 0; pass < passes; ++pass)
        atomic_inc(&counts[pass * CLARITY_RADIX + ((uint)(radix >> (8 * pass)) & clarity_pass_mask(key_bits, pass))]);
}

// Digit counts of every pass from one read of the keys: counts in local memory per
// work-group, then one global atomic add per (pass, digit). Also clears the look-back words
// of every pass (scratch after the counts and tickets, which start cleared).
__kernel __attribute__((reqd_work_group_size(CLARITY_RADIX, 1, 1)))
void clarity_radix_histogram(__global const key_t *keys_base, index_t keys_offset, index_t n, int order,
                             int key_bits, __global count_t *histograms)
{
    __local uint counts[CLARITY_MAX_PASSES * CLARITY_RADIX];
    __global const key_t *keys = keys_base + keys_offset;
    const uint lid = get_local_id(0);
    const int passes = (key_bits + 7) / 8;
    for (uint k = lid; k < passes * CLARITY_RADIX; k += CLARITY_RADIX)
        counts[k] = 0;
    barrier(CLK_LOCAL_MEM_FENCE);
    const index_t stride = get_global_size(0);
#if CLARITY_SERIAL
    // One work-item counts the work-group's share of the keys in order, without atomics.
    if (lid == 0)
    {
        const index_t share = (n + get_num_groups(0) - 1) / get_num_groups(0);
        const index_t end = min(n, (index_t)get_group_id(0) * share + share);
        for (index_t i = (index_t)get_group_id(0) * share; i < end; ++i)
        {
            const radix_t radix = clarity_sort_rank(keys[i], order);
            for (int pass = 0; pass < passes; ++pass)
                ++counts[pass * CLARITY_RADIX + ((uint)(radix >> (8 * pass)) & clarity_pass_mask(key_bits, pass))];
        }
    }
#else
    // Rounds of 4 keys a work-item, a grid apart, all loaded before any is counted, so that
    // the loads are in flight together.
    index_t i = get_global_id(0);
    for (; i + 3 * stride < n; i += 4 * stride)
    {
        radix_t radix[4];
        for (int u = 0; u < 4; ++u)
            radix[u] = clarity_sort_rank(keys[i + u * stride], order);
        for (int u = 0; u < 4; ++u)
            clarity_count_digits(counts, radix[u], passes, key_bits);
    }
    for (; i < n; i += stride)
        clarity_count_digits(counts, clarity_sort_rank(keys[i], order), passes, key_bits);
#endif
    __global count_t *lookback = clarity_pass_scratch_of(histograms, n, key_bits, 0).lookback;
    const index_t lookback_words = passes * ((n + CLARITY_TILE - 1) / CLARITY_TILE) * CLARITY_RADIX;
    for (index_t w = get_global_id(0); w < lookback_words; w += stride)
        lookback[w] = 0;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (uint k = lid; k < passes * CLARITY_RADIX; k += CLARITY_RADIX)
        if (counts[k] != 0)
            clarity_count_add(&histograms[k], counts[k]);
}

// Work-group p turns pass p's digit counts into the offsets where its digits start.
__kernel __attribute__((reqd_work_group_size(CLARITY_RADIX, 1, 1)))
void clarity_radix_digit_offsets(__global count_t *histograms)
{
    __local count_t sums[2 * CLARITY_RADIX];
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

// Local memory for ranking: per (lane group, digit) the group's next position for the digit
// (first its count), and two tables of digit masks per lane group, used in turn by the rounds.
// The sorted tile is staged in the same memory afterwards.
#define CLARITY_NEXT_WORDS (CLARITY_GROUPS * CLARITY_RADIX)
#define CLARITY_MASK_WORDS (2 * CLARITY_GROUPS * CLARITY_RADIX)
#define CLARITY_RANK_WORDS (CLARITY_NEXT_WORDS + CLARITY_MASK_WORDS)
#define CLARITY_TILE_WORDS ((CLARITY_TILE * (sizeof(key_t) + CLARITY_HAS_VALUES * ${value_size}) + 3) / 4)
#define CLARITY_STAGING_WORDS (CLARITY_RANK_WORDS > CLARITY_TILE_WORDS ? CLARITY_RANK_WORDS : CLARITY_TILE_WORDS)

// Pass `pass`: sorts the keys (and values) from *_in into *_out by their digit at bit 8 * pass.
// On CPUs one work-item sorts a tile in order: it counts the tile's digits and publishes the
// counts, looks back for each digit, then writes every key straight to its place.
__kernel __attribute__((reqd_work_group_size(CLARITY_SERIAL ? 1 : CLARITY_WG, 1, 1)))
void clarity_radix_onesweep(__global const key_t *keys_in_base, index_t keys_in_offset,
                            __global key_t *keys_out_base, index_t keys_out_offset,
#if CLARITY_HAS_VALUES
                            __global const value_t *values_in_base, index_t values_in_offset, int values_from_index,
                            __global value_t *values_out_base, index_t values_out_offset,
#endif
                            index_t n, int order, int key_bits, int pass, __global count_t *scratch)
{
    __global const key_t *keys_in = keys_in_base + keys_in_offset;
    __global key_t *keys_out = keys_out_base + keys_out_offset;
#if CLARITY_HAS_VALUES
    __global const value_t *values_in = values_in_base + values_in_offset;
    __global value_t *values_out = values_out_base + values_out_offset;
#endif
    const clarity_pass_scratch at = clarity_pass_scratch_of(scratch, n, key_bits, pass);
    __global const count_t *digit_offsets = at.digit_offsets;
    __global count_t *lookback = at.lookback;
    const int shift = 8 * pass;
    const uint mask = clarity_pass_mask(key_bits, pass);
#if CLARITY_SERIAL
    const uint tile = atomic_inc(at.ticket);
    const index_t tile_begin = (index_t)tile * CLARITY_TILE;
    const uint tile_size = (uint)min((index_t)CLARITY_TILE, n - tile_begin);

    count_t next[CLARITY_RADIX];  // per digit: the tile's count, then the output index of its next key
    for (uint d = 0; d < CLARITY_RADIX; ++d)
        next[d] = 0;
    for (uint p = 0; p < tile_size; ++p)
        ++next[clarity_digit(keys_in[tile_begin + p], order, shift, mask)];
    for (uint d = 0; d < CLARITY_RADIX; ++d)
        clarity_count_exchange(lookback + (size_t)tile * CLARITY_RADIX + d,
                               next[d] | (tile == 0 ? CLARITY_INCLUSIVE : CLARITY_AGGREGATE));
    for (uint d = 0; d < CLARITY_RADIX; ++d)
    {
        count_t before_tile = 0;
        if (tile > 0)
        {
            before_tile = clarity_look_back(lookback, tile, d);
            clarity_count_exchange(lookback + (size_t)tile * CLARITY_RADIX + d, (before_tile + next[d]) | CLARITY_INCLUSIVE);
        }
        next[d] = digit_offsets[d] + before_tile;
    }
    for (uint p = 0; p < tile_size; ++p)
    {
        const key_t key = keys_in[tile_begin + p];
        const index_t destination = (index_t)next[clarity_digit(key, order, shift, mask)]++;
        keys_out[destination] = key;
#if CLARITY_HAS_VALUES
        values_out[destination] = ${load_value};
#endif
    }
#else
    __local uint staging[CLARITY_STAGING_WORDS] __attribute__((aligned(16)));  // holds ulong keys later
    __local count_t sums[2 * CLARITY_RADIX];
    __local count_t out_base[CLARITY_RADIX];  // output index of a digit's first key, less its tile position
    __local uint tile_ticket;
    __local uint *next = staging;                        // [group][digit]
    __local uint *masks = staging + CLARITY_NEXT_WORDS;  // [table][group][digit]
    const uint lid = get_local_id(0);
    const uint group = lid / CLARITY_LANES, lane = lid % CLARITY_LANES;
    const uint lower_lanes = (1u << lane) - 1u;
    __local uint *group_next = next + group * CLARITY_RADIX;
    if (lid == 0)
        tile_ticket = atomic_inc(at.ticket);
    for (uint k = lid; k < CLARITY_RANK_WORDS; k += CLARITY_WG)
        staging[k] = 0;
    barrier(CLK_LOCAL_MEM_FENCE);
    const uint tile = tile_ticket;
    const index_t tile_begin = (index_t)tile * CLARITY_TILE;
    const uint tile_size = (uint)min((index_t)CLARITY_TILE, n - tile_begin);

    // 1. Load (32 neighbouring keys per lane group and round) and count the digits per group.
    key_t keys[CLARITY_ITEMS];
    uint digits[CLARITY_ITEMS];
#if CLARITY_HAS_VALUES
    value_t values[CLARITY_ITEMS];
#endif
#pragma unroll
    for (uint r = 0; r < CLARITY_ITEMS; ++r)
    {
        const uint p = group * CLARITY_SPAN + r * CLARITY_LANES + lane;
        digits[r] = CLARITY_NO_DIGIT;
        if (p < tile_size)
        {
            keys[r] = keys_in[tile_begin + p];
            digits[r] = clarity_digit(keys[r], order, shift, mask);
#if CLARITY_HAS_VALUES
            values[r] = ${load_value};
#endif
        }
        if (digits[r] != CLARITY_NO_DIGIT)
            atomic_inc(&group_next[digits[r]]);
    }
    barrier(CLK_LOCAL_MEM_FENCE);

    // 2. As the owner of digit lid: the tile's count of it, published at once (for the first
    //    tile, as its inclusive count); where it starts in the sorted tile; where each group's
    //    keys of it start; the keys of it in earlier tiles (look-back), published as well.
    count_t count = 0;
    __global count_t *published = lookback + (size_t)tile * CLARITY_RADIX + lid;
    if (lid < CLARITY_RADIX)
    {
        for (uint g = 0; g < CLARITY_GROUPS; ++g)
        {
            const uint in_group = next[g * CLARITY_RADIX + lid];
            next[g * CLARITY_RADIX + lid] = count;
            count += in_group;
        }
        clarity_count_exchange(published, count | (tile == 0 ? CLARITY_INCLUSIVE : CLARITY_AGGREGATE));
    }
    const count_t start = clarity_exclusive_sum(count, sums);
    if (lid < CLARITY_RADIX)
    {
        for (uint g = 0; g < CLARITY_GROUPS; ++g)
            next[g * CLARITY_RADIX + lid] += start;
        count_t before_tile = 0;
        if (tile > 0)
        {
            before_tile = clarity_look_back(lookback, tile, lid);
            clarity_count_exchange(published, (before_tile + count) | CLARITY_INCLUSIVE);
        }
        out_base[lid] = digit_offsets[lid] + before_tile - start;
    }
    barrier(CLK_LOCAL_MEM_FENCE);

    // 3. Rank: a key's place in the sorted tile is its group's next place for its digit, plus
    //    the keys of the digit in lower lanes of the same round; the highest of those lanes
    //    then advances the group's next place.
    uint places[CLARITY_ITEMS];
#pragma unroll
    for (uint r = 0; r < CLARITY_ITEMS; ++r)
    {
        const uint digit = digits[r];
        __local uint *table = masks + ((r % 2) * CLARITY_GROUPS + group) * CLARITY_RADIX;
        if (digit != CLARITY_NO_DIGIT)
            atomic_or(&table[digit], 1u << lane);
        barrier(CLK_LOCAL_MEM_FENCE);
        const uint same = digit != CLARITY_NO_DIGIT ? table[digit] : 0;  // the lanes of the digit
        const uint first = digit != CLARITY_NO_DIGIT ? group_next[digit] : 0;
        places[r] = first + popcount(same & lower_lanes);
        barrier(CLK_LOCAL_MEM_FENCE);
        if (digit != CLARITY_NO_DIGIT && (same >> lane) == 1u)
        {
            group_next[digit] = first + popcount(same);
            table[digit] = 0;  // the table's next round comes after two more barriers
        }
    }
    barrier(CLK_LOCAL_MEM_FENCE);

    // 4. Stage the tile in sorted order, then write it: neighbouring work-items write
    //    neighbouring keys of one digit.
    __local key_t *staged_keys = (__local key_t *)staging;
#if CLARITY_HAS_VALUES
    __local value_t *staged_values = (__local value_t *)(staged_keys + CLARITY_TILE);
#endif
#pragma unroll
    for (uint r = 0; r < CLARITY_ITEMS; ++r)
    {
        if (digits[r] != CLARITY_NO_DIGIT)
        {
            staged_keys[places[r]] = keys[r];
#if CLARITY_HAS_VALUES
            staged_values[places[r]] = values[r];
#endif
        }
    }
    barrier(CLK_LOCAL_MEM_FENCE);
#pragma unroll
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
#endif
}
