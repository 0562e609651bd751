${prelude}
// One pass of clarity's FFT: sub-transforms of ${length} points, ${columns} per work-group, each
// read once from global memory, transformed in local memory (${stage_count} Stockham stages) and
// written once. A pass is one radix-${length} step of a Stockham FFT along one axis: a transform
// of n points lies `inner` elements apart, transforms start at batch * n * inner + column, and
// after the passes before this one every run of `span` points holds a finished sub-transform.
// Sub-transform (batch, j, column) takes the points j + r n / ${length}, multiplies point r by
// w^(r (j mod span)) with w = exp(sign 2 pi i / (span * ${length})), transforms them, and writes
// point r to (j - j mod span) ${length} + (j mod span) + r span. The first pass (span 1) has no
// twiddles; the last (span = n / ${length}) writes where it reads, so it may run in place.

${dfts}// exp(sign 2 pi i m / period), from m / period in turns so that the angle stays exact.
inline ${complex} clarity_fft_twiddle(${index_t} m, ${index_t} period, ${real} sign)
{
    const ${real} turns = (${real})2 * (${real})m / (${real})period;
    return (${complex})(cospi(turns), sign * sinpi(turns));
}

// Where point p of sub-transform s lies in local memory: a spare slot after every 32 points and
// rows of odd length spread strided accesses over the memory banks.
inline int clarity_fft_slot(int s, int p) { return s * ${row} + p + p / 32; }

${stages}
__kernel __attribute__((reqd_work_group_size(${work_items}, 1, 1)))
void clarity_fft_pass(__global const ${complex} *in, __global ${complex} *out, __global const ${complex} *roots,
                      ${index_t} n, ${index_t} inner, ${index_t} span, ${index_t} count, ${real} sign, ${real} scale)
{
    // Sub-transform s of this group: its points in local memory, its first point in `in` and
    // `out`, and j mod span (-1 past the last sub-transform).
    __local ${complex} data[${columns} * ${row}];
    __local ${index_t} from[${columns}], to[${columns}], turn[${columns}];
    const int item = get_local_id(0);
    const ${index_t} per_column = n / ${length};
    for (int s = item; s < ${columns}; s += ${work_items}) {
        const ${index_t} g = (${index_t})get_group_id(0) * ${columns} + s;
        const ${index_t} column = g % inner, rest = g / inner;
        const ${index_t} j = rest % per_column, first = rest / per_column * n * inner + column;
        const ${index_t} k = j % span;
        from[s] = first + j * inner;
        to[s] = first + ((j - k) * ${length} + k) * inner;
        turn[s] = g < count ? k : -1;
    }
    barrier(CLK_LOCAL_MEM_FENCE);

    // Loads and stores walk the points in the order that keeps global accesses adjacent; the
    // loops unroll, so each work-item has all its loads in flight at once.
    const ${index_t} in_stride = per_column * inner, out_stride = span * inner;
    #pragma unroll
    for (int t = 0; t < ${points_per_item}; ++t) {
        const int i = item + t * ${work_items};
        if (i >= ${columns} * ${length}) break;
        const int s = ${load_column}, r = ${load_point};
        if (turn[s] < 0) continue;
        ${complex} x = in[from[s] + r * in_stride];
        if (turn[s] > 0) x = ${prefix}_mul(x, clarity_fft_twiddle(r * turn[s], span * ${length}, sign));
        data[clarity_fft_slot(s, r)] = x;
    }
    barrier(CLK_LOCAL_MEM_FENCE);

${stage_calls}
    #pragma unroll
    for (int t = 0; t < ${points_per_item}; ++t) {
        const int i = item + t * ${work_items};
        if (i >= ${columns} * ${length}) break;
        const int s = ${store_column}, r = ${store_point};
        if (turn[s] >= 0) out[to[s] + r * out_stride] = scale * data[clarity_fft_slot(s, r)];
    }
}
