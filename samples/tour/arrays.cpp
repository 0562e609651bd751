// Arrays: creation, transfers, views sharing one buffer, strided copies, astype.
#include "tour.hpp"

void tour::arrays(clarity::queue& q) {
    section("Arrays");
    const std::size_t n = std::size_t(1) << 22;
    const auto host = random_floats(n, 1);
    clarity::array<float> a;
    step("to_device + get of 2^22 floats round-trips", [&] {
        a = clarity::to_device(q, host);
        return a.get() == host;
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
        const auto t = a.reshape({2048, 2048}).transpose().copy().get();
        for (std::size_t r = 0; r < 2048; r += 97)
            for (std::size_t c = 0; c < 2048; c += 89)
                if (t[c * 2048 + r] != host[r * 2048 + c]) return false;
        return true;
    });
    step("astype<double> of 2^22 floats", [&] {
        const auto d = a.astype<double>().get();
        for (std::size_t k = 0; k < n; k += 4099)
            if (d[k] != double(host[k])) return false;
        return true;
    });
}
