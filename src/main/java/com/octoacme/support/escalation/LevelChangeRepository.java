package com.octoacme.support.escalation;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface LevelChangeRepository extends JpaRepository<LevelChange, Long> {

  List<LevelChange> findByTicketIdOrderByIdAsc(String ticketId);
}
