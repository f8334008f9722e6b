// File: services/grpc_util/tls_credentials.h
// Mutual TLS between the nodes of a province: every node presents a certificate signed by the
// province CA, accepts only peers whose certificates that CA signed, and is known by its
// certificate's common name (its node id). deploy/pki/dev-ca.sh makes development certificates.
#ifndef MOTCUA_SERVICES_GRPC_UTIL_TLS_CREDENTIALS_H_
#define MOTCUA_SERVICES_GRPC_UTIL_TLS_CREDENTIALS_H_

#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_context.h>
#include <grpcpp/support/channel_arguments.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace motcua::grpc_util {

// PEM file paths: the province CA's certificate(s), this node's certificate (its chain may
// follow it) and its unencrypted private key.
struct PeerTlsFiles {
  std::string ca;
  std::string cert;
  std::string key;
};

// The contents of checked PeerTlsFiles.
struct LoadedPeerTls {
  std::string ca_pem;
  std::string cert_pem;
  std::string key_pem;
  std::string node_id;  // the certificate's common name (CN)
  absl::Time not_after;
};

// Reads and checks the files: each readable and parseable PEM, the key matching the certificate,
// the certificate signed by the CA, valid now, usable for TLS client and server authentication,
// with a CN. Errors name the file and the reason (kNotFound, kPermissionDenied, kInvalidArgument).
absl::StatusOr<LoadedPeerTls> LoadPeerTls(const PeerTlsFiles& files);

// Server credentials that require a client certificate and verify it against the CA.
std::shared_ptr<grpc::ServerCredentials> PeerServerCredentials(const LoadedPeerTls& tls);

// Channel credentials that present this node's certificate and verify the server against the CA.
std::shared_ptr<grpc::ChannelCredentials> PeerChannelCredentials(const LoadedPeerTls& tls);

// Channel arguments under which the server's certificate must name `peer_node_id` (DNS SAN),
// whatever address the channel dials.
grpc::ChannelArguments PeerChannelArguments(absl::string_view peer_node_id);

// The CN of the client certificate of the call, "" when there is none. The certificate was
// verified when the server runs with PeerServerCredentials.
std::string PeerNodeId(const grpc::ServerContextBase& context);

}  // namespace motcua::grpc_util

#endif  // MOTCUA_SERVICES_GRPC_UTIL_TLS_CREDENTIALS_H_
