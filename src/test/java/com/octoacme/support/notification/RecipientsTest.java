package com.octoacme.support.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who gets a notification: the customer's address in "Reported By", recipients as the SLA warning names them, configuration. */
class RecipientsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "jane.doe@globex.example                        | jane.doe@globex.example | ",
      "Jane Doe <jane.doe@globex.example>             | jane.doe@globex.example | Jane Doe",
      "\"Doe, Jane\" <Jane.O'Doe+support@mail.globex.co.uk> | Jane.O'Doe+support@mail.globex.co.uk | Doe Jane",
      "Jane Doe (jane.doe@globex.example), IT lead    | jane.doe@globex.example | Jane Doe IT lead",
      "mailto:jane@globex.example                     | jane@globex.example     | ",
      "Jane Doe (phone only)                          |                         | Jane Doe",
      "Jane Doe, jane at globex dot example           |                         | Jane Doe jane at globex dot example",
  })
  void theCustomersAddressAndNameAreFoundInReportedBy(String reportedBy, String address, String name) {
    assertThat(RecipientDirectory.customerAddress(reportedBy)).isEqualTo(java.util.Optional.ofNullable(address));
    assertThat(RecipientDirectory.customerContactName(reportedBy)).isEqualTo(java.util.Optional.ofNullable(name));
  }

  @Test
  void aReportedByWithAHeaderInjection_yieldsOnlyTheAddress() {
    assertThat(RecipientDirectory.customerAddress("jane@globex.example\r\nBcc: x@y.example"))
        .contains("jane@globex.example");
    assertThat(RecipientDirectory.customerAddress(null)).isEmpty();
  }

  @Test
  void recipientsAreNamedAsTheSlaWarningNamesThem() {
    assertThat(Recipient.parse("user:erin.engineer")).isEqualTo(Recipient.user("erin.engineer"));
    assertThat(Recipient.parse("group:engineering")).isEqualTo(Recipient.group("engineering"));
    assertThat(Recipient.parse("ops@octoacme.example")).isEqualTo(Recipient.address("ops@octoacme.example"));
    assertThatThrownBy(() -> Recipient.parse("engineering")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("engineering");
  }

  @Test
  void groupsWithoutAnAddressAreNamed() {
    NotificationProperties properties = new NotificationProperties("support@octoacme.example",
        URI.create("http://localhost:8080"), ZoneId.of("Europe/Berlin"), "classpath:mail-templates/", "R3/PT5M",
        Map.of("support", "support@octoacme.example", "engineering", "engineering@octoacme.example"), "support");
    assertThat(new RecipientDirectory(properties, null).groupsWithoutAddress(
        List.of("support", "engineering", "executives", "engineering-leads", "product-managers")))
        .containsExactly("engineering-leads", "executives", "product-managers");
  }

  @Test
  void badConfiguration_failsTheStartNamingTheProperty() {
    assertThatThrownBy(() -> new NotificationProperties("support@octoacme.example", URI.create("http://x"),
        ZoneId.of("Europe/Berlin"), "classpath:mail-templates/", "R3/PT5M",
        Map.of("support", "support@octoacme.example", "engineering", "not an address"), "support"))
        .hasMessageContaining("notification.group-addresses.engineering");
    assertThatThrownBy(() -> new NotificationProperties("support@octoacme.example", URI.create("http://x"),
        ZoneId.of("Europe/Berlin"), "classpath:mail-templates/", "every 5 minutes",
        Map.of("support", "support@octoacme.example"), "support"))
        .hasMessageContaining("notification.retry-cycle");
    assertThatThrownBy(() -> new NotificationProperties("support@octoacme.example", URI.create("http://x"),
        ZoneId.of("Europe/Berlin"), "classpath:mail-templates/", "R3/PT5M", Map.of(), "support"))
        .hasMessageContaining("notification.group-addresses.support");
  }
}
