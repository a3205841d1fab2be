package com.octoacme.support.escalation;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AcknowledgementRepository extends JpaRepository<Acknowledgement, Long> {

  List<Acknowledgement> findByTicketIdOrderByIdAsc(String ticketId);
}
