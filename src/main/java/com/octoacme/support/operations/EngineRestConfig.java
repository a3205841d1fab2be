package com.octoacme.support.operations;

import jakarta.ws.rs.ApplicationPath;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/** Camunda's REST API at /engine-rest, plus our mapping of refused input to 400. */
@Component
@ApplicationPath("/engine-rest")
public class EngineRestConfig extends CamundaJerseyResourceConfig {

  @Override
  protected void registerAdditionalResources() {
    register(InvalidFieldExceptionMapper.class);
  }
}
