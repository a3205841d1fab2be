package com.octoacme.support.metrics;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The open-escalation gauges refresh on a schedule. */
@Configuration
@EnableScheduling
class MetricsConfiguration {}
