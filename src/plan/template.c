/* Placeholder until the plan engine lands: packs with plan templates are
 * rejected, so nothing half-supported is ever accepted. */
#include "catalog/catalog.h"

int lgi_template_load(lgi_load *ld, const lgi_json *node, lgi_path *path, lgi_template **out) {
  (void)out;
  return lgi_load_fail(ld, LG_ESCHEMA, node, path, "plan templates are not supported yet",
                       (const char *)0);
}

const char *lgi_template_id(const lgi_template *t) {
  (void)t;
  return 0;
}
