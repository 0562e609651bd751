${prelude}
// The full spectrum of a real signal from its Hermitian half: for transform axes (n0, n1, n2)
// of a batch of spectra, X[i0, i1, i2] = conj(X[-i0, -i1, -i2]) (indices modulo the lengths),
// and only i2 < stored = n2 / 2 + 1 is kept in the half spectrum.
__kernel void clarity_fft_hermitian_extend(__global ${complex} *full, __global const ${complex} *half_base,
                                           ulong half_offset, ulong count, ulong n0, ulong n1, ulong n2, ulong stored)
{
    __global const ${complex} *half_spectrum = half_base + half_offset;
    for (ulong i = get_global_id(0); i < count; i += get_global_size(0)) {
        const ulong i2 = i % n2, i1 = i / n2 % n1, i0 = i / (n2 * n1) % n0, batch = i / (n2 * n1 * n0);
        if (i2 < stored) {
            full[i] = half_spectrum[((batch * n0 + i0) * n1 + i1) * stored + i2];
        } else {
            const ulong m0 = (n0 - i0) % n0, m1 = (n1 - i1) % n1, m2 = n2 - i2;
            full[i] = ${prefix}_conj(half_spectrum[((batch * n0 + m0) * n1 + m1) * stored + m2]);
        }
    }
}
