// ListOfListsBuilder: the API's seed example, several lists with user arguments, count
// sharing, elimination of empty lists and omitted lists.
#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include <clarity/list_of_lists.hpp>

#include "support.hpp"

TEST_CASE("the seed example: i % 4 entries per object over 2000 objects") {
    clarity::ListOfListsBuilder builder(test::q().context(), {{"mylist", clarity::type_name<int>()}}, R"(
        void generate(LIST_ARG_DECL USER_ARG_DECL index_type i)
        {
            int count = i % 4;
            for (int j = 0; j < count; ++j)
                APPEND_mylist(count);
        })",
                                        "");
    auto [lists, ev] = builder(test::q(), 2000);
    ev.wait();
    auto ml = lists.get<int>("mylist");
    CHECK(ml.count == 3000);
    const auto values = ml.lists.get();
    REQUIRE(values.size() == 3000);
    CHECK(std::vector<int>(values.end() - 6, values.end()) == std::vector<int>{1, 2, 2, 3, 3, 3});
    const auto starts = ml.starts.get();
    REQUIRE(starts.size() == 2001);
    CHECK(starts[0] == 0);
    CHECK(starts[5] == 0 + 1 + 2 + 3 + 0);
    CHECK(starts[2000] == 3000);
    CHECK_THROWS_AS(lists.get<float>("mylist"), std::invalid_argument);
    CHECK_THROWS_AS(lists.get<int>("other"), std::invalid_argument);

    auto [none, ev2] = builder(test::q(), 0);
    CHECK(none.get<int>("mylist").count == 0);
    CHECK(none.get<int>("mylist").starts.get() == std::vector<int>{0});
}

TEST_CASE("several lists with user arguments, count sharing, empty-list elimination and omitted lists") {
    clarity::ListOfListsBuilder builder(
        test::q().context(),
        {{"multiples", "int"}, {"scaled", "float"}, {"sparse", "long"}, {"ignored", "int"}},
        R"(
        void generate(LIST_ARG_DECL USER_ARG_DECL index_type i)
        {
            for (int j = 0; j < weights[i]; ++j)
            {
                APPEND_multiples((int)i * j);
                APPEND_scaled(factor * j);   /* shares the counts of multiples */
            }
            if (i % 7 == 0)
                APPEND_sparse((long)i);
            APPEND_ignored(1);
        })",
        "__global const int *weights, float factor",
        {.count_sharing = {{"scaled", "multiples"}},
         .eliminate_empty_output_lists = {"sparse"},
         .omit_lists = {"ignored"}});
    for (std::size_t n : {1, 100, 4099, 65537}) {
        CAPTURE(n);
        std::vector<int> weights(n);
        for (std::size_t i = 0; i < n; ++i) weights[i] = int(i % 5);
        auto [lists, ev] = builder(test::q(), n, clarity::to_device(test::q(), weights), 0.5f);

        std::vector<int> multiples, starts{0};
        std::vector<float> scaled;
        std::vector<std::int64_t> sparse;
        std::vector<int> nonempty;
        for (std::size_t i = 0; i < n; ++i) {
            for (int j = 0; j < weights[i]; ++j) {
                multiples.push_back(int(i) * j);
                scaled.push_back(0.5f * j);
            }
            starts.push_back(int(multiples.size()));
            if (i % 7 == 0) {
                sparse.push_back(std::int64_t(i));
                nonempty.push_back(int(i));
            }
        }
        auto m = lists.get<int>("multiples");
        CHECK(m.count == multiples.size());
        CHECK(m.lists.get() == multiples);
        CHECK(m.starts.get() == starts);
        auto sc = lists.get<float>("scaled");
        CHECK(sc.lists.get() == scaled);
        CHECK(sc.starts.get() == starts);
        auto sp = lists.get<std::int64_t>("sparse");
        CHECK(sp.lists.get() == sparse);
        CHECK(sp.num_nonempty_lists == nonempty.size());
        CHECK(sp.nonempty_indices.get() == nonempty);
        std::vector<int> sparse_starts(nonempty.size() + 1);
        for (std::size_t k = 0; k < sparse_starts.size(); ++k) sparse_starts[k] = int(k);
        CHECK(sp.starts.get() == sparse_starts);
        CHECK_THROWS_AS(lists.get<int>("ignored"), std::invalid_argument);
    }
}

TEST_CASE("bad builders and bad arguments throw std::invalid_argument") {
    const auto& ctx = test::q().context();
    const std::string generate = "void generate(LIST_ARG_DECL USER_ARG_DECL index_type i) { APPEND_a(1); }";
    using clarity::ListOfListsBuilder;
    CHECK_THROWS_AS(ListOfListsBuilder(ctx, {}, generate), std::invalid_argument);
    CHECK_THROWS_AS(ListOfListsBuilder(ctx, {{"a", "mystery_t"}}, generate), std::invalid_argument);
    CHECK_THROWS_AS(ListOfListsBuilder(ctx, {{"a", "int"}}, generate, "", {.count_sharing = {{"a", "b"}}}),
                    std::invalid_argument);
    CHECK_THROWS_AS(ListOfListsBuilder(ctx, {{"a", "int"}}, generate, "", {.omit_lists = {"b"}}), std::invalid_argument);
    ListOfListsBuilder builder(ctx, {{"a", "int"}}, generate, "int k");
    CHECK_THROWS_AS(builder(test::q(), 10), std::invalid_argument);
    CHECK_THROWS_AS(builder(test::q(), 10, clarity::zeros<int>(test::q(), {3})), std::invalid_argument);
}
