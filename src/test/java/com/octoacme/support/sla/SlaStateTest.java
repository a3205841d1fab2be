package com.octoacme.support.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The board's SLA state rule, case by case, in its order: breached, paused, at risk, on track. */
class SlaStateTest {

  static final Instant DUE = Instant.parse("2026-11-24T08:30:00Z");
  static final Instant WARNING = Instant.parse("2026-11-23T14:30:00Z");

  static SlaState at(String now, boolean waiting, int breaches, Set<Instant> warned) {
    return SlaState.of(new SlaState.Clock(Instant.parse(now), DUE, WARNING, waiting, breaches, warned));
  }

  @Test
  void beforeTheWarningInstantOnTrack_fromItAtRisk_fromTheDueInstantBreached() {
    assertThat(at("2026-11-23T14:29:59Z", false, 0, Set.of())).isEqualTo(SlaState.ON_TRACK);
    assertThat(at("2026-11-23T14:30:00Z", false, 0, Set.of())).isEqualTo(SlaState.AT_RISK);
    assertThat(at("2026-11-24T08:29:59Z", false, 0, Set.of())).isEqualTo(SlaState.AT_RISK);
    assertThat(at("2026-11-24T08:30:00Z", false, 0, Set.of())).isEqualTo(SlaState.BREACHED);
  }

  @Test
  void aWarningGivenForTheRunningClockIsAtRisk_oneForAnotherClockIsNot() {
    // the warning's due instant is stored with a precision of its own: compared to the second
    assertThat(at("2026-11-23T10:00:00Z", false, 0, Set.of(SlaState.seconds(DUE.plusMillis(400)))))
        .isEqualTo(SlaState.AT_RISK);
    assertThat(at("2026-11-23T10:00:00Z", false, 0, Set.of(DUE.minusSeconds(3600)))).isEqualTo(SlaState.ON_TRACK);
  }

  @Test
  void aBreachAtTheLevelKeepsItBreached_evenWithFreshClocksAndWhileWaiting() {
    assertThat(at("2026-11-23T10:00:00Z", false, 1, Set.of())).isEqualTo(SlaState.BREACHED);
    assertThat(at("2026-11-23T10:00:00Z", true, 1, Set.of())).isEqualTo(SlaState.BREACHED);
  }

  @Test
  void waitingForTheCustomerIsPaused_evenPastAWarningInstant() {
    assertThat(at("2026-11-23T15:00:00Z", true, 0, Set.of())).isEqualTo(SlaState.PAUSED);
  }

  @Test
  void noClockRunningIsOnTrack() {
    assertThat(SlaState.of(new SlaState.Clock(Instant.parse("2026-11-23T10:00:00Z"), null, null, false, 0, Set.of())))
        .isEqualTo(SlaState.ON_TRACK);
    assertThat(SlaState.values()).extracting(s -> s.label).containsExactly("On track", "At risk", "Breached", "Paused");
  }
}
