#pragma once
// Helpers for tests that run the built `loadtwin` binary ($LOADTWIN_BIN) through a shell.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace loadtwin::test {

struct CliRun {
  int exit_code;
  std::string output;  // stdout, then stderr when `merge` (2>&1)
};

// Runs `sh -c "<prefix> $LOADTWIN_BIN <args> <suffix>"` and collects what it prints.
inline CliRun run_shell(std::string const& prefix, std::string const& args,
                        std::string const& suffix = "2>&1") {
  std::string const cmd =
      prefix + " " + std::string(std::getenv("LOADTWIN_BIN")) + " " + args + " " + suffix;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed"};
  std::string out;
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), buf.size(), pipe) != nullptr) out += buf.data();
  int const status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// `loadtwin ARGS` with stdout and stderr together.
inline CliRun run_loadtwin(std::string const& args) { return run_shell("", args); }

// What `sh -c COMMAND` prints on stdout and stderr.
inline std::string shell_output(std::string const& command) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return "popen failed";
  std::string out;
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), buf.size(), pipe) != nullptr) out += buf.data();
  pclose(pipe);
  return out;
}

inline std::string slurp_file(std::string const& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A path for a scratch file of this test binary.
inline std::string scratch(std::string const& name) {
  return ::testing::TempDir() + "/loadtwin_conv_" + name;
}

inline std::string source_path(std::string const& relative) {
  return std::string(LOADTWIN_SOURCE_DIR) + "/" + relative;
}

inline bool contains(std::string const& haystack, std::string const& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace loadtwin::test
