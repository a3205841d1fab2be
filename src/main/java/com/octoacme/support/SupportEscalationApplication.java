package com.octoacme.support;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SupportEscalationApplication {

  public static void main(String[] args) {
    // The factories that mail (each message) and XML dates (each timer and retry cycle) look up through the
    // ServiceLoader, which searches every nested jar of the application's jar each time: named here, they are not
    // searched for (the load benchmark's profile: 2.6 % of the application's CPU). An operator's -D setting wins.
    defaultProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    defaultProperty("javax.xml.datatype.DatatypeFactory", "com.sun.org.apache.xerces.internal.jaxp.datatype.DatatypeFactoryImpl");
    SpringApplication.run(SupportEscalationApplication.class, args);
  }

  private static void defaultProperty(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }
}
