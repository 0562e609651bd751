// Scans and compaction: one-pass scans, stream compaction, lists of lists.
#include "tour.hpp"

#include <cstdint>

void tour::scans(clarity::queue& q) {
    section("Scans and compaction");
    const std::size_t n = std::size_t(1) << 22;
    std::vector<int> host(n);
    for (std::size_t k = 0; k < n; ++k) host[k] = int(k % 7) - 3;
    const auto a = clarity::to_device(q, host);
    step("inclusive cumulative sum of 2^22 ints", [&] {
        clarity::InclusiveScanKernel<int> cumsum(q.context(), "a+b", "0");
        auto out = clarity::empty<int>(q, {n});
        cumsum(a, out);
        const auto got = out.get();
        int running = 0;
        for (std::size_t k = 0; k < n; ++k)
            if (got[k] != (running += host[k])) return false;
        return true;
    });
    step("copy_if(x > lim) with the limit as an extra argument", [&] {
        auto [out, count, ev] = clarity::copy_if(a, "ary[i] > lim", {.extra_args = {clarity::arg("lim", 1)}});
        std::vector<int> expected;
        for (int x : host)
            if (x > 1) expected.push_back(x);
        const auto kept = count.item();
        const auto got = out.get();
        return kept == expected.size() && std::equal(expected.begin(), expected.end(), got.begin());
    });
    step("unique of a sorted run", [&] {
        const std::vector<int> sorted{1, 1, 2, 3, 3, 3, 7, 9, 9};
        auto [out, count, ev] = clarity::unique(clarity::to_device(q, sorted));
        const auto got = out.get();
        return count.item() == 5 && std::vector<int>(got.begin(), got.begin() + 5) == std::vector<int>{1, 2, 3, 7, 9};
    });
    step("ListOfListsBuilder: object i appends i % 4 copies of i % 4", [&] {
        clarity::ListOfListsBuilder builder(q.context(), {{"mylist", clarity::type_name<int>()}}, R"(
            void generate(LIST_ARG_DECL USER_ARG_DECL index_type i)
            {
                int count = i % 4;
                for (int j = 0; j < count; ++j)
                    APPEND_mylist(count);
            })");
        auto [lists, ev] = builder(q, 2000);
        const auto ml = lists.get<int>("mylist");
        const auto values = ml.lists.get();
        return ml.count == 3000 && std::vector<int>(values.end() - 6, values.end()) == std::vector<int>{1, 2, 2, 3, 3, 3};
    });
}
