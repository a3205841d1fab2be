package com.octoacme.support.featurerequest;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface FeatureRequestRepository extends JpaRepository<FeatureRequest, Long> {

  Optional<FeatureRequest> findByFeatureKey(String featureKey);

  /**
   * The feature, locked (select ... for update) until the transaction ends: requests joining one feature at
   * the same moment take turns instead of colliding on its process instance (OptimisticLockingException).
   */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select f from FeatureRequest f where f.featureKey = :featureKey")
  Optional<FeatureRequest> lockByFeatureKey(@Param("featureKey") String featureKey);

  List<FeatureRequest> findByStatusInOrderByFeatureKeyAsc(List<FeatureRequest.Status> statuses);
}
