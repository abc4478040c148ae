/* Placeholder until the assessment engine lands: packs with instruments are
 * rejected, so nothing half-supported is ever accepted. */
#include "catalog/catalog.h"

int lgi_instrument_load(lgi_load *ld, const lgi_json *node, lgi_path *path,
                        lgi_instrument **out) {
  (void)out;
  return lgi_load_fail(ld, LG_ESCHEMA, node, path, "instruments are not supported yet",
                       (const char *)0);
}

const char *lgi_instrument_id(const lgi_instrument *in) {
  (void)in;
  return 0;
}
