#include "core/plan/k6_shortcuts.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace json = boost::json;
using loadtwin::core::derive_default_scenario;

TEST(k6_shortcuts_test, each_shortcut_gives_k6s_executor) {
  struct Case {
    char const* options;
    char const* scenario;
  };
  Case const cases[] = {
      {R"({"vus": 3, "duration": "10s"})",
       R"({"executor":"constant-vus","vus":3,"duration":"10s","exec":"k"})"},
      {R"({"iterations": 9})",
       R"({"executor":"shared-iterations","vus":1,"iterations":9,"exec":"k"})"},
      {R"({"iterations": 9, "duration": "1m", "vus": 3})",
       R"({"executor":"shared-iterations","vus":3,"iterations":9,"maxDuration":"1m",
           "exec":"k"})"},
      {R"({"vus": 2, "stages": [{"duration": "5s", "target": 4}]})",
       R"({"executor":"ramping-vus","startVUs":2,"stages":[{"duration":"5s","target":4}],
           "exec":"k"})"},
      {R"({})", R"({"executor":"per-vu-iterations","vus":1,"iterations":1,"exec":"k"})"},
      // an empty stages array counts as unset (k6: "stages isn't explicitly set to empty")
      {R"({"stages": [], "duration": "2s"})",
       R"({"executor":"constant-vus","vus":1,"duration":"2s","exec":"k"})"},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.options);
    auto const derived = derive_default_scenario(json::parse(c.options).as_object(), "k", "p");
    ASSERT_TRUE(derived.scenario);
    EXPECT_EQ(json::value(*derived.scenario), json::parse(c.scenario))
        << json::serialize(*derived.scenario);
  }
}

TEST(k6_shortcuts_test, k6s_conflicts_are_errors) {
  for (char const* options : {R"({"iterations": 1, "stages": [{"duration": "1s", "target": 1}]})",
                              R"({"duration": "1s", "stages": [{"duration": "1s", "target": 1}]})",
                              R"({"duration": "0s"})", R"({"duration": 0})"}) {
    SCOPED_TRACE(options);
    auto const derived = derive_default_scenario(json::parse(options).as_object(), "k", "p");
    EXPECT_FALSE(derived.scenario);
    ASSERT_EQ(derived.errors.size(), 1U);
    EXPECT_EQ(derived.errors[0].path, "p");
  }
}
