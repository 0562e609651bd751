// The main demo: prints the device, runs each capability of clarity on real data, checks it
// against the host, and prints how long each step took. Run it with `bash scripts/demo.sh`.
#include <clarity/clarity.hpp>

#include <chrono>
#include <cstdio>
#include <functional>
#include <numeric>
#include <random>
#include <string>
#include <vector>

namespace {

int failures = 0;

// Runs one capability; `check` returns whether the device result matched the host's.
void step(const std::string& title, const std::function<bool()>& check) {
    const auto start = std::chrono::steady_clock::now();
    bool ok = false;
    std::string error;
    try {
        ok = check();
    } catch (const std::exception& e) {
        error = e.what();
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("  %-58s %-4s %9.2f ms\n", title.c_str(), ok ? "ok" : "FAIL", ms);
    if (!error.empty()) std::printf("    %s\n", error.c_str());
    failures += !ok;
}

std::vector<float> random_floats(std::size_t n, unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    std::vector<float> v(n);
    for (auto& x : v) x = uniform(gen);
    return v;
}

}  // namespace

int main() {
    auto& q = clarity::default_queue();
    const auto& dev = q.device();
    std::printf("clarity tour on \"%s\" (%s, %s, %u compute units, %s)\n", dev.name().c_str(),
                dev.platform_name().c_str(), dev.driver_version().c_str(), dev.compute_units(),
                dev.has_fp64() ? "fp64" : "no fp64");
    std::printf("program cache: %s\n\n", clarity::program_cache_directory().empty()
                                             ? "off"
                                             : clarity::program_cache_directory().c_str());

    const std::size_t n = std::size_t(1) << 22;
    const auto host_a = random_floats(n, 1), host_b = random_floats(n, 2);
    clarity::array<float> a, b;

    std::printf("Arrays\n");
    step("to_device + get of 2^22 floats round-trips", [&] {
        a = clarity::to_device(q, host_a);
        b = clarity::to_device(q, host_b);
        return a.get() == host_a;
    });
    step("zeros / ones / full / arange", [&] {
        const auto r = clarity::arange<int>(q, 0, 1000, 3).get();
        std::vector<int> expected(334);
        for (std::size_t k = 0; k < expected.size(); ++k) expected[k] = int(3 * k);
        return r == expected && clarity::full<double>(q, {3, 4}, 2.5).get() == std::vector<double>(12, 2.5) &&
               clarity::zeros<std::uint8_t>(q, {5}).get() == std::vector<std::uint8_t>(5, 0) &&
               clarity::ones<std::complex<float>>(q, {2}).get() == std::vector<std::complex<float>>(2, 1.0f);
    });
    step("views share the buffer (reshape, slice, index)", [&] {
        auto m = clarity::arange<int>(q, 0, 12).reshape({3, 4});
        m[1].fill(-1);
        m.slice(1, 0, 4, 3).fill(9);  // columns 0 and 3
        return m.get() == std::vector<int>{9, 1, 2, 9, 9, -1, -1, 9, 9, 9, 10, 9};
    });
    step("transposed 2048 x 2048 view copied by the strided kernel", [&] {
        auto m = a.reshape({2048, 2048});
        const auto t = m.transpose().copy().get();
        for (std::size_t r = 0; r < 2048; r += 97)
            for (std::size_t c = 0; c < 2048; c += 89)
                if (t[c * 2048 + r] != host_a[r * 2048 + c]) return false;
        return true;
    });
    step("astype<double> of 2^22 floats", [&] {
        const auto d = a.astype<double>().get();
        for (std::size_t k = 0; k < n; k += 4099)
            if (d[k] != double(host_a[k])) return false;
        return true;
    });

    std::printf("ElementwiseKernel\n");
    clarity::ElementwiseKernel lin_comb(q.context(), "float k1, float *a, float k2, float *b, float *res",
                                        "res[i] = k1 * a[i] + k2 * b[i]", "lin_comb");
    auto res = clarity::empty<float>(q, {n});
    step("lin_comb: res = 2a + 3b (first call compiles)", [&] {
        lin_comb(2.0f, a, 3.0f, b, res);
        const auto r = res.get();
        for (std::size_t k = 0; k < n; ++k)
            if (r[k] != 2.0f * host_a[k] + 3.0f * host_b[k]) return false;
        return true;
    });
    step("lin_comb again, 10 times (kernel cached)", [&] {
        for (int k = 0; k < 10; ++k) lin_comb(2.0f, a, 3.0f, b, res);
        q.finish();
        return res.get()[n - 1] == 2.0f * host_a[n - 1] + 3.0f * host_b[n - 1];
    });
    step("bad call throws before launching", [&] {
        try {
            lin_comb(2.0f, a, 3.0f, b);
        } catch (const std::invalid_argument& e) {
            return std::string(e.what()).find("expected 5 arguments") != std::string::npos;
        }
        return false;
    });

    const auto stats = clarity::program_cache_statistics();
    std::printf("\nprogram cache: %llu compiled, %llu loaded from disk, %llu found in memory\n",
                static_cast<unsigned long long>(stats.compiled), static_cast<unsigned long long>(stats.disk_hits),
                static_cast<unsigned long long>(stats.memory_hits));
    std::printf("%s\n", failures == 0 ? "all steps passed" : "SOME STEPS FAILED");
    return failures == 0 ? 0 : 1;
}
