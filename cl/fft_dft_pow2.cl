// DFT of ${radix} points in registers, natural order in and out: radix-2 decimation in frequency,
// which leaves point r at the bit reversal of r, then that permutation undone.
__constant ${complex} clarity_roots_${radix}[${root_count}] = {${roots}};  // exp(-2 pi i q / ${radix})

inline int clarity_bit_reverse_${radix}(int r)
{
    int reversed = 0;
    for (int b = 0; b < ${radix_bits}; ++b) reversed |= ((r >> b) & 1) << (${radix_bits} - 1 - b);
    return reversed;
}

inline void clarity_dft_${radix}(${complex} *v, ${real} sign)
{
    #pragma unroll
    for (int distance = ${radix} / 2; distance >= 1; distance /= 2) {
        #pragma unroll
        for (int start = 0; start < ${radix}; start += 2 * distance) {
            #pragma unroll
            for (int t = 0; t < distance; ++t) {
                const ${complex} root = clarity_roots_${radix}[t * (${radix} / (2 * distance))];
                const ${complex} a = v[start + t], b = v[start + t + distance];
                v[start + t] = a + b;
                v[start + t + distance] = ${prefix}_mul(a - b, (${complex})(root.x, -sign * root.y));
            }
        }
    }
    ${complex} bit_reversed[${radix}];
    #pragma unroll
    for (int r = 0; r < ${radix}; ++r) bit_reversed[r] = v[r];
    #pragma unroll
    for (int r = 0; r < ${radix}; ++r) v[r] = bit_reversed[clarity_bit_reverse_${radix}(r)];
}

