#include "app/convert/options_to_plan.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <sstream>

#include "app/convert/read_options.hpp"

namespace {

namespace json = boost::json;
using loadtwin::app::convert::Conversion;
using loadtwin::app::convert::convert_options;
using loadtwin::app::convert::ConvertSettings;
using loadtwin::app::convert::read_options;

std::string slurp(std::string const& relative) {
  std::ifstream in(std::string(LOADTWIN_SOURCE_DIR) + "/" + relative);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

json::value baseline() { return json::parse(slurp("models/baseline.json")); }

ConvertSettings settings_with_model() {
  ConvertSettings s;
  s.model = baseline().at("model");
  return s;
}

// Reads `text` (script or inspect JSON) and converts it.
Conversion convert_text(std::string const& text, ConvertSettings settings,
                        loadtwin::app::convert::EnvValues const& env = {}) {
  auto read = read_options(text, env);
  if (!read.options) {
    Conversion failed;
    failed.errors = read.errors;
    return failed;
  }
  settings.from_inspect = read.from_inspect;
  settings.sleeps = read.sleeps;
  return convert_options(*read.options, settings);
}

std::string all_errors(Conversion const& c) {
  std::string out;
  for (auto const& e : c.errors) out += e.path + ": " + e.message + "\n";
  return out;
}

bool mentions(std::vector<std::string> const& lines, std::string const& text) {
  for (auto const& l : lines) {
    if (l.find(text) != std::string::npos) return true;
  }
  return false;
}

// A script whose options are `literal`.
std::string script(std::string const& literal) {
  return "import http from 'k6/http';\nexport const options = " + literal +
         ";\nexport default function () { http.get('http://x'); }\n";
}

}  // namespace

TEST(options_to_plan_test, the_seed_script_converts_to_the_shipped_baseline) {
  auto settings = settings_with_model();
  settings.think_times["errorInjection"] = "100ms";
  auto const converted = convert_text(slurp("tests/data/seed/baseline.k6.js"), settings);
  ASSERT_TRUE(converted.plan) << all_errors(converted);
  EXPECT_TRUE(converted.warnings.empty()) << converted.warnings[0];
  auto plan = *converted.plan;
  // The team's script adds p(99) to the summary columns; baseline.json keeps k6's default.
  auto& options = plan.as_object()["options"].as_object();
  EXPECT_EQ(options["summaryTrendStats"],
            json::parse(R"j(["avg","min","med","max","p(90)","p(95)","p(99)"])j"));
  options.erase("summaryTrendStats");
  // baseline.json also states the seed's check for error_injection as `expect` ("any answer
  // but a 5xx"); a k6 check() is code, which convert does not carry.
  auto shipped = baseline();
  shipped.at("options").at("scenarios").at("error_injection").as_object().erase("expect");
  EXPECT_EQ(plan, shipped) << json::serialize(plan);
}

TEST(options_to_plan_test, option_literals_in_every_syntax_become_the_expected_plan_options) {
  struct Case {
    char const* literal;  // the script's options
    char const* options;  // the plan's options
  };
  // One scenario in many spellings; the thresholds and tags around it vary the syntax.
  Case const cases[] = {
      // unquoted keys, single quotes, trailing commas
      {"{scenarios: {q: {executor: 'constant-vus', vus: 2, duration: '5s', exec: "
       "'simpleQuery',},},}",
       R"({"scenarios":{"q":{"executor":"constant-vus","vus":2,"duration":"5s",
           "exec":"simple_query"}}})"},
      // double quotes, quoted keys, comments of both kinds, a template literal
      {"{\"scenarios\": {/* the only one */ \"q\": {executor: `constant-vus`, // k6 name\n"
       "vus: 2, duration: \"5s\", exec: 'tool_call'}}}",
       R"({"scenarios":{"q":{"executor":"constant-vus","vus":2,"duration":"5s",
           "exec":"tool_call"}}})"},
      // numbers: a duration in milliseconds, 1e1 VUs, hex and separators
      {"{scenarios: {q: {executor: 'constant-vus', vus: 1e1, duration: 1_500, exec: 'toolCall',"
       " startTime: 0x3E8}}}",
       R"({"scenarios":{"q":{"executor":"constant-vus","vus":10,"duration":"1500ms",
           "exec":"tool_call","startTime":"1s"}}})"},
      // nested arrays of objects, thresholds in both forms, submetric keys quoted
      {"{scenarios: {r: {executor: 'ramping-vus', stages: [{duration: '1s', target: 3},"
       " {duration: '2s', target: 0},], exec: 'simpleQuery'}}, thresholds: {"
       "'first_token_latency{scenario:r}': ['p(95)<500', {threshold: 'p(99)<900', "
       "abortOnFail: true, delayAbortEval: '10s'}]}}",
       R"({"scenarios":{"r":{"executor":"ramping-vus","stages":[{"duration":"1s","target":3},
           {"duration":"2s","target":0}],"exec":"simple_query"}},"thresholds":{
           "first_token_latency{scenario:r}":["p(95)<500",{"threshold":"p(99)<900",
           "abortOnFail":true,"delayAbortEval":"10s"}]}})"},
      // __ENV with -e values and fallbacks; undefined is an unset option
      {"{vus: __ENV.VUS || 1, duration: __ENV.DURATION || '30s', tags: {env: __ENV['ENV'] ?? "
       "'dev'}, summaryTimeUnit: undefined}",
       R"({"tags":{"env":"ci"},"scenarios":{"default":{"executor":"constant-vus","vus":4,
           "duration":"30s","exec":"simple_query"}}})"},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.literal);
    auto settings = settings_with_model();
    // Shortcuts run k6's `default` function, which needs a kind.
    if (std::string(c.literal).find("scenarios") == std::string::npos) {
      settings.exec_map["default"] = "simple_query";
    }
    auto const converted = convert_text(script(c.literal), settings, {{"VUS", "4"}, {"ENV", "ci"}});
    ASSERT_TRUE(converted.plan) << all_errors(converted);
    EXPECT_EQ(converted.plan->at("options"), json::parse(c.options))
        << json::serialize(converted.plan->at("options"));
  }
}

TEST(options_to_plan_test, without_think_time_the_seed_warns_with_the_flag_and_is_refused) {
  auto const converted =
      convert_text(slurp("tests/data/seed/baseline.k6.js"), settings_with_model());
  EXPECT_FALSE(converted.plan);
  EXPECT_TRUE(mentions(converted.warnings, "calls sleep(0.1)"));
  EXPECT_TRUE(mentions(converted.warnings, "--think-time errorInjection=100ms"));
  // The plan would loop at one instant forever: the plan's own validation refuses it.
  EXPECT_NE(all_errors(converted).find("options.scenarios.error_injection"), std::string::npos);
}

TEST(options_to_plan_test, refuses_what_would_change_the_verdict_naming_each) {
  struct Case {
    char const* literal;
    char const* path;
    char const* reason;
  };
  Case const cases[] = {
      {"{thresholds: {my_trend: ['p(95)<100']}}", "options.thresholds.my_trend", "custom metric"},
      {"{thresholds: {'checks{tag:a}': ['rate>0.99']}}", "options.thresholds.\"checks{tag:a}\"",
       "checks are assertions"},
      {"{thresholds: {data_received: ['count<1']}}", "options.thresholds.data_received",
       "does not measure"},
      {"{scenarios: {ext: {executor: 'externally-controlled', vus: 1, exec: 'simpleQuery'}}}",
       "options.scenarios.ext.executor", "REST API"},
      {"{scenarios: {b: {executor: 'shared-iterations', exec: 'simpleQuery', "
       "options: {browser: {type: 'chromium'}}}}}",
       "options.scenarios.b.options", "browser"},
      {"{rps: 50, vus: 1, duration: '1s'}", "options.rps", "raises the load"},
      {"{minIterationDuration: '1s', vus: 1, duration: '1s'}", "options.minIterationDuration",
       "think_time"},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.literal);
    auto const converted = convert_text(script(c.literal), settings_with_model());
    EXPECT_FALSE(converted.plan);
    bool found = false;
    for (auto const& e : converted.errors) {
      found = found || (e.path == c.path && e.message.find("refused") != std::string::npos &&
                        e.message.find(c.reason) != std::string::npos);
    }
    EXPECT_TRUE(found) << all_errors(converted);
  }
}

TEST(options_to_plan_test, a_computed_option_is_located_and_marked_for_k6_inspect) {
  auto const read =
      read_options(script("{\n  vus: parseInt(__ENV.VUS || '10'),\n  duration: '30s',\n}"), {});
  EXPECT_FALSE(read.options);
  EXPECT_TRUE(read.computed);
  ASSERT_EQ(read.errors.size(), 1U);
  ASSERT_TRUE(read.errors[0].at);
  EXPECT_EQ(read.errors[0].at->line, 3U);
  EXPECT_EQ(read.errors[0].at->column, 8U);
  EXPECT_NE(read.errors[0].message.find("options.vus"), std::string::npos);
  EXPECT_NE(read.errors[0].message.find("a function call 'parseInt(...)'"), std::string::npos);
}

TEST(options_to_plan_test, drops_options_without_meaning_with_one_warning_each) {
  auto const converted = convert_text(
      script("{discardResponseBodies: true, userAgent: 'x', hosts: {'a': '1.2.3.4'}, "
             "noConnectionReuse: true, setupTimeout: '1m', myOwnSetting: 3, "
             "scenarios: {q: {executor: 'constant-vus', duration: '1s', exec: 'simpleQuery', "
             "env: {A: '1'}}}}"),
      settings_with_model());
  ASSERT_TRUE(converted.plan) << all_errors(converted);
  for (char const* key :
       {"'discardResponseBodies'", "'userAgent'", "'hosts'", "'noConnectionReuse'",
        "'setupTimeout'", "'myOwnSetting'", "options.scenarios.q.env"}) {
    EXPECT_TRUE(mentions(converted.warnings, key)) << key;
  }
  EXPECT_EQ(converted.warnings.size(), 7U);
  auto const& options = converted.plan->at("options").as_object();
  EXPECT_EQ(options.size(), 1U);  // only scenarios is left
  EXPECT_FALSE(options.at("scenarios").at("q").as_object().contains("env"));
}

TEST(options_to_plan_test, exec_functions_map_by_flag_then_by_name_and_unknown_ones_are_listed) {
  char const* literal =
      "{scenarios: {"
      "a: {executor: 'constant-vus', duration: '1s', exec: 'browse'},"
      "b: {executor: 'constant-vus', duration: '1s', exec: 'browse'},"
      "c: {executor: 'constant-vus', duration: '1s'},"  // k6's default function
      "d: {executor: 'constant-vus', duration: '1s', exec: 'toolCall'}}}";
  auto converted = convert_text(script(literal), settings_with_model());
  EXPECT_FALSE(converted.plan);
  ASSERT_EQ(converted.errors.size(), 1U) << all_errors(converted);
  EXPECT_NE(converted.errors[0].message.find("'browse' (scenarios 'a', 'b')"), std::string::npos)
      << converted.errors[0].message;
  EXPECT_NE(converted.errors[0].message.find("'default' (scenario 'c')"), std::string::npos);
  EXPECT_NE(converted.errors[0].message.find("--exec-map"), std::string::npos);

  auto settings = settings_with_model();
  settings.exec_map = {{"browse", "simple_query"}, {"b", "tool_call"}, {"default", "tool_call"}};
  converted = convert_text(script(literal), settings);
  ASSERT_TRUE(converted.plan) << all_errors(converted);
  auto const& sc = converted.plan->at("options").at("scenarios");
  EXPECT_EQ(sc.at("a").at("exec"), "simple_query");  // by function
  EXPECT_EQ(sc.at("b").at("exec"), "tool_call");     // the scenario's name wins
  EXPECT_EQ(sc.at("c").at("exec"), "tool_call");
  EXPECT_EQ(sc.at("d").at("exec"), "tool_call");  // by name

  settings.exec_map["brwse"] = "simple_query";  // a typo is not silently ignored
  converted = convert_text(script(literal), settings);
  EXPECT_NE(all_errors(converted).find("--exec-map: 'brwse' is neither"), std::string::npos)
      << all_errors(converted);
}

TEST(options_to_plan_test, shortcuts_become_k6s_default_scenario_and_numbers_durations) {
  struct Case {
    char const* literal;
    char const* scenario;
  };
  Case const cases[] = {
      {"{vus: 5, duration: '10s'}",
       R"({"executor":"constant-vus","vus":5,"duration":"10s","exec":"tool_call"})"},
      {"{vus: 2, iterations: 20, duration: 60000}",  // k6 reads a number as milliseconds
       R"({"executor":"shared-iterations","vus":2,"iterations":20,"maxDuration":"1m",
           "exec":"tool_call"})"},
      {"{stages: [{duration: 1500, target: 10}, {duration: '1m', target: 0}]}",
       R"({"executor":"ramping-vus","startVUs":1,"stages":[{"duration":"1500ms","target":10},
           {"duration":"1m","target":0}],"exec":"tool_call"})"},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.literal);
    auto settings = settings_with_model();
    settings.exec_map["default"] = "tool_call";
    auto const converted = convert_text(script(c.literal), settings);
    ASSERT_TRUE(converted.plan) << all_errors(converted);
    auto const& options = converted.plan->at("options").as_object();
    EXPECT_EQ(options.size(), 1U);
    EXPECT_EQ(options.at("scenarios").at("default"), json::parse(c.scenario))
        << json::serialize(options.at("scenarios"));
  }
}

TEST(options_to_plan_test, k6_inspect_output_of_the_baseline_converts_back_to_the_baseline) {
  // What `k6 inspect` prints: every option, null when unset; scenarios with every base field.
  auto const plan = baseline();
  json::object inspect;
  for (char const* key : {"paused", "vus", "duration", "iterations", "stages", "rps", "hosts",
                          "setupTimeout", "userAgent", "tags", "summaryTrendStats",
                          "discardResponseBodies", "executionSegment", "systemTags", "ext"}) {
    inspect[key] = nullptr;
  }
  inspect["thresholds"] = plan.at("options").at("thresholds");
  json::object scenarios;
  for (auto const& [name, s] : plan.at("options").at("scenarios").as_object()) {
    json::object k6 = s.as_object();
    k6.erase("think_time");  // k6 has no think_time: the script sleeps
    for (char const* base : {"startTime", "gracefulStop", "env", "tags", "options"}) {
      if (!k6.contains(base)) k6[base] = nullptr;
    }
    scenarios[name] = std::move(k6);
  }
  inspect["scenarios"] = std::move(scenarios);
  inspect["totalDuration"] = "2m0s";  // --execution-requirements figures
  inspect["maxVUs"] = 10;
  auto settings = settings_with_model();
  settings.think_times["error_injection"] = "100ms";
  auto const converted = convert_text(json::serialize(inspect), settings);
  ASSERT_TRUE(converted.plan) << all_errors(converted);
  EXPECT_TRUE(converted.warnings.empty()) << converted.warnings[0];
  EXPECT_EQ(*converted.plan, plan) << json::serialize(*converted.plan);
}

TEST(options_to_plan_test, inspect_output_may_hold_derived_scenarios_beside_shortcuts) {
  char const* inspect =
      R"({"vus": 3, "duration": "5s", "scenarios": {"default": {"executor": "constant-vus",
          "vus": 3, "duration": "5s", "exec": null, "gracefulStop": null}},
          "thresholds": {"errors": [{"threshold": "rate<0.1", "abortOnFail": true,
                                     "delayAbortEval": null}]}})";
  auto settings = settings_with_model();
  settings.exec_map["default"] = "simple_query";
  auto const converted = convert_text(inspect, settings);
  ASSERT_TRUE(converted.plan) << all_errors(converted);
  auto const& options = converted.plan->at("options").as_object();
  EXPECT_FALSE(options.contains("vus"));
  EXPECT_EQ(options.at("thresholds").at("errors"),
            json::parse(R"([{"threshold":"rate<0.1","abortOnFail":true}])"));
  // In a script the same mix is k6's error.
  auto const mixed =
      convert_text(script("{vus: 3, duration: '5s', scenarios: {q: {executor: 'constant-vus', "
                          "duration: '1s', exec: 'simpleQuery'}}}"),
                   settings_with_model());
  EXPECT_NE(all_errors(mixed).find("simultaneously is not allowed"), std::string::npos);
}
