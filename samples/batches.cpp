// Training batches from a synthetic (time, lat, lon) field, as xbatcher does for xarray:
// windows of 10 time steps overlapping by 9, 20 windows per batch. Batches are views of the
// field: nothing is copied, and each batch is normalised on the device.
#include <clarity/clarity.hpp>

#include <cstdio>

int main() {
    auto& q = clarity::default_queue();
    const std::size_t time = 365, lat = 32, lon = 64;
    // A seasonal cycle plus noise: field[t, y, x] = sin(2 pi t / 365) + 0.1 * noise.
    const auto days = clarity::arange<float>(q, 0, float(time)).reshape({time, 1, 1});
    const clarity::array<float> field =
        clarity::sin(days * (6.2831853f / 365.0f)) + 0.1f * clarity::randn<float>(q, {time, lat, lon}, 7);

    const auto generator = clarity::batches(field, {.input_sizes = {10, 0, 0}, .overlaps = {9, 0, 0},
                                                    .batch_sizes = {20, 1, 1}});
    std::printf("field %s -> %zu batches of windows (10 days, overlap 9, 20 per batch)\n",
                clarity::to_string(field.shape()).c_str(), generator.size());
    std::size_t index = 0;
    for (const auto& batch : generator) {
        // A contiguous, normalised copy of the batch, computed in one kernel.
        const auto normalised = clarity::eval((batch - clarity::mean(batch)) / clarity::std(batch));
        if (index % 5 == 0 || index + 1 == generator.size())
            std::printf("batch %2zu: shape %-18s view of the field: %s, mean %+.3f, normalised std %.3f\n", index,
                        clarity::to_string(batch.shape()).c_str(), batch.buffer()() == field.buffer()() ? "yes" : "no",
                        clarity::mean(batch).item(), clarity::std(normalised).item());
        ++index;
    }
    return 0;
}
