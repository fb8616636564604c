#pragma once
// Exit codes, numbered as k6 numbers them (errext/exitcodes/codes.go).
namespace loadtwin::core {

enum class ExitCode : int {
  ok = 0,
  thresholds_failed = 99,
  invalid_plan = 104,  // invalid plan or flags
  interrupted = 105,   // Ctrl-C / SIGTERM, after the partial summary was written
  engine_bound = 107,  // the simulation hit a documented bound (events, trend samples)
  budget = 108,        // live: a budget limit stopped the run (SPEC "Budget")
};

}  // namespace loadtwin::core
