package com.octoacme.support.intake;

import org.camunda.bpm.tasklist.plugin.spi.impl.AbstractTasklistPlugin;

/**
 * A Tasklist plugin of styles only (plugin-webapp/octoacme-start-form/app/plugin.css): Tasklist shows a
 * refused start form's message at the top of the start dialog, while the person who clicked Start is at
 * its bottom; the style keeps the message in view. Listed in META-INF/services.
 */
public class StartFormNoticesPlugin extends AbstractTasklistPlugin {

  static final String ID = "octoacme-start-form";

  @Override
  public String getId() {
    return ID;
  }
}
