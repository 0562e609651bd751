// Array creation, transfers, item, fill and astype, for every element type at awkward sizes.
#include <doctest/doctest.h>

#include <complex>
#include <cstdint>

#include <clarity/clarity.hpp>

#include "support.hpp"

using cfloat = std::complex<float>;
using cdouble = std::complex<double>;

#define CLARITY_ALL_TYPES \
    std::int8_t, std::uint8_t, std::int16_t, std::uint16_t, std::int32_t, std::uint32_t, std::int64_t, std::uint64_t, \
        float, double, cfloat, cdouble

TEST_CASE_TEMPLATE("to_device and get round-trip at awkward sizes", T, CLARITY_ALL_TYPES) {
    for (auto n : test::awkward_sizes()) {
        CAPTURE(n);
        const auto host = test::random_vector<T>(n, 7);
        auto a = clarity::to_device(test::q(), host);
        CHECK(a.size() == n);
        CHECK(a.shape() == clarity::shape_t{n});
        CHECK(a.nbytes() == n * sizeof(T));
        CHECK(a.get() == host);
    }
}

TEST_CASE_TEMPLATE("zeros, ones, full and fill", T, CLARITY_ALL_TYPES) {
    for (auto n : {std::size_t(0), std::size_t(1), std::size_t(1021)}) {
        CAPTURE(n);
        CHECK(clarity::zeros<T>(test::q(), {n}).get() == std::vector<T>(n, T(0)));
        CHECK(clarity::ones<T>(test::q(), {n}).get() == std::vector<T>(n, T(1)));
        CHECK(clarity::full<T>(test::q(), {n}, T(5)).get() == std::vector<T>(n, T(5)));
        auto a = clarity::empty<T>(test::q(), {n});
        a.fill(T(3));
        CHECK(a.get() == std::vector<T>(n, T(3)));
    }
    auto m = clarity::zeros<T>(test::q(), {3, 0, 2});
    CHECK(m.size() == 0);
    CHECK(m.get().empty());
}

TEST_CASE_TEMPLATE("arange matches start + k * step", T, std::int8_t, std::int32_t, std::uint32_t, std::int64_t, float,
                   double) {
    auto r = clarity::arange<T>(test::q(), T(0), T(100));
    const auto h = r.get();
    REQUIRE(h.size() == 100);
    for (std::size_t k = 0; k < h.size(); ++k) CHECK(h[k] == T(k));
    CHECK(clarity::arange<T>(test::q(), T(5), T(5)).size() == 0);
    CHECK(clarity::arange<T>(test::q(), T(10), T(2)).size() == 0);
    if constexpr (std::is_signed_v<T>) {
        const auto down = clarity::arange<T>(test::q(), T(10), T(-7), T(-3)).get();  // 10 7 4 1 -2 -5
        CHECK(down == std::vector<T>{10, 7, 4, 1, -2, -5});
    }
    CHECK_THROWS_AS(clarity::arange<T>(test::q(), T(0), T(10), T(0)), std::invalid_argument);
}

TEST_CASE("arange of floats with a fractional step") {
    const auto h = clarity::arange<float>(test::q(), 0.5f, 3.0f, 0.25f).get();
    REQUIRE(h.size() == 10);
    for (std::size_t k = 0; k < h.size(); ++k) CHECK(h[k] == 0.5f + float(k) * 0.25f);
}

TEST_CASE("shaped to_device, item and 0-d arrays") {
    const std::vector<int> host{1, 2, 3, 4, 5, 6};
    auto m = clarity::to_device(test::q(), host, {2, 3});
    CHECK(m.ndim() == 2);
    CHECK(m.strides() == clarity::strides_t{3, 1});
    CHECK(m[1].get() == std::vector<int>{4, 5, 6});
    CHECK(m[1][2].item() == 6);
    CHECK(m[1][2].ndim() == 0);
    CHECK_THROWS_AS(m.item(), std::invalid_argument);
    CHECK_THROWS_AS(clarity::to_device(test::q(), host, {4, 2}), std::invalid_argument);
    auto scalar = clarity::full<double>(test::q(), {}, 2.5);
    CHECK(scalar.size() == 1);
    CHECK(scalar.item() == 2.5);
}

TEST_CASE("asynchronous transfers complete through their events") {
    const auto host = test::random_vector<float>(65537, 3);
    auto a = clarity::empty<float>(test::q(), {host.size()});
    const auto written = a.set_async(host);
    std::vector<float> back(host.size());
    const auto read = a.get_async(back, {written});
    read.wait();
    CHECK(back == host);
    // Strided views go through a device-side gather and still deliver the right elements.
    std::vector<float> odd(host.size() / 2);
    a.slice(0, 1, host.size(), 2).get_async(odd).wait();
    for (std::size_t k = 0; k < odd.size(); ++k) CHECK(odd[k] == host[2 * k + 1]);
    CHECK_THROWS_AS(a.get(std::span<float>(back.data(), 3)), std::invalid_argument);
    CHECK_THROWS_AS(a.set(std::span<const float>(host.data(), 3)), std::invalid_argument);
    CHECK(a.get() == host);  // the refused transfers changed nothing
}

TEST_CASE_TEMPLATE("astype converts like a C cast", T, std::int8_t, std::uint8_t, std::int16_t, std::int32_t,
                   std::uint32_t, std::int64_t, float, double) {
    std::vector<int> host(1021);
    for (std::size_t k = 0; k < host.size(); ++k) host[k] = int(k % 200) - 100;
    auto a = clarity::to_device(test::q(), host);
    const auto converted = a.astype<T>().get();
    for (std::size_t k = 0; k < host.size(); ++k) CHECK(converted[k] == static_cast<T>(host[k]));
    const auto back = a.astype<T>().template astype<double>().get();
    for (std::size_t k = 0; k < host.size(); ++k) CHECK(back[k] == static_cast<double>(static_cast<T>(host[k])));
}

TEST_CASE("astype between real and complex") {
    const auto host = test::random_vector<float>(257, 11);
    auto a = clarity::to_device(test::q(), host);
    const auto z = a.astype<cdouble>().get();
    for (std::size_t k = 0; k < host.size(); ++k) CHECK(z[k] == cdouble(host[k], 0.0));
    const auto zc = test::random_vector<cdouble>(257, 12);
    const auto narrowed = clarity::to_device(test::q(), zc).astype<cfloat>().get();
    for (std::size_t k = 0; k < zc.size(); ++k)
        CHECK(narrowed[k] == cfloat(static_cast<float>(zc[k].real()), static_cast<float>(zc[k].imag())));
    // Dropping the imaginary part silently would lose data: refused, and nothing is created.
    CHECK_THROWS_AS(clarity::to_device(test::q(), zc).astype<double>(), std::invalid_argument);
}

TEST_CASE("vector element types") {
    std::vector<cl_float4> host(100);
    for (std::size_t k = 0; k < host.size(); ++k) host[k] = {{float(k), float(2 * k), float(3 * k), float(4 * k)}};
    auto a = clarity::to_device(test::q(), host);
    const auto back = a.get();
    for (std::size_t k = 0; k < host.size(); ++k) CHECK(back[k].s[3] == float(4 * k));
    const auto as_int = a.astype<cl_int4>().get();
    CHECK(as_int[9].s[2] == 27);
    CHECK_THROWS_AS(a.astype<cl_float2>(), std::invalid_argument);
}

TEST_CASE("allocations beyond the device limit are refused up front") {
    const auto limit = test::q().device().max_alloc_size();
    CHECK_THROWS_WITH_AS(clarity::empty<std::uint8_t>(test::q(), {std::size_t(limit) + 1}), doctest::Contains("at most"),
                         std::invalid_argument);
}

TEST_CASE("0-d results reuse pooled buffers within their own queue") {
    clarity::queue q(test::q().context()), other(test::q().context());
    if (clarity::memory_pool_enabled()) {  // the ctest entry memory_pool_off runs this file without the pool
        cl_mem released = nullptr;
        {
            const auto a = clarity::empty<std::int32_t>(q, {});
            released = a.buffer()();
        }
        const auto b = clarity::empty<std::int32_t>(q, {});
        CHECK(b.buffer()() == released);
        CHECK(clarity::empty<std::int32_t>(q, {}).buffer()() != released);  // b still holds it
        cl_mem idle = nullptr;
        {
            const auto c = clarity::empty<std::int32_t>(q, {});
            idle = c.buffer()();
        }
        CHECK(clarity::empty<std::int32_t>(other, {}).buffer()() != idle);  // only q hands it out again
    }
    // Results written into reused buffers, one after another on the in-order queue.
    const auto ones = clarity::full<std::int32_t>(q, {1000}, 1);
    for (std::int32_t k = 1; k <= 50; ++k) CHECK(clarity::sum(clarity::eval(ones * k)).item() == 1000 * k);
}
