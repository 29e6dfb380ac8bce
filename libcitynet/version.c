/* libcitynet - run-time version. */
#include "citynet-private.h"

const char *
citynet_version(void)
{
  return CITYNET_VERSION_STRING;
}
