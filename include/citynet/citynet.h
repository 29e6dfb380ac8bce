/*
 * libcitynet - analysis of intercity networks.
 *
 * The one header to include: #include <citynet/citynet.h>
 * Compile and link with: pkg-config --cflags --libs citynet
 */
#ifndef CITYNET_H
#define CITYNET_H

#define CITYNET_INSIDE

#include <citynet/version.h>
#include <citynet/common.h>
#include <citynet/network.h>
#include <citynet/view.h>
#include <citynet/io.h>
#include <citynet/composition.h>

#undef CITYNET_INSIDE

#endif /* CITYNET_H */
