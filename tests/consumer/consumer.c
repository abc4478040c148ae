/* An app linking an installed libletgo: checks the version it was built
 * against matches the one it runs with, and that the library answers. */
#include <stdio.h>
#include <string.h>

#include <letgo/letgo.h>

int main(void) {
  if (strcmp(lg_version(), LG_VERSION_STRING) != 0) {
    fprintf(stderr, "header %s, library %s\n", LG_VERSION_STRING, lg_version());
    return 1;
  }
  if (strcmp(lg_strerror(LG_OK), lg_strerror(LG_ENOMEM)) == 0) return 1;
  printf("consumer: libletgo %s\n", lg_version());
  return 0;
}
