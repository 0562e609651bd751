${prelude}
// Bluestein's algorithm: a DFT of any length n as a circular convolution of length m >= 2n - 1,
// which power-of-two FFTs do. With the chirp w_k = exp(sign * i * pi * k^2 / n),
//     X_j = w_j * sum_k (x_k * w_k) * conj(w_(j - k)).
// sign is -1 for the forward transform and +1 for the inverse.

// w_k, with k^2 reduced modulo 2n in integers so that the angle stays exact for large k.
${complex} clarity_chirp(ulong k, ulong n, ${real} sign)
{
    const ${real} turns = (${real})((k * k) % (2 * n)) / (${real})n;
    return (${complex})(cospi(turns), sign * sinpi(turns));
}

// The convolution's filter: conj(w_k) at k and at m - k for k < n, zero in between.
__kernel void clarity_bluestein_filter(__global ${complex} *filter, ulong n, ulong m, ${real} sign)
{
    for (ulong k = get_global_id(0); k < m; k += get_global_size(0)) {
        const ulong from = k < n ? k : m - k;
        filter[k] = from < n ? ${prefix}_conj(clarity_chirp(from, n, sign)) : (${complex})(0, 0);
    }
}

// a (rows x m) = x (rows x n) times the chirp, padded with zeros.
__kernel void clarity_bluestein_premultiply(__global const ${complex} *x, __global ${complex} *a, ulong n, ulong m,
                                            ulong count, ${real} sign)
{
    for (ulong i = get_global_id(0); i < count; i += get_global_size(0)) {
        const ulong row = i / m, k = i % m;
        a[i] = k < n ? ${prefix}_mul(x[row * n + k], clarity_chirp(k, n, sign)) : (${complex})(0, 0);
    }
}

// Pointwise product of every row of a with the transformed filter.
__kernel void clarity_bluestein_convolve(__global ${complex} *a, __global const ${complex} *filter, ulong m, ulong count)
{
    for (ulong i = get_global_id(0); i < count; i += get_global_size(0))
        a[i] = ${prefix}_mul(a[i], filter[i % m]);
}

// x (rows x n) = scale times the first n of each convolved row times the chirp.
__kernel void clarity_bluestein_postmultiply(__global const ${complex} *a, __global ${complex} *x, ulong n, ulong m,
                                             ulong count, ${real} sign, ${real} scale)
{
    for (ulong i = get_global_id(0); i < count; i += get_global_size(0)) {
        const ulong row = i / n, j = i % n;
        x[i] = ${prefix}_rmul(scale, ${prefix}_mul(a[row * m + j], clarity_chirp(j, n, sign)));
    }
}
