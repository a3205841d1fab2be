package com.octoacme.support.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The ticketing-system API's plumbing: the body size limit under /api and the OpenAPI description. */
@Configuration
@OpenAPIDefinition(
    info = @Info(title = "OctoAcme Support Escalation API", version = "1",
        description = "The ticketing system opens escalations from support tickets, reads their status, SLA clocks, "
            + "breaches and level history, and reports customer events (replies, fix verifications, CSAT scores, "
            + "reopenings). Every error under /api is an ApiError."),
    tags = @Tag(name = EscalationIntakeController.TAG, description = "Escalations of support tickets, by ticket ID."))
class IntakeConfiguration {

  @Bean
  FilterRegistrationBean<BodySizeLimitFilter> intakeBodySizeLimitFilter(IntakeProperties properties, ObjectMapper json) {
    FilterRegistrationBean<BodySizeLimitFilter> registration =
        new FilterRegistrationBean<>(new BodySizeLimitFilter(properties.maxBodyBytes().toBytes(), json));
    registration.addUrlPatterns("/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    registration.setName("intakeBodySizeLimitFilter");
    return registration;
  }
}
