// File: services/grpc_util/tls_credentials.cc
#include "services/grpc_util/tls_credentials.h"

#include <grpc/grpc_security_constants.h>
#include <grpcpp/security/auth_context.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"

namespace motcua::grpc_util {
namespace {

template <auto kFree>
struct OpenSslDeleter {
  template <typename T>
  void operator()(T* p) const {
    kFree(p);
  }
};
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509_free>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY_free>>;
using StorePtr = std::unique_ptr<X509_STORE, OpenSslDeleter<X509_STORE_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, OpenSslDeleter<X509_STORE_CTX_free>>;
// The stack does not own its certificates.
struct CertStackFree {
  void operator()(STACK_OF(X509) * stack) const { sk_X509_free(stack); }
};
using CertStackPtr = std::unique_ptr<STACK_OF(X509), CertStackFree>;
struct FileClose {
  void operator()(FILE* file) const { std::fclose(file); }
};

// "TLS key file '/etc/motcua/tinh.key'"
std::string Describe(absl::string_view what, const std::string& path) {
  return absl::StrCat("TLS ", what, " file '", path, "'");
}

// The reason of the most recent OpenSSL error ("no start line", "bad base64 decode"); empties
// OpenSSL's error queue of this thread.
std::string TakeOpenSslReason() {
  unsigned long last = 0;
  while (unsigned long e = ERR_get_error()) last = e;
  if (last == 0) return "unknown reason";
  const char* reason = ERR_reason_error_string(last);
  return reason != nullptr ? reason : absl::StrCat("OpenSSL error ", last);
}

absl::StatusOr<std::string> ReadPemFile(absl::string_view what, const std::string& path) {
  if (path.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("TLS ", what, " file: no path given"));
  }
  std::unique_ptr<FILE, FileClose> file(std::fopen(path.c_str(), "rb"));
  if (file == nullptr) {
    int err = errno;
    std::string message = absl::StrCat(Describe(what, path), ": cannot open: ", std::strerror(err));
    if (err == ENOENT) return absl::NotFoundError(message);
    if (err == EACCES) return absl::PermissionDeniedError(message);
    return absl::InvalidArgumentError(message);
  }
  std::string text;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof(buffer), file.get())) > 0) text.append(buffer, n);
  if (std::ferror(file.get())) {
    return absl::InvalidArgumentError(
        absl::StrCat(Describe(what, path), ": cannot read: ", std::strerror(errno)));
  }
  if (text.empty())
    return absl::InvalidArgumentError(absl::StrCat(Describe(what, path), ": empty"));
  return text;
}

BioPtr MemoryBio(const std::string& text) {
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

// Every certificate in `pem`, in order; an error when there is none or one does not parse.
absl::StatusOr<std::vector<X509Ptr>> ParseCertificates(absl::string_view what,
                                                       const std::string& path,
                                                       const std::string& pem) {
  ERR_clear_error();
  BioPtr bio = MemoryBio(pem);
  std::vector<X509Ptr> certs;
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    certs.emplace_back(cert);
  }
  // Reading stops at the end of the text with "no start line", which is no error after at least
  // one certificate.
  unsigned long err = ERR_peek_last_error();
  bool at_end = ERR_GET_LIB(err) == ERR_LIB_PEM && ERR_GET_REASON(err) == PEM_R_NO_START_LINE;
  if (certs.empty() || (err != 0 && !at_end)) {
    std::string reason = TakeOpenSslReason();
    return absl::InvalidArgumentError(
        absl::StrCat(Describe(what, path), ": not a PEM certificate (", reason, ")"));
  }
  ERR_clear_error();
  return certs;
}

// Encrypted keys are refused rather than prompted for: a node starts unattended.
int NoPassphrase(char* /*buf*/, int /*size*/, int /*rwflag*/, void* /*userdata*/) { return -1; }

absl::StatusOr<KeyPtr> ParsePrivateKey(const std::string& path, const std::string& pem) {
  ERR_clear_error();
  BioPtr bio = MemoryBio(pem);
  KeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr));
  if (key == nullptr) {
    std::string reason = TakeOpenSslReason();
    return absl::InvalidArgumentError(
        absl::StrCat(Describe("key", path), ": not an unencrypted PEM private key (", reason, ")"));
  }
  return key;
}

// "CN=motcua dev CA Phú Thọ", UTF-8 left as it is.
std::string NameToString(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return size > 0 ? std::string(data, static_cast<size_t>(size)) : std::string();
}

absl::Time ToAbslTime(const ASN1_TIME* time) {
  struct tm tm = {};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) return absl::InfinitePast();
  return absl::FromTimeT(timegm(&tm));
}

std::string FormatUtc(absl::Time time) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S UTC", time, absl::UTCTimeZone());
}

std::string CommonName(X509* cert) {
  const X509_NAME* subject = X509_get_subject_name(cert);
  int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
  if (index < 0) return "";
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
  unsigned char* utf8 = nullptr;
  int length = ASN1_STRING_to_UTF8(&utf8, data);
  if (length < 0) return "";
  std::string cn(reinterpret_cast<char*>(utf8), static_cast<size_t>(length));
  OPENSSL_free(utf8);
  return cn;
}

// Verifies certs[0] (with certs[1..] as intermediates) against the CA certificates, now.
absl::Status VerifyAgainstCa(const PeerTlsFiles& files, const std::vector<X509Ptr>& ca_certs,
                             const std::vector<X509Ptr>& certs) {
  StorePtr store(X509_STORE_new());
  for (const X509Ptr& ca : ca_certs) X509_STORE_add_cert(store.get(), ca.get());
  CertStackPtr chain(sk_X509_new_null());
  for (size_t i = 1; i < certs.size(); ++i) sk_X509_push(chain.get(), certs[i].get());
  StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (store == nullptr || chain == nullptr || ctx == nullptr ||
      X509_STORE_CTX_init(ctx.get(), store.get(), certs[0].get(), chain.get()) != 1) {
    return absl::ResourceExhaustedError(
        absl::StrCat(Describe("certificate", files.cert), ": cannot verify: out of memory"));
  }
  int verified = X509_verify_cert(ctx.get());
  ERR_clear_error();
  if (verified == 1) return absl::OkStatus();

  int error = X509_STORE_CTX_get_error(ctx.get());
  int depth = X509_STORE_CTX_get_error_depth(ctx.get());
  X509* leaf = certs[0].get();
  switch (error) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
      return absl::InvalidArgumentError(
          absl::StrCat(Describe("certificate", files.cert), ": not signed by the CA in '", files.ca,
                       "' (certificate issuer \"", NameToString(X509_get_issuer_name(leaf)),
                       "\", CA \"", NameToString(X509_get_subject_name(ca_certs[0].get())), "\")"));
    case X509_V_ERR_CERT_HAS_EXPIRED:
      if (depth == 0) {
        return absl::InvalidArgumentError(
            absl::StrCat(Describe("certificate", files.cert), ": expired on ",
                         FormatUtc(ToAbslTime(X509_get0_notAfter(leaf)))));
      }
      break;
    case X509_V_ERR_CERT_NOT_YET_VALID:
      if (depth == 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            Describe("certificate", files.cert), ": not valid before ",
            FormatUtc(ToAbslTime(X509_get0_notBefore(leaf))), " (is this machine's clock right?)"));
      }
      break;
    default:
      break;
  }
  return absl::InvalidArgumentError(
      absl::StrCat(Describe("certificate", files.cert), ": does not verify against the CA in '",
                   files.ca, "': ", X509_verify_cert_error_string(error),
                   depth > 0 ? absl::StrCat(" (at chain depth ", depth, ")") : ""));
}

}  // namespace

absl::StatusOr<LoadedPeerTls> LoadPeerTls(const PeerTlsFiles& files) {
  LoadedPeerTls tls;
  MOTCUA_ASSIGN_OR_RETURN(tls.ca_pem, ReadPemFile("CA", files.ca));
  MOTCUA_ASSIGN_OR_RETURN(tls.cert_pem, ReadPemFile("certificate", files.cert));
  MOTCUA_ASSIGN_OR_RETURN(tls.key_pem, ReadPemFile("key", files.key));

  MOTCUA_ASSIGN_OR_RETURN(std::vector<X509Ptr> ca_certs,
                          ParseCertificates("CA", files.ca, tls.ca_pem));
  MOTCUA_ASSIGN_OR_RETURN(std::vector<X509Ptr> certs,
                          ParseCertificates("certificate", files.cert, tls.cert_pem));
  MOTCUA_ASSIGN_OR_RETURN(KeyPtr key, ParsePrivateKey(files.key, tls.key_pem));
  X509* leaf = certs[0].get();

  if (X509_check_private_key(leaf, key.get()) != 1) {
    ERR_clear_error();
    return absl::InvalidArgumentError(absl::StrCat(
        Describe("key", files.key), ": does not match the certificate in '", files.cert, "'"));
  }
  MOTCUA_RETURN_IF_ERROR(VerifyAgainstCa(files, ca_certs, certs));
  // A node is both a server and a client of its peers; OpenSSL checks these purposes during the
  // handshake, and failing them here gives the clearer message.
  if (X509_check_purpose(leaf, X509_PURPOSE_SSL_SERVER, 0) != 1 ||
      X509_check_purpose(leaf, X509_PURPOSE_SSL_CLIENT, 0) != 1) {
    ERR_clear_error();
    return absl::InvalidArgumentError(
        absl::StrCat(Describe("certificate", files.cert),
                     ": not usable for both TLS server and client authentication (its "
                     "extendedKeyUsage must include serverAuth and clientAuth)"));
  }
  tls.node_id = CommonName(leaf);
  if (tls.node_id.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(Describe("certificate", files.cert),
                                                   ": no common name (CN); a node's id is its CN"));
  }
  tls.not_after = ToAbslTime(X509_get0_notAfter(leaf));
  return tls;
}

std::shared_ptr<grpc::ServerCredentials> PeerServerCredentials(const LoadedPeerTls& tls) {
  grpc::SslServerCredentialsOptions options(
      GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  options.pem_root_certs = tls.ca_pem;
  options.pem_key_cert_pairs.push_back({tls.key_pem, tls.cert_pem});
  return grpc::SslServerCredentials(options);
}

std::shared_ptr<grpc::ChannelCredentials> PeerChannelCredentials(const LoadedPeerTls& tls) {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = tls.ca_pem;
  options.pem_private_key = tls.key_pem;
  options.pem_cert_chain = tls.cert_pem;
  return grpc::SslCredentials(options);
}

grpc::ChannelArguments PeerChannelArguments(absl::string_view peer_node_id) {
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride(std::string(peer_node_id));
  return args;
}

std::string PeerNodeId(const grpc::ServerContextBase& context) {
  std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  if (auth == nullptr) return "";
  for (const grpc::string_ref& cn : auth->FindPropertyValues(GRPC_X509_CN_PROPERTY_NAME)) {
    return std::string(cn.data(), cn.size());
  }
  return "";
}

}  // namespace motcua::grpc_util
