#pragma once

// OpenSSL objects owned by std::unique_ptr, freed by their own functions.

#include <openssl/bio.h>
#include <openssl/evp.h>

#include <memory>

namespace odometer {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct DigestFree {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

using BioPtr = std::unique_ptr<BIO, BioFree>;
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyFree>;
using DigestPtr = std::unique_ptr<EVP_MD_CTX, DigestFree>;

}  // namespace odometer
