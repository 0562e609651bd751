// Complex float FFTs, one forward and one inverse transform in place per iteration:
//   fft_1d/<impl>/N            one transform of N points (2^20, 2^24)
//   fft_2d/<impl>/4096         a 4096 x 4096 transform
//   fft_batched/<impl>/4096    4096 rows of 4096 points, each transformed alone
// <impl>: clarity (its own Stockham kernels), clarity_clfft (clarity's path through clFFT), and
// clFFT (the library called directly). bench/peers/torch_peer.py times cuFFT (torch.fft) at
// the same shapes. Counters: GB/s for one read and one write of the data per transform, and
// GFLOP/s by the usual 5 N log2 N per transform.
#include <clFFT.h>

#include <cmath>
#include <complex>
#include <memory>
#include <string>
#include <vector>

#include "bench_support.hpp"

namespace {

using cfloat = std::complex<float>;

struct fft_case {
    std::string family;
    std::size_t size;         // the number in the benchmark's name
    clarity::shape_t shape;   // the array
    std::size_t axes;         // transformed trailing axes
};

const std::vector<fft_case>& cases() {
    static const std::vector<fft_case> all{{"fft_1d", 1 << 20, {1 << 20}, 1},
                                           {"fft_1d", 1 << 24, {1 << 24}, 1},
                                           {"fft_2d", 4096, {4096, 4096}, 2},
                                           {"fft_batched", 4096, {4096, 4096}, 1}};
    return all;
}

// The transform's trailing lengths.
clarity::shape_t lengths_of(const fft_case& c) { return {c.shape.end() - std::ptrdiff_t(c.axes), c.shape.end()}; }

// A forward and an inverse transform give the input back; its first and last values are checked.
void verify_round_trip(const clarity::array<cfloat>& a, const std::vector<cfloat>& input) {
    const auto flat = a.reshape({a.size()});
    const cfloat first = flat[0].item(), last = flat[std::ptrdiff_t(a.size()) - 1].item();
    if (std::abs(first - input.front()) > 1e-3f || std::abs(last - input.back()) > 1e-3f)
        throw std::runtime_error("the round trip did not return the input");
}

void set_flops(benchmark::State& state, const fft_case& c) {
    const double points = double(clarity::layout::contiguous(c.shape).size());
    double log_points = 0;
    for (auto n : lengths_of(c)) log_points += std::log2(double(n));
    state.counters["GFLOP/s"] = benchmark::Counter(2 * 5 * points * log_points * 1e-9,
                                                   benchmark::Counter::kIsIterationInvariantRate);
}

template <class Enqueue>
void time_round_trip(benchmark::State& state, const fft_case& c, Enqueue round_trip) {
    clarity_bench::guarded(state, [&] {
        auto& q = clarity::default_queue();
        const auto n = clarity::layout::contiguous(c.shape).size();
        if (!clarity_bench::fits_on_device(state, q.device(), 3, n * sizeof(cfloat))) return;
        std::vector<cfloat> input(n);
        for (std::size_t i = 0; i < n; ++i) input[i] = cfloat(float(i % 7) - 3, float(i % 5) - 2);
        auto a = clarity::to_device(q, input, c.shape);
        clarity_bench::time_on_device(state, q, 2 * 2 * n * sizeof(cfloat), round_trip(q, a),
                                      [&] { verify_round_trip(a, input); });
        set_flops(state, c);
    });
}

void clarity_fft(benchmark::State& state, const fft_case& c, clarity::fft_engine engine) {
    time_round_trip(state, c, [&](clarity::queue& q, clarity::array<cfloat>& a) {
        auto plan = std::make_shared<clarity::fft_plan<cfloat>>(q, lengths_of(c), engine);
        return [plan, a] {
            plan->forward(a);
            plan->inverse(a);
        };
    });
}

void check_clfft(clfftStatus status, const char* call) {
    if (status != CLFFT_SUCCESS) throw clarity::error(status, std::string(call) + " failed");
}

// A clFFT plan made and destroyed by hand, as a user of clFFT alone would.
struct raw_clfft_plan {
    clfftPlanHandle handle = 0;
    raw_clfft_plan(clarity::queue& q, const fft_case& c) {
        const auto lengths = lengths_of(c);
        std::vector<std::size_t> fastest_first(lengths.rbegin(), lengths.rend());
        std::size_t points = 1;
        for (auto n : lengths) points *= n;
        check_clfft(clfftCreateDefaultPlan(&handle, q.context().get()(), clfftDim(lengths.size()), fastest_first.data()),
                    "clfftCreateDefaultPlan");
        check_clfft(clfftSetPlanPrecision(handle, CLFFT_SINGLE), "clfftSetPlanPrecision");
        check_clfft(clfftSetLayout(handle, CLFFT_COMPLEX_INTERLEAVED, CLFFT_COMPLEX_INTERLEAVED), "clfftSetLayout");
        check_clfft(clfftSetResultLocation(handle, CLFFT_INPLACE), "clfftSetResultLocation");
        check_clfft(clfftSetPlanBatchSize(handle, clarity::layout::contiguous(c.shape).size() / points),
                    "clfftSetPlanBatchSize");
        check_clfft(clfftSetPlanDistance(handle, points, points), "clfftSetPlanDistance");
        cl_command_queue queue = q.get()();
        check_clfft(clfftBakePlan(handle, 1, &queue, nullptr, nullptr), "clfftBakePlan");
    }
    ~raw_clfft_plan() { clfftDestroyPlan(&handle); }
};

void raw_clfft(benchmark::State& state, const fft_case& c) {
    time_round_trip(state, c, [&](clarity::queue& q, clarity::array<cfloat>& a) {
        clarity::fft_plan<cfloat> warm(q, {2}, clarity::fft_engine::clfft);  // has clarity call clfftSetup
        auto plan = std::make_shared<raw_clfft_plan>(q, c);
        return [plan, queue = q.get()(), data = a.buffer()()]() mutable {
            cl_mem buffer = data;
            for (auto direction : {CLFFT_FORWARD, CLFFT_BACKWARD})
                check_clfft(clfftEnqueueTransform(plan->handle, direction, 1, &queue, 0, nullptr, nullptr, &buffer,
                                                  nullptr, nullptr),
                            "clfftEnqueueTransform");
        };
    });
}

const bool registered = [] {
    for (const auto& c : cases()) {
        const auto name = [&](const char* impl) { return c.family + "/" + impl + "/" + std::to_string(c.size); };
        for (auto* b : {benchmark::RegisterBenchmark(name("clarity").c_str(), clarity_fft, c,
                                                     clarity::fft_engine::automatic),
                        benchmark::RegisterBenchmark(name("clarity_clfft").c_str(), clarity_fft, c,
                                                     clarity::fft_engine::clfft),
                        benchmark::RegisterBenchmark(name("clFFT").c_str(), raw_clfft, c)}) {
            clarity_bench::device_timed(b);
            b->Unit(benchmark::kMillisecond);
        }
    }
    return true;
}();

}  // namespace

CLARITY_BENCHMARK_MAIN();
