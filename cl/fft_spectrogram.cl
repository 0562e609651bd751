${prelude}
// Frame f of the signal, times the window, widened to complex: frames[f][k] = x[f * hop + k] * w[k].
__kernel void clarity_stft_frames(__global ${complex} *frames, __global const ${real} *signal_base, ulong signal_offset,
                                  __global const ${real} *window_base, ulong window_offset, ulong width, ulong hop,
                                  ulong count)
{
    __global const ${real} *signal = signal_base + signal_offset;
    __global const ${real} *window = window_base + window_offset;
    for (ulong i = get_global_id(0); i < count; i += get_global_size(0)) {
        const ulong frame = i / width, k = i % width;
        frames[i] = (${complex})(signal[frame * hop + k] * window[k], 0);
    }
}

// 20 log10 |X| of the first `bins` values of each transformed frame, floored at -200 dB
// (so that silent bins stay finite).
__kernel void clarity_stft_decibels(__global ${real} *out, __global const ${complex} *spectra, ulong width, ulong bins,
                                    ulong count)
{
    for (ulong i = get_global_id(0); i < count; i += get_global_size(0)) {
        const ${complex} z = spectra[i / bins * width + i % bins];
        out[i] = 10 * log10(fmax(z.x * z.x + z.y * z.y, (${real})1e-20));
    }
}
