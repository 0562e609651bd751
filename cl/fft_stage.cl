// A radix-${radix} Stockham stage in local memory, ${per_item} butterflies per work-item: butterfly j
// of a sub-transform takes its points j + r ${length} / ${radix}, multiplies point r by
// w^(r (j mod span)) with w = exp(sign 2 pi i / (span * ${radix})), and writes DFT point r to
// (j - j mod span) ${radix} + (j mod span) + r span. `roots` holds exp(-2 pi i m / ${length}).
inline void clarity_fft_stage_${radix}x${per_item}(__local ${complex} *data, __global const ${complex} *roots,
    int span, ${real} sign)
{
    ${complex} v[${per_item}][${radix}];
    #pragma unroll
    for (int t = 0; t < ${per_item}; ++t) {
        const int b = get_local_id(0) + t * ${work_items};
        if (b >= ${columns} * (${length} / ${radix})) break;
        const int s = b / (${length} / ${radix}), j = b % (${length} / ${radix}), k = j % span;
        const ${complex} root = roots[k * (${length} / (span * ${radix}))];
        const ${complex} step = (${complex})(root.x, -sign * root.y);
        ${complex} twiddle = (${complex})(1, 0);
        #pragma unroll
        for (int r = 0; r < ${radix}; ++r) {
            v[t][r] = ${prefix}_mul(data[clarity_fft_slot(s, j + r * (${length} / ${radix}))], twiddle);
            twiddle = ${prefix}_mul(twiddle, step);
        }
        clarity_dft_${radix}(v[t], sign);
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    #pragma unroll
    for (int t = 0; t < ${per_item}; ++t) {
        const int b = get_local_id(0) + t * ${work_items};
        if (b >= ${columns} * (${length} / ${radix})) break;
        const int s = b / (${length} / ${radix}), j = b % (${length} / ${radix}), k = j % span;
        #pragma unroll
        for (int r = 0; r < ${radix}; ++r) data[clarity_fft_slot(s, (j - k) * ${radix} + k + r * span)] = v[t][r];
    }
    barrier(CLK_LOCAL_MEM_FENCE);
}

