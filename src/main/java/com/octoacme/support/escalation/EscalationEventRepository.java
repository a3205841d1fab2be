package com.octoacme.support.escalation;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface EscalationEventRepository extends JpaRepository<EscalationEvent, Long> {

  List<EscalationEvent> findByTicketIdOrderByIdAsc(String ticketId);

  List<EscalationEvent> findByTicketIdAndTypeOrderByIdAsc(String ticketId, EscalationEvent.Type type);
}
