// A main() for the fuzz targets when they are built with g++ into the test suite (no
// libFuzzer): replays every seed in the corpus directories, then feeds a fixed, seeded sequence
// of mutations of them. CI runs it under ASan+UBSan as the short fuzz smoke; coverage-guided
// fuzzing is scripts/fuzz.sh (clang + libFuzzer). A crash leaves the input in
// smoke-crash-<target> so it can be replayed: `fuzz_smoke_X smoke-crash-X`.
//
//   fuzz_smoke_<target> [--runs N] [--max-seconds S] [--seed K] CORPUS_DIR_OR_FILE...
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size);

namespace {

struct Options {
  std::uint64_t runs = 20000;
  double max_seconds = 20;
  std::uint32_t seed = 1;
  std::vector<std::string> paths;
};

// The input under test, kept where a signal handler can reach it without allocating.
std::string current_input;
std::string crash_file = "smoke-crash";

void save_current_input() {
  int const fd = ::open(crash_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return;
  auto const written = ::write(fd, current_input.data(), current_input.size());
  (void)written;
  ::close(fd);
}

extern "C" void on_fatal_signal(int signal_number) {
  save_current_input();
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

#if defined(__SANITIZE_ADDRESS__)
extern "C" void __sanitizer_set_death_callback(void (*callback)());
extern "C" void on_sanitizer_death() { save_current_input(); }
#endif

void install_crash_capture() {
  for (int s : {SIGSEGV, SIGILL, SIGABRT, SIGFPE, SIGBUS, SIGTRAP}) std::signal(s, on_fatal_signal);
#if defined(__SANITIZE_ADDRESS__)
  __sanitizer_set_death_callback(on_sanitizer_death);
#endif
}

std::string read_file(std::filesystem::path const& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> read_seeds(std::vector<std::string> const& paths) {
  std::vector<std::filesystem::path> files;
  for (auto const& p : paths) {
    if (std::filesystem::is_directory(p)) {
      for (auto const& entry : std::filesystem::directory_iterator(p)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
    } else {
      files.emplace_back(p);
    }
  }
  std::sort(files.begin(), files.end());  // a seed means the same sequence on every machine
  std::vector<std::string> seeds;
  for (auto const& f : files) seeds.push_back(read_file(f));
  return seeds;
}

// Tokens that tend to matter to JSON, SSE, HTTP and JS parsers.
constexpr std::string_view kTokens[] = {
    "{", "}", "[", "]", "\"", ":", ",", "\n", "\r\n", "\n\n", "data: ", "event: ", "0", "-1",
    "1e308", "null", "true", "\\u0000", "\xff", "=", "1h", "99999999999999999999", "%"};

class Mutator {
 public:
  Mutator(std::uint32_t seed, std::vector<std::string> const& seeds)
      : rng_(seed), seeds_(seeds) {}

  std::string next() {
    std::string s = seeds_.empty() ? std::string() : seeds_[pick(seeds_.size())];
    auto const edits = 1 + pick(4);
    for (std::size_t i = 0; i < edits; ++i) mutate(s);
    return s;
  }

 private:
  std::size_t pick(std::size_t n) {
    return n == 0 ? 0 : boost::random::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }

  void mutate(std::string& s) {
    std::size_t const at = pick(s.size() + 1);
    switch (pick(6)) {
      case 0:
        if (!s.empty()) s[pick(s.size())] ^= static_cast<char>(1 << pick(8));
        break;
      case 1: s.insert(at, 1, static_cast<char>(pick(256))); break;
      case 2: s.erase(at, pick(16)); break;
      case 3: s.insert(at, s.substr(pick(s.size() + 1), pick(32))); break;
      case 4: s.insert(at, kTokens[pick(std::size(kTokens))]); break;
      default:
        if (!seeds_.empty()) {
          auto const& other = seeds_[pick(seeds_.size())];
          s = s.substr(0, at) + other.substr(pick(other.size() + 1));
        }
    }
  }

  boost::random::mt19937 rng_;
  std::vector<std::string> const& seeds_;
};

bool parse_options(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string_view const arg = argv[i];
    bool const has_value = i + 1 < argc;
    if (arg == "--runs" && has_value) {
      o.runs = std::stoull(argv[++i]);
    } else if (arg == "--max-seconds" && has_value) {
      o.max_seconds = std::stod(argv[++i]);
    } else if (arg == "--seed" && has_value) {
      o.seed = static_cast<std::uint32_t>(std::stoul(argv[++i]));
    } else if (arg.starts_with("--")) {
      return false;
    } else {
      o.paths.emplace_back(arg);
    }
  }
  return !o.paths.empty();
}

void run_one(std::string input) {
  current_input = std::move(input);
  LLVMFuzzerTestOneInput(reinterpret_cast<std::uint8_t const*>(current_input.data()),
                         current_input.size());
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse_options(argc, argv, options)) {
    std::cerr << "usage: " << argv[0]
              << " [--runs N] [--max-seconds S] [--seed K] CORPUS_DIR_OR_FILE...\n";
    return 2;
  }
  crash_file = "smoke-crash-" + std::filesystem::path(argv[0]).filename().string();
  install_crash_capture();
  auto const seeds = read_seeds(options.paths);
  for (auto const& seed : seeds) run_one(seed);
  // The count bounds the work; the time cap only keeps a slow sanitizer build from dragging.
  auto const deadline = std::chrono::steady_clock::now() +
                        std::chrono::duration<double>(options.max_seconds);
  Mutator mutator(options.seed, seeds);
  std::uint64_t done = 0;
  for (; done < options.runs && std::chrono::steady_clock::now() < deadline; ++done) {
    run_one(mutator.next());
  }
  std::cout << seeds.size() << " seeds and " << done << " mutations (seed " << options.seed
            << "): no crash\n";
  return 0;
}
