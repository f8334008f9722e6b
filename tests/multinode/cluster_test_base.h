// File: tests/multinode/cluster_test_base.h
// The fixture the multinode suites share: a Cluster made per test, whose nodes' logs are
// printed when the test fails (or always, with MOTCUA_TEST_VERBOSE=1).
#ifndef MOTCUA_TESTS_MULTINODE_CLUSTER_TEST_BASE_H_
#define MOTCUA_TESTS_MULTINODE_CLUSTER_TEST_BASE_H_

#include <cstdlib>
#include <iostream>
#include <memory>

#include "gtest/gtest.h"
#include "tests/multinode/cluster.h"
#include "tests/testing/status_matchers.h"

namespace motcua::multinode {

class ClusterTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (cluster_ && (HasFailure() || std::getenv("MOTCUA_TEST_VERBOSE") != nullptr)) {
      std::cerr << cluster_->AllStderr();
    }
  }

  void MakeCluster(Cluster::Era era) {
    cluster_ = std::make_unique<Cluster>(era);
    ASSERT_OK(cluster_->init_status());
  }

  std::unique_ptr<Cluster> cluster_;
};

}  // namespace motcua::multinode

#endif  // MOTCUA_TESTS_MULTINODE_CLUSTER_TEST_BASE_H_
