// operator<< against LibTorch 1.13: every case of print_cases.h must print
// exactly the text LibTorch printed (tests/data/print_reference.txt, written by
// tools/libtorch_reference).

#define BOOST_TEST_MODULE print
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <xgrad/xgrad.hpp>

namespace lib = xg;
#include "print_cases.h"

namespace {

// name -> text, from lines "=== <name>" each followed by the text and a newline.
std::map<std::string, std::string> load_reference(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  BOOST_TEST_REQUIRE(in.good(), "cannot open " << path);
  std::map<std::string, std::string> cases;
  std::string line, name;
  std::ostringstream text;
  bool in_case = false;
  auto close_case = [&] {
    if (!in_case) return;
    std::string body = text.str();
    if (!body.empty()) body.pop_back();  // the newline that ends each case
    cases[name] = body;
  };
  while (std::getline(in, line)) {
    if (!in_case && line.rfind("#", 0) == 0) continue;
    if (line.rfind("=== ", 0) == 0) {
      close_case();
      name = line.substr(4);
      text.str("");
      in_case = true;
      continue;
    }
    text << line << '\n';
  }
  close_case();
  return cases;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_case_prints_like_libtorch) {
  const auto reference = load_reference(std::string(XGRAD_TEST_DATA_DIR) + "/print_reference.txt");
  const auto cases = print_cases::all();
  BOOST_TEST(reference.size() == cases.size(), "the data file holds " << reference.size() << " cases, the test "
                                                                       << cases.size() << "; regenerate it");
  for (const print_cases::Case& c : cases) {
    BOOST_TEST_CONTEXT("case " << c.name) {
      const auto expected = reference.find(c.name);
      BOOST_TEST_REQUIRE((expected != reference.end()), "no reference text for " << c.name);
      const std::string actual = c.run();
      BOOST_TEST(actual == expected->second, "xgrad printed\n" << actual << "\nLibTorch printed\n" << expected->second);
    }
  }
}
