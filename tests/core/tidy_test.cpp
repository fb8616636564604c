// Tidy rules, TigerBeetle-style: core/ and sim/ never read a real clock, never draw from an
// unseeded or library-dependent random source, and never touch sockets; core/ has no
// threads; lines stay within 100 columns.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace {

struct Banned {
  char const* text;
  char const* use_instead;
};

constexpr Banned banned_in_core_and_sim[] = {
    {"steady_clock::now", "Scheduler::now()"},
    {"system_clock", "Scheduler::now()"},
    {"std::random_device", "rng_for(seed, key, purpose)"},
    {"std::normal_distribution", "boost::random::"},
    {"std::uniform_real_distribution", "boost::random::"},
    {"std::uniform_int_distribution", "boost::random::"},
    {"std::exponential_distribution", "boost::random::"},
    {"std::mt19937", "core::Rng"},
    {"rand()", "core::Rng"},
    {"<boost/asio", "live/ only"},
    {"<boost/beast", "live/ only"},
    {"sleep_for", "Scheduler::at()"},
};

void check_tree(std::string const& folder, bool ban_threads) {
  namespace fs = std::filesystem;
  fs::path const root = fs::path(LOADTWIN_SOURCE_DIR) / folder;
  std::size_t files = 0;
  for (auto const& entry : fs::recursive_directory_iterator(root)) {
    auto const ext = entry.path().extension();
    if (ext != ".cpp" && ext != ".hpp") continue;
    ++files;
    std::ifstream in(entry.path());
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      std::string const where = entry.path().string() + ":" + std::to_string(number);
      for (auto const& b : banned_in_core_and_sim) {
        EXPECT_EQ(line.find(b.text), std::string::npos) << where << ": use " << b.use_instead;
      }
      if (ban_threads) {
        EXPECT_EQ(line.find("<thread>"), std::string::npos) << where << ": core is single-threaded";
      }
      // Columns, not bytes: count UTF-8 lead bytes only.
      std::size_t columns = 0;
      for (unsigned char c : line) columns += (c & 0xC0) != 0x80 ? 1 : 0;
      EXPECT_LE(columns, 100U) << where << ": longer than 100 columns";
    }
  }
  EXPECT_GT(files, 5U) << "no sources found under " << root;
}

}  // namespace

TEST(tidy_test, core_reads_no_clock_and_has_no_threads) { check_tree("core", true); }
TEST(tidy_test, sim_reads_no_clock) { check_tree("sim", false); }
