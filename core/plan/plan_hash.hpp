#pragma once
// The identity of a plan as run: SHA-256 (OpenSSL's libcrypto) of its JSON document after
// every override, serialized canonically by Boost.JSON. Records and parts carry it, so
// `merge` and `calibrate` can tell runs of different plans apart.
#include <string>
#include <string_view>

namespace loadtwin::core {

// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace loadtwin::core
