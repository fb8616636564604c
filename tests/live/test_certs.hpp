#pragma once
// Throw-away certificates for the TLS tests, made with the OpenSSL API (no `openssl` tool
// needed) into one temp directory per process: a CA and certificates it signed.
#include <string>

namespace loadtwin::live::testing {

struct TestCerts {
  std::string ca;                           // CA certificate (PEM): trust it to pass
  std::string server_cert, server_key;      // localhost and 127.0.0.1, signed by ca
  std::string other_cert, other_key;        // other.example only, signed by ca
  std::string client_cert, client_key;      // a client certificate signed by ca
  std::string stranger_cert, stranger_key;  // self-signed client certificate (not by ca)
  std::string garbage;                      // a file that is no PEM at all
};

// Made on the first call; an empty `ca` when that failed (the test then fails).
TestCerts const& test_certs();

}  // namespace loadtwin::live::testing
