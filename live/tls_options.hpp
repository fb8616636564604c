#pragma once
// TLS settings of the live client (SPEC "Targets": target.tls, --cacert, --insecure,
// --client-cert, --client-key). Plain data, so the CLI and the plan reader need no OpenSSL.
#include <string>

namespace loadtwin::live {

struct TlsClientOptions {
  std::string ca_file;      // a CA (PEM) trusted besides the system store
  bool insecure = false;    // no certificate or host-name check (named in the summary)
  std::string client_cert;  // PEM chain presented when the server asks (with client_key)
  std::string client_key;   // PEM private key of client_cert
};

}  // namespace loadtwin::live
