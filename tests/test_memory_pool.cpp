// The pool of device buffers: freed buffers are reused on their queue (same or slightly larger
// bin, never smaller), contents the API promises (zeros, fills) survive reuse, statistics add
// up, held memory can be released, pooling can be turned off, and threads may share a queue.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <thread>

#include <clarity/clarity.hpp>

#include "memory_pool.hpp"
#include "support.hpp"

namespace {

// Sets pooling on or off for the life of the object (tests also run under CLARITY_NO_POOL=1).
struct scoped_pooling {
    bool previous = clarity::memory_pool_enabled();
    explicit scoped_pooling(bool on) { clarity::set_memory_pool_enabled(on); }
    ~scoped_pooling() { clarity::set_memory_pool_enabled(previous); }
};

// A queue of its own, so that the statistics count only what the test does.
clarity::queue fresh_queue() { return clarity::queue(test::q().context()); }

cl_mem handle(const clarity::array<float>& a) { return a.buffer()(); }

}  // namespace

TEST_CASE("bins have 4 mantissa bits per power of two") {
    using clarity::detail::pool_bin_size;
    for (std::size_t bytes = 1; bytes <= 32; ++bytes) CHECK(pool_bin_size(bytes) == bytes);
    CHECK(pool_bin_size(33) == 34);
    CHECK(pool_bin_size(3960) == 3968);
    CHECK(pool_bin_size(4000) == 4096);
    CHECK(pool_bin_size(4096) == 4096);
    CHECK(pool_bin_size(4097) == 4352);
    CHECK(pool_bin_size(std::size_t(1) << 30) == std::size_t(1) << 30);
    CHECK(pool_bin_size((std::size_t(1) << 30) + 1) == (std::size_t(1) << 30) + (std::size_t(1) << 26));
    for (std::size_t bytes : {5u, 100u, 1000u, 65537u, 1234567u}) {
        CHECK(pool_bin_size(bytes) >= bytes);
        CHECK(pool_bin_size(bytes) - bytes <= bytes / 16);
    }
}

TEST_CASE("a freed buffer is reused by the next request of its bin or a slightly smaller one") {
    scoped_pooling on(true);
    auto q = fresh_queue();
    cl_mem first = nullptr;
    {
        auto a = clarity::empty<float>(q, {1000});
        first = handle(a);
        const auto s = clarity::memory_pool_usage(q);
        CHECK(s.active_blocks == 1);
        CHECK(s.active_bytes == 4096);
        CHECK(s.held_blocks == 0);
    }
    auto s = clarity::memory_pool_usage(q);
    CHECK(s.active_blocks == 0);
    CHECK(s.held_blocks == 1);
    CHECK(s.held_bytes == 4096);
    for (std::size_t n : {1000, 990, 1024}) {
        auto b = clarity::empty<float>(q, {n});
        CHECK(handle(b) == first);
        CHECK(b.size() == n);
        CHECK(b.nbytes() == n * sizeof(float));
        CHECK(clarity::memory_pool_usage(q).held_blocks == 0);
    }
    {
        auto larger = clarity::empty<float>(q, {1025});  // more than the held block holds
        CHECK(handle(larger) != first);
        auto tiny = clarity::empty<float>(q, {100});  // would waste most of the held block
        CHECK(handle(tiny) != first);
        s = clarity::memory_pool_usage(q);
        CHECK(s.held_blocks == 1);
        CHECK(s.active_blocks == 2);
        CHECK(s.active_bytes == 4352 + 400);
    }
    s = clarity::memory_pool_usage(q);
    CHECK(s.held_blocks == 3);
    CHECK(s.held_bytes == 4096 + 4352 + 400);
    CHECK(s.active_blocks == 0);
    CHECK(s.active_bytes == 0);
}

TEST_CASE("buffers are reused only on their own queue") {
    scoped_pooling on(true);
    auto q1 = fresh_queue();
    auto q2 = fresh_queue();
    cl_mem first = nullptr;
    {
        auto a = clarity::empty<float>(q1, {1000});
        first = handle(a);
    }
    auto b = clarity::empty<float>(q2, {1000});
    CHECK(handle(b) != first);
    CHECK(clarity::memory_pool_usage(q1).held_blocks == 1);
    auto q1_copy = q1;  // copies share the queue and its pool
    auto c = clarity::empty<float>(q1_copy, {1000});
    CHECK(handle(c) == first);
}

TEST_CASE("reused buffers show no stale data where the API promises values") {
    scoped_pooling on(true);
    auto q = fresh_queue();
    for (std::size_t n : {1, 257, 1000, 4099}) {
        CAPTURE(n);
        cl_mem first = nullptr;
        {
            auto a = clarity::to_device(q, test::random_vector<float>(n, 7));
            first = handle(a);
        }
        {
            auto z = clarity::zeros<float>(q, {n});
            CHECK(handle(z) == first);
            CHECK(z.get() == std::vector<float>(n, 0.0f));
        }
        {
            auto f = clarity::full<float>(q, {n}, 2.5f);
            CHECK(handle(f) == first);
            CHECK(f.get() == std::vector<float>(n, 2.5f));
        }
        const auto data = test::random_vector<float>(n, 11);
        auto d = clarity::to_device(q, data);
        CHECK(handle(d) == first);
        CHECK(d.get() == data);
    }
}

TEST_CASE("copy_if results stay correct while their outputs are recycled") {
    scoped_pooling on(true);
    auto q = fresh_queue();
    for (std::uint32_t round = 0; round < 6; ++round) {
        const auto host = test::random_vector<float>(1021, round + 1);
        std::vector<float> expected;
        for (float v : host)
            if (v > 0) expected.push_back(v);
        auto [out, count, ev] = clarity::copy_if(clarity::to_device(q, host), "ary[i] > 0");
        const auto kept = static_cast<std::size_t>(count.item());
        REQUIRE(kept == expected.size());
        const auto values = out.get();
        CHECK(std::vector<float>(values.begin(), values.begin() + kept) == expected);
    }
    CHECK(clarity::memory_pool_usage(q).active_blocks == 0);
    CHECK(clarity::memory_pool_usage(q).held_blocks > 0);
}

TEST_CASE("free_held_memory releases idle buffers and leaves live ones alone") {
    scoped_pooling on(true);
    auto q = fresh_queue();
    auto kept = clarity::full<float>(q, {1000}, 1.0f);
    { auto freed = clarity::empty<float>(q, {5000}); }
    CHECK(clarity::memory_pool_usage(q).held_blocks == 1);
    const auto all = clarity::memory_pool_usage();
    CHECK(all.held_blocks >= 1);
    CHECK(all.active_blocks >= 1);
    clarity::free_held_memory();
    const auto s = clarity::memory_pool_usage(q);
    CHECK(s.held_blocks == 0);
    CHECK(s.held_bytes == 0);
    CHECK(clarity::memory_pool_usage().held_blocks == 0);
    CHECK(s.active_blocks == 1);
    CHECK(kept.get() == std::vector<float>(1000, 1.0f));
}

TEST_CASE("with pooling off, buffers have the requested size and are released at once") {
    auto q = fresh_queue();
    {
        scoped_pooling on(true);
        { auto a = clarity::empty<float>(q, {1000}); }
        CHECK(clarity::memory_pool_usage(q).held_blocks == 1);
    }
    scoped_pooling off(false);
    CHECK_FALSE(clarity::memory_pool_enabled());
    CHECK(clarity::memory_pool_usage(q).held_blocks == 0);
    {
        auto a = clarity::zeros<float>(q, {1000});
        CHECK(clarity::memory_pool_usage(q).active_bytes == 4000);
        CHECK(a.get() == std::vector<float>(1000, 0.0f));
    }
    const auto s = clarity::memory_pool_usage(q);
    CHECK(s.held_blocks == 0);
    CHECK(s.active_blocks == 0);
}

TEST_CASE("a pool lives as long as its queue or one of its arrays") {
    std::weak_ptr<clarity::detail::memory_pool> pool;
    clarity::array<float> survivor;
    {
        auto q = fresh_queue();
        pool = q.pool();
        survivor = clarity::full<float>(q, {300}, 4.0f);
        { auto freed = clarity::empty<float>(q, {1000}); }
    }
    CHECK_FALSE(pool.expired());
    CHECK(survivor.get() == std::vector<float>(300, 4.0f));
    survivor = clarity::array<float>();
    CHECK(pool.expired());
}

TEST_CASE("memory_pool_enabled follows CLARITY_NO_POOL") {
    const char* value = std::getenv("CLARITY_NO_POOL");
    const bool disabled = value != nullptr && std::string(value) != "" && std::string(value) != "0";
    CHECK(clarity::memory_pool_enabled() == !disabled);
}

TEST_CASE("8 threads allocating and freeing on one queue at once") {
    scoped_pooling on(true);
    auto q = fresh_queue();
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            try {
                for (int round = 0; round < 40; ++round) {
                    // Sizes that share bins across threads, so that buffers change hands.
                    const std::size_t n = 900 + std::size_t((t * 7 + round * 13) % 200);
                    const float mark = float(t * 1000 + round);
                    auto a = clarity::full<float>(q, {n}, mark);
                    auto z = clarity::zeros<float>(q, {n / 2});
                    if (a.get() != std::vector<float>(n, mark)) ++failures;
                    if (z.get() != std::vector<float>(n / 2, 0.0f)) ++failures;
                    if (round % 10 == 9) clarity::free_held_memory();
                }
            } catch (...) {
                ++failures;
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(failures == 0);
    const auto s = clarity::memory_pool_usage(q);
    CHECK(s.active_blocks == 0);
    CHECK(s.active_bytes == 0);
}
