/*
 * minimal.c - libletgo embedded in under 60 lines: the built-in catalogue,
 * one assessment answered in code, a plan tailored to it, a Markdown export.
 */
#include <stdio.h>
#include <stdlib.h>

#include <letgo/letgo.h>

#define CHECK(call)                                                                                \
  do {                                                                                             \
    int rc_ = (call);                                                                              \
    if (rc_ != LG_OK) {                                                                            \
      fprintf(stderr, "%s failed: %s\n", #call, lg_strerror(rc_));                                 \
      return 1;                                                                                    \
    }                                                                                              \
  } while (0)

int main(void) {
  lg_catalog *cat;
  lg_session *s;
  lg_result *r;
  lg_plan *plan;
  const lg_item *it;
  lg_date start = {2026, 11, 26};
  size_t len, i;
  char *md;

  CHECK(lg_catalog_new(&cat, NULL, 0));
  CHECK(lg_session_new(&s, cat, "one-sided", "en"));
  while ((it = lg_session_next(s)) != NULL) /* "Often" to every statement */
    CHECK(lg_session_answer(s, lg_item_id(it), lg_item_option_value(it, 3)));
  CHECK(lg_session_score(s, &r));
  printf("one-sided: %s\n", lg_result_band_label(r));

  CHECK(lg_plan_new(&plan, cat, "let-go", "en"));
  CHECK(lg_plan_set(plan, "region", "GB"));
  CHECK(lg_plan_use_result(plan, r));
  CHECK(lg_plan_build(plan, start, 7));
  if (lg_plan_export(plan, LG_FORMAT_MARKDOWN, NULL, 0, &len) != LG_ETRUNC) return 1;
  if (!(md = malloc(len + 1))) return 1;
  CHECK(lg_plan_export(plan, LG_FORMAT_MARKDOWN, md, len + 1, &len));
  printf("%zu days, %zu bytes of Markdown; the first day:\n", lg_plan_day_count(plan), len);
  for (i = 0; i < lg_plan_task_count(plan, 0); i++)
    printf("- %s\n", lg_task_title(lg_plan_task(plan, 0, i)));

  free(md);
  lg_plan_free(plan);
  lg_result_free(r);
  lg_session_free(s);
  lg_catalog_free(cat);
  return 0;
}
