package com.octoacme.support.featurerequest;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface FeatureRequestEntryRepository extends JpaRepository<FeatureRequestEntry, Long> {

  List<FeatureRequestEntry> findByFeatureKeyOrderByIdAsc(String featureKey);

  boolean existsByRequestInstanceId(String requestInstanceId);
}
