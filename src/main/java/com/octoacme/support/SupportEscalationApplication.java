package com.octoacme.support;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SupportEscalationApplication {

  public static void main(String[] args) {
    SpringApplication.run(SupportEscalationApplication.class, args);
  }
}
