// Fused expressions, broadcasting, 0-d results on the device, sliding windows, .npy files.
#include "tour.hpp"

#include <cmath>
#include <filesystem>

void tour::expressions(clarity::queue& q) {
    section("Fused expressions, windows and .npy files");
    const std::size_t n = std::size_t(1) << 22;
    const auto host_a = random_floats(n, 11), host_b = random_floats(n, 12);
    const auto a = clarity::to_device(q, host_a), b = clarity::to_device(q, host_b);
    step("res = 2a + 3b, then res += sin(a) * exp(-b): one kernel each", [&] {
        clarity::array<float> res = 2.0f * a + 3.0f * b;
        res += clarity::sin(a) * clarity::exp(-b);
        const auto r = res.get();
        for (std::size_t k = 0; k < n; k += 997) {
            const float want = 2.0f * host_a[k] + 3.0f * host_b[k] + std::sin(host_a[k]) * std::exp(-host_b[k]);
            if (std::abs(r[k] - want) > 1e-5f * (1 + std::abs(want))) return false;
        }
        return true;
    });
    step("broadcasting: a (2048, 2048) matrix minus its row of column means", [&] {
        const auto m = a.reshape({2048, 2048});
        const auto centered = clarity::eval(m - clarity::mean(m, 0));
        return std::abs(clarity::mean(centered, 0)[17].item()) < 1e-5f;
    });
    step("a - mean(a) and (a - mean) / std: 0-d results never leave the device", [&] {
        const auto z = clarity::eval((a - clarity::mean(a)) / clarity::std(a));
        return std::abs(clarity::mean(z).item()) < 1e-4f && std::abs(clarity::std(z).item() - 1.0f) < 1e-3f;
    });
    step("where and comparisons: count of |a| > 0.5", [&] {
        const auto big = clarity::eval(clarity::where(clarity::abs(a) > 0.5f, 1, 0));
        std::int64_t want = 0;
        for (float x : host_a) want += std::abs(x) > 0.5f;
        return clarity::sum(big).item() == want;
    });
    step("sliding windows of 10 and batches of 20 (views, no copies)", [&] {
        const auto windows = clarity::sliding_window_view(a, {10});
        const auto batches = clarity::batches(a.reshape({n / 16, 16}), {.input_sizes = {10, 0}, .overlaps = {9, 0},
                                                                       .batch_sizes = {20, 1}});
        return windows.shape() == clarity::shape_t{n - 9, 10} && windows[5][9].item() == host_a[14] &&
               batches[0].shape() == clarity::shape_t{20, 10, 16} && batches[0].buffer()() == a.buffer()();
    });
    step("save_npy and load_npy round trip", [&] {
        const auto path = std::filesystem::temp_directory_path() / "clarity_tour.npy";
        clarity::save_npy(path, a.reshape({1024, 4096}));
        const auto back = clarity::load_npy<float>(q, path);
        std::filesystem::remove(path);
        return back.shape() == clarity::shape_t{1024, 4096} && back[1023][4095].item() == host_a[n - 1];
    });
}
