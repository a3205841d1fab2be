package com.octoacme.support.featurerequest;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface FeatureRequestRepository extends JpaRepository<FeatureRequest, Long> {

  Optional<FeatureRequest> findByFeatureKey(String featureKey);

  List<FeatureRequest> findByStatusInOrderByFeatureKeyAsc(List<FeatureRequest.Status> statuses);
}
