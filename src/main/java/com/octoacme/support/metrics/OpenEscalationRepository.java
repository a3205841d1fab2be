package com.octoacme.support.metrics;

import org.springframework.data.jpa.repository.JpaRepository;

public interface OpenEscalationRepository extends JpaRepository<OpenEscalation, String> {}
