// DFT of ${radix} points in registers, by its definition (${radix} is a small prime).
__constant ${complex} clarity_roots_${radix}[${root_count}] = {${roots}};  // exp(-2 pi i q / ${radix})

inline void clarity_dft_${radix}(${complex} *v, ${real} sign)
{
    ${complex} sums[${radix}];
    #pragma unroll
    for (int q = 0; q < ${radix}; ++q) {
        ${complex} sum = v[0];
        #pragma unroll
        for (int r = 1; r < ${radix}; ++r) {
            const ${complex} root = clarity_roots_${radix}[q * r % ${radix}];
            sum += ${prefix}_mul(v[r], (${complex})(root.x, -sign * root.y));
        }
        sums[q] = sum;
    }
    #pragma unroll
    for (int q = 0; q < ${radix}; ++q) v[q] = sums[q];
}

