#include "test_certs.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>

namespace loadtwin::live::testing {
namespace {

struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertFree {
  void operator()(X509* cert) const { X509_free(cert); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;
using Cert = std::unique_ptr<X509, CertFree>;

Key new_key() { return Key(EVP_EC_gen("P-256")); }

bool add_extension(X509* cert, X509V3_CTX& ctx, int nid, char const* value) {
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) return false;
  bool const ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

// A certificate for `key` named `cn`, signed by `issuer` (self-signed when null).
Cert make_cert(std::string const& cn, EVP_PKEY* key, X509* issuer, EVP_PKEY* issuer_key,
               char const* san, bool ca, long serial) {
  Cert cert(X509_new());
  X509* x = cert.get();
  X509_set_version(x, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x), serial);
  X509_gmtime_adj(X509_getm_notBefore(x), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x), 7 * 86400);
  X509_set_pubkey(x, key);
  X509_NAME* name = X509_get_subject_name(x);
  auto const* text = reinterpret_cast<unsigned char const*>(cn.c_str());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, text, -1, -1, 0);
  X509_set_issuer_name(x, issuer != nullptr ? X509_get_subject_name(issuer) : name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer != nullptr ? issuer : x, x, nullptr, nullptr, 0);
  bool ok = add_extension(x, ctx, NID_basic_constraints, ca ? "critical,CA:TRUE" : "CA:FALSE");
  if (ca) ok = ok && add_extension(x, ctx, NID_key_usage, "critical,keyCertSign,cRLSign");
  if (san != nullptr) ok = ok && add_extension(x, ctx, NID_subject_alt_name, san);
  ok = ok && X509_sign(x, issuer_key != nullptr ? issuer_key : key, EVP_sha256()) > 0;
  return ok ? std::move(cert) : nullptr;
}

bool write_pem(std::string const& path, X509* cert, EVP_PKEY* key) {
  BIO* bio = BIO_new_file(path.c_str(), "w");
  if (bio == nullptr) return false;
  bool const ok = cert != nullptr ? PEM_write_bio_X509(bio, cert) == 1
                                  : PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr,
                                                             nullptr) == 1;
  BIO_free(bio);
  return ok;
}

// A leaf signed by ca (or self-signed), written as <dir>/<name>.pem and <name>.key.
bool issue(std::string const& dir, std::string const& name, char const* san, X509* ca,
           EVP_PKEY* ca_key, long serial, std::string& cert_path, std::string& key_path) {
  Key const key = new_key();
  Cert const cert = make_cert(name, key.get(), ca, ca_key, san, false, serial);
  cert_path = dir + "/" + name + ".pem";
  key_path = dir + "/" + name + ".key";
  return cert && write_pem(cert_path, cert.get(), nullptr) &&
         write_pem(key_path, nullptr, key.get());
}

TestCerts make_certs() {
  TestCerts c;
  auto const dir =
      (std::filesystem::temp_directory_path() / ("loadtwin_tls_test_" + std::to_string(::getpid())))
          .string();
  std::filesystem::create_directories(dir);
  Key const ca_key = new_key();
  Cert const ca = make_cert("loadtwin test CA", ca_key.get(), nullptr, nullptr, nullptr, true, 1);
  bool const ok =
      ca && write_pem(dir + "/ca.pem", ca.get(), nullptr) &&
      issue(dir, "localhost", "DNS:localhost,IP:127.0.0.1", ca.get(), ca_key.get(), 2,
            c.server_cert, c.server_key) &&
      issue(dir, "other.example", "DNS:other.example", ca.get(), ca_key.get(), 3, c.other_cert,
            c.other_key) &&
      issue(dir, "client", nullptr, ca.get(), ca_key.get(), 4, c.client_cert, c.client_key) &&
      issue(dir, "stranger", nullptr, nullptr, nullptr, 5, c.stranger_cert, c.stranger_key);
  c.garbage = dir + "/garbage.pem";
  std::ofstream(c.garbage) << "this is not a certificate\n";
  if (ok) c.ca = dir + "/ca.pem";
  return c;
}

}  // namespace

TestCerts const& test_certs() {
  // Removes the directory at exit.
  struct Holder {
    TestCerts certs = make_certs();
    ~Holder() {
      std::error_code ignored;
      std::filesystem::remove_all(std::filesystem::path(certs.garbage).parent_path(), ignored);
    }
  };
  static Holder const holder;
  return holder.certs;
}

}  // namespace loadtwin::live::testing
