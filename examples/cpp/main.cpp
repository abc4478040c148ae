// A C++11 app using libletgo through its C API, with RAII handles so every
// object is freed on every path, exceptions for failures, and std::string
// for the library's UTF-8 text.
#include <letgo/letgo.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct CatalogFree { void operator()(lg_catalog *c) const { lg_catalog_free(c); } };
struct SessionFree { void operator()(lg_session *s) const { lg_session_free(s); } };
struct ResultFree { void operator()(lg_result *r) const { lg_result_free(r); } };
struct PlanFree { void operator()(lg_plan *p) const { lg_plan_free(p); } };

using Catalog = std::unique_ptr<lg_catalog, CatalogFree>;
using Session = std::unique_ptr<lg_session, SessionFree>;
using Result = std::unique_ptr<lg_result, ResultFree>;
using Plan = std::unique_ptr<lg_plan, PlanFree>;

void check(int status, const char *what) {
  if (status != LG_OK) throw std::runtime_error(std::string(what) + ": " + lg_strerror(status));
}

// The library's output convention: ask for the length, then fill.
std::string exported(const lg_plan *plan, int format) {
  size_t len = 0;
  if (lg_plan_export(plan, format, nullptr, 0, &len) != LG_ETRUNC) throw std::runtime_error("export");
  std::vector<char> buf(len + 1);
  check(lg_plan_export(plan, format, buf.data(), buf.size(), &len), "lg_plan_export");
  return std::string(buf.data(), len);
}

}  // namespace

int main() {
  try {
    lg_catalog *raw_cat = nullptr;
    check(lg_catalog_new(&raw_cat, nullptr, 0), "lg_catalog_new");
    Catalog cat(raw_cat);

    lg_session *raw_session = nullptr;
    check(lg_session_new(&raw_session, cat.get(), "readiness", "es"), "lg_session_new");
    Session session(raw_session);
    for (const lg_item *it = lg_session_next(session.get()); it; it = lg_session_next(session.get()))
      check(lg_session_answer(session.get(), lg_item_id(it), lg_item_max(it)), "lg_session_answer");

    lg_result *raw_result = nullptr;
    check(lg_session_score(session.get(), &raw_result), "lg_session_score");
    Result result(raw_result);
    std::printf("readiness (es): %s\n", lg_result_band_label(result.get()));

    lg_plan *raw_plan = nullptr;
    check(lg_plan_new(&raw_plan, cat.get(), "let-go", "es"), "lg_plan_new");
    Plan plan(raw_plan);
    check(lg_plan_set(plan.get(), "region", "ES"), "lg_plan_set");
    check(lg_plan_use_result(plan.get(), result.get()), "lg_plan_use_result");
    lg_date start = {2026, 11, 26};
    check(lg_plan_build(plan.get(), start, 11), "lg_plan_build");
    std::string ics = exported(plan.get(), LG_FORMAT_ICALENDAR);
    std::printf("%zu days; iCalendar export of %zu bytes, starting %s\n",
                lg_plan_day_count(plan.get()), ics.size(), ics.substr(0, 15).c_str());
    return ics.compare(0, 15, "BEGIN:VCALENDAR") == 0 ? 0 : 1;
  } catch (const std::exception &e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
}
