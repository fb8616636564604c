// Tidy rules, TigerBeetle-style: core/, sim/ and wire/ never read a real clock, never draw
// from an unseeded or library-dependent random source, and never touch sockets; core/ has no
// threads; lines stay within 100 columns there; and no function anywhere in the project is
// longer than 70 lines (STYLE §2.5's hard cap).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Banned {
  char const* text;
  char const* use_instead;
};

constexpr Banned banned_in_core_sim_wire[] = {
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

constexpr std::size_t function_lines_max = 70;

std::vector<fs::path> sources(std::string const& folder) {
  std::vector<fs::path> out;
  fs::path const root = fs::path(LOADTWIN_SOURCE_DIR) / folder;
  if (!fs::exists(root)) return out;
  for (auto const& entry : fs::recursive_directory_iterator(root)) {
    auto const ext = entry.path().extension();
    if (ext == ".cpp" || ext == ".hpp") out.push_back(entry.path());
  }
  return out;
}

std::string slurp(fs::path const& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void check_tree(std::string const& folder, bool ban_threads) {
  std::size_t files = 0;
  for (auto const& path : sources(folder)) {
    ++files;
    std::ifstream in(path);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      std::string const where = path.string() + ":" + std::to_string(number);
      for (auto const& b : banned_in_core_sim_wire) {
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
  EXPECT_GT(files, 5U) << "no sources found under " << folder;
}

// The text with comments, string and character literals blanked (newlines kept), so that
// braces inside them do not count.
std::string code_only(std::string const& text) {
  std::string out = text;
  std::size_t i = 0;
  auto const blank = [&out](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to && k < out.size(); ++k) {
      if (out[k] != '\n') out[k] = ' ';
    }
  };
  while (i < text.size()) {
    if (text.compare(i, 2, "//") == 0) {
      std::size_t const end = text.find('\n', i);
      blank(i, end), i = end == std::string::npos ? text.size() : end;
    } else if (text.compare(i, 2, "/*") == 0) {
      std::size_t const end = text.find("*/", i + 2);
      blank(i, end + 2), i = end == std::string::npos ? text.size() : end + 2;
    } else if (text.compare(i, 2, "R\"") == 0 && (i == 0 || !std::isalnum(text[i - 1]))) {
      std::size_t const open = text.find('(', i);
      std::string const close = ")" + text.substr(i + 2, open - i - 2) + "\"";
      std::size_t const end = text.find(close, open);
      blank(i, end + close.size()), i = end == std::string::npos ? text.size() : end + close.size();
    } else if (text[i] == '"' || (text[i] == '\'' && (i == 0 || !std::isxdigit(text[i - 1])))) {
      char const quote = text[i];
      std::size_t k = i + 1;
      while (k < text.size() && text[k] != quote && text[k] != '\n') k += text[k] == '\\' ? 2 : 1;
      blank(i, k + 1), i = k + 1;
    } else {
      ++i;
    }
  }
  return out;
}

// Whether the code before a '{' makes it a function body (a parameter list, maybe followed
// by qualifiers or a trailing return type), not a namespace, class, enum or initializer.
bool opens_function(std::string head) {
  while (!head.empty() && std::isspace(static_cast<unsigned char>(head.back()))) head.pop_back();
  std::size_t first = head.find_first_not_of(" \t\n");
  if (first == std::string::npos) return false;
  head = head.substr(first);
  for (char const* scope : {"namespace", "class ", "struct ", "enum ", "union ", "extern "}) {
    if (head.starts_with(scope)) return false;
  }
  if (head.find("template") == 0 && head.find("struct") != std::string::npos) return false;
  if (head.ends_with("=") || head.ends_with("return")) return false;
  for (char const* tail : {" const", " override", " final", " noexcept", " mutable"}) {
    while (head.ends_with(tail)) head.resize(head.size() - std::string(tail).size());
  }
  auto const arrow = head.rfind("->");
  if (arrow != std::string::npos && head.find(')', arrow) == std::string::npos) {
    head.resize(arrow);
  }
  while (!head.empty() && std::isspace(static_cast<unsigned char>(head.back()))) head.pop_back();
  return head.ends_with(")");
}

// Functions longer than the cap in one file: "file:line: 83 lines".
std::vector<std::string> long_functions(fs::path const& path) {
  std::string const code = code_only(slurp(path));
  std::vector<std::string> out;
  struct Open {
    bool function;
    std::size_t line;
  };
  std::vector<Open> stack;
  std::size_t line = 1, statement_start = 0, functions_open = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char const c = code[i];
    if (c == '\n') ++line;
    if (c == ';') statement_start = i + 1;
    if (c == '{') {
      bool const function =
          functions_open == 0 && opens_function(code.substr(statement_start, i - statement_start));
      stack.push_back({function, line});
      functions_open += function ? 1 : 0;
      statement_start = i + 1;
    } else if (c == '}' && !stack.empty()) {
      Open const open = stack.back();
      stack.pop_back();
      statement_start = i + 1;
      if (!open.function) continue;
      --functions_open;
      std::size_t const body = line > open.line ? line - open.line - 1 : 0;
      if (body > function_lines_max) {
        out.push_back(path.string() + ":" + std::to_string(open.line) + ": " +
                      std::to_string(body) + " lines");
      }
    }
  }
  return out;
}

}  // namespace

TEST(tidy_test, core_reads_no_clock_and_has_no_threads) { check_tree("core", true); }
TEST(tidy_test, sim_reads_no_clock) { check_tree("sim", false); }
TEST(tidy_test, wire_reads_no_clock_and_opens_no_socket) { check_tree("wire", true); }

TEST(tidy_test, no_function_is_longer_than_70_lines) {
  for (char const* folder :
       {"core", "sim", "wire", "live", "app", "tests", "property-tests", "fuzz", "bench"}) {
    for (auto const& path : sources(folder)) {
      for (auto const& finding : long_functions(path)) ADD_FAILURE() << finding;
    }
  }
}

TEST(tidy_test, the_length_check_sees_a_long_function_and_not_a_long_table) {
  auto const dir = fs::temp_directory_path() / "loadtwin_tidy_test";
  fs::create_directories(dir);
  std::string long_body = "int f(int x) {\n";
  for (int i = 0; i < 71; ++i) long_body += "  x += 1;  // {\n";
  long_body += "  return x;\n}\n";
  std::string table = "constexpr int table[] = {\n";
  for (int i = 0; i < 100; ++i) table += "  1,\n";
  table += "};\nnamespace a {\nstruct S {\n  int g() const { return 1; }\n};\n}  // namespace a\n";
  std::ofstream(dir / "long.cpp") << long_body;
  std::ofstream(dir / "table.cpp") << table;
  EXPECT_EQ(long_functions(dir / "long.cpp").size(), 1U);
  EXPECT_TRUE(long_functions(dir / "table.cpp").empty());
  fs::remove_all(dir);
}
