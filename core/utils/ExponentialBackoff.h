#pragma once

// Delays for retrying something that is down (a database, a keychain): doubling from the first delay up
// to a cap, so an outage of seconds is noticed within a second and one of hours costs a try per cap.
class ExponentialBackoff
{
public:
    ExponentialBackoff(int firstMs, int capMs);

    // The delay before the next try; each call doubles the one after it, up to the cap.
    int nextDelayMs();
    // The thing came back: the next outage starts from the first delay again.
    void reset();
    int tries() const { return tries_; }

private:
    int firstMs_;
    int capMs_;
    int nextMs_;
    int tries_ = 0;
};
