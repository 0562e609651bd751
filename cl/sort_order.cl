// How sort keys, loaded as unsigned integers of their size, are ordered. `order` is a kernel
// argument, so integers and floats of one size share one program.
#define CLARITY_DESCENDING 1
#define CLARITY_SIGNED_KEYS 2
#define CLARITY_FLOAT_KEYS 4
#define CLARITY_TOP_BIT ${top_bit}
#define CLARITY_ALL_BITS ${all_bits}
#define CLARITY_INFINITY_BITS ${infinity_bits}

// The key as an unsigned number whose order is the sort order: signed keys have their sign
// bit flipped, negative floats all their bits, positive floats their sign bit; descending
// complements the number. Every NaN is last, in either direction.
inline ${rank_t} clarity_sort_rank(${bits_t} key, int order)
{
    const ${rank_t} bits = (${rank_t})key;
    if ((order & CLARITY_FLOAT_KEYS) && (bits & ~CLARITY_TOP_BIT & CLARITY_ALL_BITS) > CLARITY_INFINITY_BITS)
        return CLARITY_ALL_BITS;
    ${rank_t} rank = bits;
    if (order & CLARITY_SIGNED_KEYS)
        rank = bits ^ CLARITY_TOP_BIT;
    if (order & CLARITY_FLOAT_KEYS)
        rank = (bits & CLARITY_TOP_BIT) ? (~bits & CLARITY_ALL_BITS) : (bits ^ CLARITY_TOP_BIT);
    return (order & CLARITY_DESCENDING) ? (~rank & CLARITY_ALL_BITS) : rank;
}
