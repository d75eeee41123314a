#include "utils/ExponentialBackoff.h"

#include <algorithm>

ExponentialBackoff::ExponentialBackoff(int firstMs, int capMs)
    : firstMs_(firstMs)
    , capMs_(std::max(firstMs, capMs))
    , nextMs_(firstMs)
{}

int ExponentialBackoff::nextDelayMs()
{
    const int delay = nextMs_;
    nextMs_ = delay > capMs_ / 2 ? capMs_ : delay * 2;
    ++tries_;
    return delay;
}

void ExponentialBackoff::reset()
{
    nextMs_ = firstMs_;
    tries_ = 0;
}
