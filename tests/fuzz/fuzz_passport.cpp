// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: one battery passport file (io/passport_json: encoding detection, JSON,
// Battery Pass 1.2.0 fields, validation), then what `passport read` does with it: the aggregate
// with the shipped substance list (element content, state-of-health bands, the cross-file
// identifier check against a second copy) and the report JSON.
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "io/passport_json.h"
#include "io/plant_data.h"

#include "fuzz_support.h"
#include "passport/passport.h"

namespace {

const std::map<std::string, urbanmine::passport::ElementFractions>& fractions() {
  static const auto value = [] {
    const std::string dir = URBANMINE_DATA_DIR;
    auto defaults = urbanmine::io::load_plant_defaults(dir);
    auto substances = urbanmine::io::load_passport_substances(dir + "/passport_substances.csv");
    if (!defaults || !substances) std::abort();  // the shipped data must load
    auto result = urbanmine::passport::substance_fractions(*substances, defaults->atomic_weights);
    if (!result) std::abort();
    return *result;
  }();
  return value;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace io = urbanmine::io;
  const std::string bytes = urbanmine::fuzz::as_text(data, size);
  std::vector<urbanmine::passport::FileResult> files;
  files.push_back(io::read_passport_bytes(bytes, "a.json"));
  files.push_back(io::read_passport_bytes(bytes, "b.json"));
  const auto aggregate = urbanmine::passport::aggregate(files, fractions());
  (void)io::passport_report_json(files, aggregate);
  return 0;
}
