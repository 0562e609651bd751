${prelude}
// One radix-${radix} pass of a Stockham autosort FFT over many transforms of length n at once.
// A transform's points lie `stride` elements apart (1 for rows, the row length for columns), and
// transforms start at batch * n * stride + column. After the passes before this one, every run
// of `span` points holds a finished sub-transform; this pass merges ${radix} of them:
//     v[r] = in[j + r n / ${radix}] * w^(r (j mod span)),   w = exp(sign 2 pi i / (span * ${radix}))
//     out[(j / span) span ${radix} + (j mod span) + r span] = scale * DFT_${radix}(v)[r]
// so the output is in natural order once span reaches n (no bit reversal pass).

// exp(-2 pi i q / ${radix}) for q < ${radix} / 2, the roots of the in-register DFT.
__constant ${complex} clarity_roots_${radix}[${half_radix}] = {${roots}};

// r with its ${radix_bits} bits reversed: where a decimation-in-frequency FFT leaves output r.
inline int clarity_bit_reverse_${radix}(int r)
{
    int reversed = 0;
    for (int b = 0; b < ${radix_bits}; ++b) reversed |= ((r >> b) & 1) << (${radix_bits} - 1 - b);
    return reversed;
}

__kernel void clarity_fft_stockham_${radix}(__global const ${complex} *in, __global ${complex} *out, ${index_t} n,
                                            ${index_t} stride, ${index_t} span, ${index_t} count, ${real} sign,
                                            ${real} scale)
{
    const ${index_t} group_span = n / ${radix};
    for (${index_t} g = get_global_id(0); g < count; g += get_global_size(0)) {
        const ${index_t} column = g % stride, rest = g / stride;
        const ${index_t} j = rest % group_span, batch = rest / group_span;
        const ${index_t} first = batch * n * stride + column, k = j % span;

        // Load and twiddle: w^r by repeated multiplication from w = exp(sign 2 pi i k / (span R)).
        const ${real} turns = (${real})(2 * k) / (${real})(span * ${radix});
        const ${complex} step = (${complex})(cospi(turns), sign * sinpi(turns));
        ${complex} v[${radix}], twiddle = (${complex})(1, 0);
        #pragma unroll
        for (int r = 0; r < ${radix}; ++r) {
            v[r] = ${prefix}_mul(in[first + (j + r * group_span) * stride], twiddle);
            twiddle = ${prefix}_mul(twiddle, step);
        }

        // Radix-2 decimation in frequency, in registers; leaves DFT_R(v)[r] in v[bit_reverse(r)].
        #pragma unroll
        for (int distance = ${radix} / 2; distance >= 1; distance /= 2) {
            #pragma unroll
            for (int start = 0; start < ${radix}; start += 2 * distance) {
                #pragma unroll
                for (int t = 0; t < distance; ++t) {
                    const ${complex} root = clarity_roots_${radix}[t * (${radix} / (2 * distance))];
                    const ${complex} a = v[start + t], b = v[start + t + distance];
                    v[start + t] = a + b;
                    v[start + t + distance] = ${prefix}_mul(a - b, (${complex})(root.x, sign * -root.y));
                }
            }
        }

        const ${index_t} destination = (j / span) * span * ${radix} + k;
        #pragma unroll
        for (int r = 0; r < ${radix}; ++r)
            out[first + (destination + r * span) * stride] = scale * v[clarity_bit_reverse_${radix}(r)];
    }
}
