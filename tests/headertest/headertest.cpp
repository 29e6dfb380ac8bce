/* Compiles the umbrella header alone, with every warning an error. */
#include <citynet/citynet.h>

int
main(void)
{
  return CITYNET_CHECK_VERSION(0, 0, 0) && citynet_version() != NULL ? 0 : 1;
}
