package com.octoacme.support.featurerequest;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Claims a new feature key: inserts its {@code feature_request} row in the caller's transaction (the one that
 * makes the caller's process instance the feature's instance). A concurrent claim of the same key waits on
 * the unique index until the first transaction ends, then fails with a DuplicateKeyException.
 */
@Repository
class FeatureRequestClaims {

  private final JdbcTemplate jdbc;

  FeatureRequestClaims(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** @throws org.springframework.dao.DuplicateKeyException when the key is claimed already */
  void claim(String featureKey, String processInstanceId, String featureSummary, String createdBy, Instant at) {
    jdbc.update("insert into feature_request (feature_key, process_instance_id, feature_summary, status, created_by, "
        + "created_at) values (?, ?, ?, ?, ?, ?)", featureKey, processInstanceId, featureSummary,
        FeatureRequest.Status.WAITING.name(), createdBy, Timestamp.from(at));
  }
}
