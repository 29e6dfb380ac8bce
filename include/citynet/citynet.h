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
#include <citynet/alignment.h>
#include <citynet/import.h>
#include <citynet/analytics.h>
#include <citynet/communities.h>
#include <citynet/projection.h>
#include <citynet/ego.h>
#include <citynet/figure.h>

#undef CITYNET_INSIDE

#endif /* CITYNET_H */
