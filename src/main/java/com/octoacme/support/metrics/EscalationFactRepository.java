package com.octoacme.support.metrics;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface EscalationFactRepository extends JpaRepository<EscalationFact, Long> {

  boolean existsByFactKey(String factKey);

  Optional<EscalationFact> findFirstByProcessInstanceIdAndTypeOrderByIdAsc(String processInstanceId, FactType type);

  java.util.List<EscalationFact> findByProcessInstanceIdOrderByIdAsc(String processInstanceId);

  boolean existsByProcessInstanceIdAndType(String processInstanceId, FactType type);

  long countByProcessInstanceIdAndTypeAndUpwardTrue(String processInstanceId, FactType type);

  /** The escalation's latest scored fact (CSAT received or closed). */
  Optional<EscalationFact> findFirstByProcessInstanceIdAndTypeInAndCsatScoreNotNullOrderByIdDesc(String processInstanceId,
      java.util.Collection<FactType> types);

  /** The escalation's latest fact that set its level (escalated or level changed). */
  Optional<EscalationFact> findFirstByProcessInstanceIdAndTypeInOrderByIdDesc(String processInstanceId,
      java.util.Collection<FactType> types);
}
