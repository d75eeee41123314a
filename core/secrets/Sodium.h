#pragma once

// libsodium must be initialised once before use; every caller goes through here.
namespace Sodium {
void initialize();
}
