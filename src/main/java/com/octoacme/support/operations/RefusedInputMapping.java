package com.octoacme.support.operations;

import jakarta.ws.rs.core.FeatureContext;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;

/**
 * Registers {@link InvalidFieldExceptionMapper} in every Jersey application of the app: /engine-rest, and
 * the webapps' own engine API under /camunda/api/engine, through which Tasklist submits its forms (that
 * application is Camunda's, with no hook of its own). Listed in META-INF/services.
 */
public class RefusedInputMapping implements ForcedAutoDiscoverable {

  @Override
  public void configure(FeatureContext context) {
    if (!context.getConfiguration().isRegistered(InvalidFieldExceptionMapper.class)) {
      context.register(InvalidFieldExceptionMapper.class);
    }
  }
}
