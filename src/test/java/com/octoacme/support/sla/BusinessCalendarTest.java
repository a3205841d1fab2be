package com.octoacme.support.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

/**
 * Due instants of the business-hours calendar, each worked out by hand.
 *
 * <p>Calendars (built here, no Spring):
 * <ul>
 *   <li>BER: Europe/Berlin, Mon-Fri 09:00-17:00, public holidays of Germany/Berlin (jollyday de/be),
 *       closures 2026-12-24 and 2026-12-31. Berlin holidays on weekdays in 2026/27: 2026-04-03 Good Friday,
 *       04-06 Easter Monday, 05-01 Fri, 05-14 Ascension Thu, 05-25 Whit Monday, 12-25 Fri, 2027-01-01 Fri,
 *       2027-03-08 Mon (Women's Day; 2026-03-08 is a Sunday). 2026-10-03 and 12-26 are Saturdays.
 *   <li>DST: Europe/Berlin, every day 00:00-24:00, no holidays: DST changes fall inside working time.
 *       Europe 2026: 03-29 02:00 CET (+01:00) -> 03:00 CEST (+02:00); 10-25 03:00 CEST -> 02:00 CET.
 *   <li>SHORT: Europe/Berlin, Mon-Thu 09:00-17:00, Fri 09:00-13:00, Sat 10:00-14:00, no holidays: for
 *       business days landing on a day that closes earlier or opens later.
 * </ul>
 * Instants are written as offset date-times in the zone of the call, so the offset shows the DST state;
 * a result must match them including the offset.
 */
class BusinessCalendarTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static final BusinessCalendar BER = new BusinessCalendar(new SlaCalendarProperties(BERLIN,
      weekdays("09:00-17:00"), new SlaCalendarProperties.Holidays("de", "be"),
      List.of(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-31"))));

  static final BusinessCalendar DST = new BusinessCalendar(new SlaCalendarProperties(BERLIN,
      everyDay("00:00-24:00"), null, null));

  static final BusinessCalendar SHORT = new BusinessCalendar(new SlaCalendarProperties(BERLIN,
      Map.of(DayOfWeek.MONDAY, "09:00-17:00", DayOfWeek.TUESDAY, "09:00-17:00", DayOfWeek.WEDNESDAY, "09:00-17:00",
          DayOfWeek.THURSDAY, "09:00-17:00", DayOfWeek.FRIDAY, "09:00-13:00", DayOfWeek.SATURDAY, "10:00-14:00"),
      null, List.of()));

  static Map<DayOfWeek, String> weekdays(String window) {
    Map<DayOfWeek, String> hours = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
        DayOfWeek.FRIDAY)) {
      hours.put(day, window);
    }
    return hours;
  }

  static Map<DayOfWeek, String> everyDay(String window) {
    Map<DayOfWeek, String> hours = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      hours.put(day, window);
    }
    return hours;
  }

  static BusinessCalendar calendar(String name) {
    return switch (name) {
      case "BER" -> BER;
      case "DST" -> DST;
      case "SHORT" -> SHORT;
      default -> throw new IllegalArgumentException(name);
    };
  }

  static Instant instant(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).toInstant();
  }

  /** The instant as the offset date-time of the zone, so that a wrong offset in an expectation fails too. */
  static OffsetDateTime in(Instant instant, ZoneId zone) {
    return instant.atZone(zone).toOffsetDateTime();
  }

  @ParameterizedTest(name = "[{index}] {6}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      # cal | kind           | start                     | zone                | duration | expected                  | why
      # ---- within a day
      BER | BUSINESS_HOURS | 2026-06-10T10:00+02:00 | Europe/Berlin       | PT4H     | 2026-06-10T14:00+02:00 | Wed 10:00 + 4h, all on Wed
      BER | BUSINESS_HOURS | 2026-06-10T10:15+02:00 | Europe/Berlin       | PT15M    | 2026-06-10T10:30+02:00 | minutes within the day
      BER | BUSINESS_HOURS | 2026-06-10T16:00+02:00 | Europe/Berlin       | PT1H     | 2026-06-10T17:00+02:00 | Wed 16:00 + 1h ends exactly at closing and stays there, not Thu 09:00
      BER | BUSINESS_HOURS | 2026-06-10T09:00+02:00 | Europe/Berlin       | PT8H     | 2026-06-10T17:00+02:00 | a whole 8h working day from opening ends at closing
      # ---- across a night
      BER | BUSINESS_HOURS | 2026-06-10T15:00+02:00 | Europe/Berlin       | PT4H     | 2026-06-11T11:00+02:00 | Wed 15:00 + 4h: 2h Wed, night skipped, 2h Thu
      BER | BUSINESS_HOURS | 2026-06-10T16:59+02:00 | Europe/Berlin       | PT2M     | 2026-06-11T09:01+02:00 | 1 min Wed, 1 min Thu
      # ---- across a weekend
      BER | BUSINESS_HOURS | 2026-06-12T16:00+02:00 | Europe/Berlin       | PT4H     | 2026-06-15T12:00+02:00 | Fri 16:00 + 4h: 1h Fri, weekend skipped, 3h Mon
      BER | BUSINESS_HOURS | 2026-06-12T10:00+02:00 | Europe/Berlin       | PT16H    | 2026-06-16T10:00+02:00 | Fri 10:00 + 16h: 7h Fri, 8h Mon, 1h Tue
      BER | ALWAYS         | 2026-06-12T16:00+02:00 | Europe/Berlin       | PT4H     | 2026-06-12T20:00+02:00 | 24x7: Fri 16:00 + 4h elapsed, the weekend does not matter
      # ---- across public holidays (Berlin)
      BER | BUSINESS_HOURS | 2026-04-30T15:00+02:00 | Europe/Berlin       | PT4H     | 2026-05-04T11:00+02:00 | Thu 15:00 + 4h: 2h Thu, Fri 05-01 Labour Day, weekend, 2h Mon
      BER | BUSINESS_HOURS | 2026-05-13T14:00+02:00 | Europe/Berlin       | PT8H     | 2026-05-15T14:00+02:00 | Wed 14:00 + 8h: 3h Wed, Thu 05-14 Ascension, 5h Fri
      BER | BUSINESS_HOURS | 2026-04-02T16:00+02:00 | Europe/Berlin       | PT2H     | 2026-04-07T10:00+02:00 | Thu 16:00 + 2h: 1h Thu, Good Friday, Easter weekend, Easter Monday, 1h Tue
      BER | BUSINESS_HOURS | 2026-05-22T12:00+02:00 | Europe/Berlin       | P1D      | 2026-05-26T12:00+02:00 | Fri 12:00 + 1 business day: weekend and Whit Monday 05-25 skipped, Tue 12:00
      # ---- company closures, and the Christmas/New Year chain of closure + holiday + weekend
      BER | BUSINESS_HOURS | 2026-12-23T16:00+01:00 | Europe/Berlin       | PT2H     | 2026-12-28T10:00+01:00 | Wed 16:00 + 2h: 1h Wed, 12-24 closure, 12-25 holiday, 12-26 Sat holiday, Sun, 1h Mon
      BER | BUSINESS_HOURS | 2026-12-30T15:00+01:00 | Europe/Berlin       | PT3H     | 2027-01-04T10:00+01:00 | Wed 15:00 + 3h: 2h Wed, 12-31 closure, 01-01 holiday, weekend, 1h Mon
      BER | BUSINESS_HOURS | 2026-12-23T12:00+01:00 | Europe/Berlin       | PT16H    | 2026-12-29T12:00+01:00 | Wed 12:00 + 16h: 5h Wed, 24th to 27th closed, 8h Mon, 3h Tue
      BER | BUSINESS_HOURS | 2026-12-22T10:00+01:00 | Europe/Berlin       | P3D      | 2026-12-29T10:00+01:00 | Tue + 3 business days: Wed 23 (1), 24 to 27 closed, Mon 28 (2), Tue 29 (3)
      BER | BUSINESS_HOURS | 2026-12-23T15:00+01:00 | Europe/Berlin       | P5D      | 2027-01-05T15:00+01:00 | Wed + 5 business days: 28, 29, 30, (31 closure, 01-01 holiday, weekend) Jan 4, Jan 5
      # ---- start outside business hours
      BER | BUSINESS_HOURS | 2026-06-10T07:30+02:00 | Europe/Berlin       | PT1H     | 2026-06-10T10:00+02:00 | before opening: starts at Wed 09:00, + 1h
      BER | BUSINESS_HOURS | 2026-06-10T18:00+02:00 | Europe/Berlin       | PT1H     | 2026-06-11T10:00+02:00 | after closing: starts at Thu 09:00, + 1h
      BER | BUSINESS_HOURS | 2026-06-10T17:00+02:00 | Europe/Berlin       | PT30M    | 2026-06-11T09:30+02:00 | exactly at closing is outside working time: starts at Thu 09:00
      BER | BUSINESS_HOURS | 2026-06-14T11:00+02:00 | Europe/Berlin       | PT2H     | 2026-06-15T11:00+02:00 | on a Sunday: starts at Mon 09:00, + 2h
      BER | BUSINESS_HOURS | 2026-05-01T10:00+02:00 | Europe/Berlin       | PT2H     | 2026-05-04T11:00+02:00 | on Labour Day (Fri): weekend too, starts at Mon 09:00, + 2h
      BER | BUSINESS_HOURS | 2026-05-14T10:00+02:00 | Europe/Berlin       | P1D      | 2026-05-18T09:00+02:00 | on Ascension Thu: starts at Fri 09:00, + 1 business day is Mon 09:00
      BER | BUSINESS_HOURS | 2026-06-14T20:00+02:00 | Europe/Berlin       | P1D      | 2026-06-16T09:00+02:00 | Sunday evening: starts at Mon 09:00, + 1 business day is Tue 09:00
      # ---- zero duration: unchanged, even outside working time
      BER | BUSINESS_HOURS | 2026-06-13T12:00+02:00 | Europe/Berlin       | PT0S     | 2026-06-13T12:00+02:00 | zero duration on a Saturday returns the start unchanged
      BER | ALWAYS         | 2026-06-13T12:00+02:00 | Europe/Berlin       | PT0S     | 2026-06-13T12:00+02:00 | zero duration, 24x7
      # ---- business days, also starting late in the day
      BER | BUSINESS_HOURS | 2026-06-10T16:30+02:00 | Europe/Berlin       | P1D      | 2026-06-11T16:30+02:00 | Wed 16:30 + 1 business day: same time Thu
      BER | BUSINESS_HOURS | 2026-06-12T16:30+02:00 | Europe/Berlin       | P1D      | 2026-06-15T16:30+02:00 | Fri 16:30 + 1 business day: same time Mon
      BER | BUSINESS_HOURS | 2026-06-10T16:30+02:00 | Europe/Berlin       | P1DT1H   | 2026-06-12T09:30+02:00 | Wed 16:30 + 1 day 1h: Thu 16:30, then 30 min Thu and 30 min Fri
      BER | BUSINESS_HOURS | 2026-06-10T16:00+02:00 | Europe/Berlin       | P1DT1H   | 2026-06-11T17:00+02:00 | Wed 16:00 + 1 day 1h: Thu 16:00, + 1h ends at closing and stays
      SHORT | BUSINESS_HOURS | 2026-06-11T15:00+02:00 | Europe/Berlin     | P1D      | 2026-06-12T13:00+02:00 | Thu 15:00 + 1 business day: Fri closes at 13:00, earlier than 15:00
      SHORT | BUSINESS_HOURS | 2026-06-12T09:30+02:00 | Europe/Berlin     | P1D      | 2026-06-13T10:00+02:00 | Fri 09:30 + 1 business day: Sat opens at 10:00, later than 09:30
      SHORT | BUSINESS_HOURS | 2026-06-11T15:00+02:00 | Europe/Berlin     | P2D      | 2026-06-13T14:00+02:00 | Thu 15:00 + 2 business days: the start's 15:00 on Sat, which closes at 14:00
      SHORT | BUSINESS_HOURS | 2026-06-11T15:00+02:00 | Europe/Berlin     | P1DT1H   | 2026-06-13T11:00+02:00 | Thu 15:00 + 1 day 1h: Fri 13:00 (closing), the hour on Sat 10:00-11:00
      # ---- very long durations
      BER | BUSINESS_HOURS | 2026-06-10T10:00+02:00 | Europe/Berlin       | P60D     | 2026-09-02T10:00+02:00 | Wed + 60 business days: 14 in June, 23 in July, 21 in August (58), Sep 1 and 2
      BER | BUSINESS_HOURS | 2026-06-10T10:00+02:00 | Europe/Berlin       | P60DT4H  | 2026-09-02T14:00+02:00 | as above, then 4 working hours on Sep 2
      BER | BUSINESS_HOURS | 2026-06-10T10:00+02:00 | Europe/Berlin       | P200D    | 2027-03-24T10:00+01:00 | 200 business days: by month 14,23,21,22,22,21,20 (no 12-24/25/31),20 (no 01-01),20 = 183 to Feb 2027; Mar 1-5, 9-12 (03-08 Women's Day), 15-19, 22-24
      # ---- DST with the 24x7 working calendar (Europe/Berlin) and 24x7 elapsed time
      DST | BUSINESS_HOURS | 2026-03-28T12:00+01:00 | Europe/Berlin       | PT23H    | 2026-03-29T12:00+02:00 | spring forward: 12h to Sat midnight, then 11 real hours on Sun: the lost hour is no working time
      DST | BUSINESS_HOURS | 2026-03-28T12:00+01:00 | Europe/Berlin       | P1D      | 2026-03-29T12:00+02:00 | spring forward: 1 business day is the same local time, 23 real hours later
      DST | BUSINESS_HOURS | 2026-03-29T01:30+01:00 | Europe/Berlin       | PT1H     | 2026-03-29T03:30+02:00 | 1h across the change at 02:00: 01:30 CET + 1h = 03:30 CEST
      DST | BUSINESS_HOURS | 2026-03-28T02:30+01:00 | Europe/Berlin       | P1D      | 2026-03-29T03:30+02:00 | 1 business day onto 02:30 on 03-29, which does not exist: moved forward by the gap
      DST | ALWAYS         | 2026-03-28T12:00+01:00 | Europe/Berlin       | PT24H    | 2026-03-29T13:00+02:00 | spring forward, 24x7: 24 elapsed hours show as 13:00
      DST | ALWAYS         | 2026-03-28T12:00+01:00 | Europe/Berlin       | P1D      | 2026-03-29T13:00+02:00 | spring forward, 24x7: P1D is 24 elapsed hours, not the same local time
      DST | BUSINESS_HOURS | 2026-10-24T12:00+02:00 | Europe/Berlin       | PT23H    | 2026-10-25T10:00+01:00 | fall back: 12h to Sat midnight, then 11 real hours on Sun, which has one hour more: 10:00 CET
      DST | BUSINESS_HOURS | 2026-10-24T12:00+02:00 | Europe/Berlin       | P1D      | 2026-10-25T12:00+01:00 | fall back: 1 business day is the same local time, 25 real hours later
      DST | BUSINESS_HOURS | 2026-10-25T02:30+02:00 | Europe/Berlin       | PT1H     | 2026-10-25T02:30+01:00 | fall back: 02:30 CEST + 1h is the second 02:30, in CET
      DST | ALWAYS         | 2026-10-24T12:00+02:00 | Europe/Berlin       | PT24H    | 2026-10-25T11:00+01:00 | fall back, 24x7: 24 elapsed hours show as 11:00
      BER | BUSINESS_HOURS | 2026-03-27T16:00+01:00 | Europe/Berlin       | PT4H     | 2026-03-30T12:00+02:00 | Fri 16:00 CET + 4h: 1h Fri, DST weekend, 3h Mon in CEST (wall-clock hours)
      BER | BUSINESS_HOURS | 2026-10-23T16:00+02:00 | Europe/Berlin       | P1D      | 2026-10-26T16:00+01:00 | Fri 16:00 CEST + 1 business day: Mon 16:00 CET
      # ---- account time zones far from Berlin: the same working hours and the Berlin holidays on local dates there
      BER | BUSINESS_HOURS | 2026-06-12T16:00+09:00 | Asia/Tokyo          | PT4H     | 2026-06-15T12:00+09:00 | Tokyo: Fri 16:00 + 4h, 1h Fri, weekend, 3h Mon, in Tokyo time
      BER | BUSINESS_HOURS | 2026-06-10T16:00+02:00 | Asia/Tokyo          | PT1H     | 2026-06-11T10:00+09:00 | Berlin Wed 16:00 is 23:00 in Tokyo, after closing there: Thu 09:00 + 1h Tokyo time
      BER | BUSINESS_HOURS | 2026-06-12T16:00-07:00 | America/Los_Angeles | PT4H     | 2026-06-15T12:00-07:00 | Los Angeles: Fri 16:00 + 4h, 1h Fri, weekend, 3h Mon, in LA time
      BER | BUSINESS_HOURS | 2026-04-30T15:00-07:00 | America/Los_Angeles | PT4H     | 2026-05-04T11:00-07:00 | Los Angeles: May 1 is closed on the LA date: 2h Thu, Fri 05-01, weekend, 2h Mon
      BER | BUSINESS_HOURS | 2026-03-06T16:00-08:00 | America/Los_Angeles | PT2H     | 2026-03-09T10:00-07:00 | Los Angeles: US DST starts Sun 03-08: 1h Fri PST, 1h Mon PDT
      BER | ALWAYS         | 2026-03-06T16:00-08:00 | America/Los_Angeles | PT48H    | 2026-03-08T17:00-07:00 | Los Angeles 24x7: 48 elapsed hours across US DST show as 17:00 PDT
      """)
  void addBusinessTime(String cal, CalendarKind kind, String start, ZoneId zone, String duration, String expected,
      String why) {
    Instant due = calendar(cal).addBusinessTime(instant(start), BusinessDuration.parse(duration), kind, zone);
    assertThat(in(due, zone)).as(why).isEqualTo(OffsetDateTime.parse(expected));
  }

  /**
   * Hours are working hours and days are business days, whatever their size (issue: "business durations
   * mean what they say"). BER is Mon-Fri 09:00-17:00, 8 working hours a day, Berlin holidays.
   */
  @ParameterizedTest(name = "[{index}] {5}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      # cal | start                  | duration | expected               | working hours, worked out           | why
      # ---- from Wed 10:00, an ordinary week (no holiday in June 2026 in Berlin)
      BER | 2026-06-10T10:00+02:00 | PT8H     | 2026-06-11T10:00+02:00 | Wed 7 + Thu 1                        | 8h: one working day later at the same time
      BER | 2026-06-10T10:00+02:00 | PT9H     | 2026-06-11T11:00+02:00 | Wed 7 + Thu 2                        | 9h
      BER | 2026-06-10T10:00+02:00 | PT16H    | 2026-06-12T10:00+02:00 | Wed 7 + Thu 8 + Fri 1                | 16h: two working days
      BER | 2026-06-10T10:00+02:00 | PT24H    | 2026-06-15T10:00+02:00 | Wed 7 + Thu 8 + Fri 8 + Mon 1        | 24h is three working days, not one business day
      BER | 2026-06-10T10:00+02:00 | PT25H    | 2026-06-15T11:00+02:00 | Wed 7 + Thu 8 + Fri 8 + Mon 2        | 25h across the weekend
      BER | 2026-06-10T10:00+02:00 | PT30H    | 2026-06-15T16:00+02:00 | Wed 7 + Thu 8 + Fri 8 + Mon 7        | 30h: almost four working days
      BER | 2026-06-10T10:00+02:00 | PT48H    | 2026-06-18T10:00+02:00 | 23 to Fri, Mon-Wed 24, Thu 1         | 48h: six working days
      BER | 2026-06-10T10:00+02:00 | PT100H   | 2026-06-26T14:00+02:00 | 23 to Fri, week 40, Mon-Thu 32, Fri 5 | 100h: twelve and a half working days
      BER | 2026-06-10T10:00+02:00 | P1D      | 2026-06-11T10:00+02:00 | one business day                     | P1D: the next working day, same time
      BER | 2026-06-10T10:00+02:00 | P3D      | 2026-06-15T10:00+02:00 | three business days                  | P3D: Thu, Fri, Mon
      BER | 2026-06-10T10:00+02:00 | P1DT4H   | 2026-06-11T14:00+02:00 | Thu 10:00, then Thu 4                | a mix adds both: one business day, then 4 working hours
      BER | 2026-06-10T10:00+02:00 | P1DT30H  | 2026-06-16T16:00+02:00 | Thu 10:00, Thu 7 + Fri 8 + Mon 8 + Tue 7 | one business day, then 30 working hours
      # ---- from Fri 16:00, across a weekend
      BER | 2026-06-12T16:00+02:00 | PT8H     | 2026-06-15T16:00+02:00 | Fri 1 + Mon 7                        | 8h across a weekend
      BER | 2026-06-12T16:00+02:00 | PT9H     | 2026-06-15T17:00+02:00 | Fri 1 + Mon 8                        | 9h ends at Monday's closing and stays there
      BER | 2026-06-12T16:00+02:00 | PT24H    | 2026-06-17T16:00+02:00 | Fri 1 + Mon 8 + Tue 8 + Wed 7        | 24h across a weekend
      # ---- across public holidays: Fri 05-01 Labour Day, Thu 05-14 Ascension
      BER | 2026-04-30T15:00+02:00 | PT8H     | 2026-05-04T15:00+02:00 | Thu 2 + Mon 6                        | 8h over Labour Day and a weekend
      BER | 2026-04-30T15:00+02:00 | PT24H    | 2026-05-06T15:00+02:00 | Thu 2 + Mon 8 + Tue 8 + Wed 6        | 24h over Labour Day
      BER | 2026-04-30T15:00+02:00 | PT30H    | 2026-05-07T13:00+02:00 | Thu 2 + Mon 8 + Tue 8 + Wed 8 + Thu 4 | 30h over Labour Day
      BER | 2026-05-12T09:00+02:00 | PT25H    | 2026-05-18T10:00+02:00 | Tue 8 + Wed 8 + Fri 8 + Mon 1        | 25h over Ascension Thursday
      BER | 2026-05-13T13:00+02:00 | PT16H    | 2026-05-18T13:00+02:00 | Wed 4 + Fri 8 + Mon 4                | 16h over Ascension Thursday
      # ---- across the DST change of 2026-03-29 (a Sunday) and Easter (Good Friday 04-03, Easter Monday 04-06)
      BER | 2026-03-27T09:00+01:00 | PT9H     | 2026-03-30T10:00+02:00 | Fri 8 (CET) + Mon 1 (CEST)           | 9h across spring forward: local working hours count
      BER | 2026-03-27T09:00+01:00 | PT48H    | 2026-04-07T17:00+02:00 | Fri 8, Mon-Thu 32, Tue 04-07 8        | 48h across DST and Easter: ends at closing on Tue
      BER | 2026-10-23T13:00+02:00 | PT100H   | 2026-11-10T17:00+01:00 | Fri 4 (CEST), 2 weeks 80, Mon 8 + Tue 8 (CET) | 100h across fall back: ends at Tuesday's closing
      # ---- a calendar open around the clock: working hours are real hours, so 24 working hours differ from P1D
      DST | 2026-03-28T12:00+01:00 | PT24H    | 2026-03-29T13:00+02:00 | 24 real hours, 23 on the local clock | 24 working hours across spring forward
      DST | 2026-03-28T12:00+01:00 | P1D      | 2026-03-29T12:00+02:00 | the same local time the next day     | one business day across spring forward is 23 real hours
      DST | 2026-10-24T12:00+02:00 | PT25H    | 2026-10-25T12:00+01:00 | 25 real hours                        | 25 working hours across fall back
      DST | 2026-10-24T12:00+02:00 | PT24H    | 2026-10-25T11:00+01:00 | 24 real hours                        | 24 working hours across fall back
      """)
  void hoursAreWorkingHoursAndDaysAreBusinessDays(String cal, String start, String duration, String expected,
      String workedOut, String why) {
    Instant due = calendar(cal).addBusinessTime(instant(start), BusinessDuration.parse(duration),
        CalendarKind.BUSINESS_HOURS, BERLIN);
    assertThat(in(due, BERLIN)).as(why + " (" + workedOut + ")").isEqualTo(OffsetDateTime.parse(expected));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      PT30H   | 0 | PT30H
      PT24H   | 0 | PT24H
      P1D     | 1 | PT0S
      P1DT4H  | 1 | PT4H
      PT90M   | 0 | PT1H30M
      P2DT1H30M15S | 2 | PT1H30M15S
      """)
  void aPolicyDurationKeepsItsDaysApartFromItsHours(String text, long days, java.time.Duration time) {
    assertThat(BusinessDuration.parse(text)).isEqualTo(new BusinessDuration(days, time));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"P", "PT", "P1W", "P1M", "-PT1H", "PT1.5H", "P1.5D", "4h", "PT4H ", "P1DT"})
  void anUnclearDurationIsRefusedWithTheAcceptedForm(String text) {
    if (text.equals("PT4H ")) {
      assertThat(BusinessDuration.parse(text)).isEqualTo(BusinessDuration.ofWorkingTime(Duration.ofHours(4)));
      return;
    }
    assertThatThrownBy(() -> BusinessDuration.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PnDTnHnMnS");
  }

  @ParameterizedTest(name = "[{index}] {3}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      # start                   | zone          | expected               | why
      2026-06-10T10:00+02:00 | Europe/Berlin | 2026-06-11T00:00+02:00 | Wed 10:00: Thu midnight
      2026-06-10T23:30+02:00 | Europe/Berlin | 2026-06-11T00:00+02:00 | 23:30: half an hour later
      2026-06-11T00:00+02:00 | Europe/Berlin | 2026-06-12T00:00+02:00 | midnight starts a new day: the next midnight
      2026-03-28T23:30+01:00 | Europe/Berlin | 2026-03-29T00:00+01:00 | Sat 23:30 before spring forward: midnight is still CET
      2026-03-29T10:00+02:00 | Europe/Berlin | 2026-03-30T00:00+02:00 | on the 23-hour spring-forward day: next midnight in CEST
      2026-10-25T01:00+02:00 | Europe/Berlin | 2026-10-26T00:00+01:00 | on the 25-hour fall-back day: 24 real hours until midnight CET
      2026-06-10T23:30+02:00 | Asia/Tokyo    | 2026-06-12T00:00+09:00 | Berlin Wed 23:30 is Thu 06:30 in Tokyo: the end of Thursday there
      2026-06-10T23:30+02:00 | America/Los_Angeles | 2026-06-11T00:00-07:00 | Berlin Wed 23:30 is Wed 14:30 in Los Angeles: the end of Wednesday there
      """)
  void endOfDay(String start, ZoneId zone, String expected, String why) {
    assertThat(in(BER.endOfDay(instant(start), zone), zone)).as(why).isEqualTo(OffsetDateTime.parse(expected));
  }

  @ParameterizedTest(name = "[{index}] {5}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      # cal | kind           | from                   | to                     | expected | why
      BER | BUSINESS_HOURS | 2026-06-10T10:00+02:00 | 2026-06-10T14:00+02:00 | PT4H   | within Wed
      BER | BUSINESS_HOURS | 2026-06-10T07:00+02:00 | 2026-06-10T10:00+02:00 | PT1H   | before opening counts nothing
      BER | BUSINESS_HOURS | 2026-06-10T16:00+02:00 | 2026-06-11T10:00+02:00 | PT2H   | 1h Wed, night, 1h Thu
      BER | BUSINESS_HOURS | 2026-06-12T16:00+02:00 | 2026-06-15T12:00+02:00 | PT4H   | 1h Fri, weekend, 3h Mon: inverse of Fri 16:00 + 4h
      BER | BUSINESS_HOURS | 2026-06-12T16:00+02:00 | 2026-06-15T09:00+02:00 | PT1H   | Fri 16:00 to Mon opening: only the Friday hour
      BER | BUSINESS_HOURS | 2026-06-13T10:00+02:00 | 2026-06-14T18:00+02:00 | PT0S   | a weekend only
      BER | BUSINESS_HOURS | 2026-06-08T09:00+02:00 | 2026-06-15T09:00+02:00 | PT40H  | a whole week: 5 x 8h (days are not preserved)
      BER | BUSINESS_HOURS | 2026-12-23T09:00+01:00 | 2026-12-29T09:00+01:00 | PT16H  | Wed 23, 24-27 closed (closure, holidays, Sun), Mon 28
      BER | BUSINESS_HOURS | 2026-06-10T10:00+02:00 | 2026-06-10T10:00+02:00 | PT0S   | an empty span
      BER | BUSINESS_HOURS | 2026-06-10T14:00+02:00 | 2026-06-10T10:00+02:00 | PT0S   | a negative span
      BER | ALWAYS         | 2026-06-10T14:00+02:00 | 2026-06-10T10:00+02:00 | PT0S   | a negative span, 24x7
      BER | ALWAYS         | 2026-06-12T16:00+02:00 | 2026-06-15T11:00+02:00 | PT67H  | 24x7: 8h Fri + 48h weekend + 11h Mon
      DST | ALWAYS         | 2026-03-28T12:00+01:00 | 2026-03-29T12:00+02:00 | PT23H  | 24x7 across spring forward: 23 elapsed hours
      DST | BUSINESS_HOURS | 2026-03-28T12:00+01:00 | 2026-03-29T12:00+02:00 | PT23H  | open 00:00-24:00 across spring forward: 23 working hours
      DST | BUSINESS_HOURS | 2026-10-24T12:00+02:00 | 2026-10-25T12:00+01:00 | PT25H  | open 00:00-24:00 across fall back: 25 working hours
      """)
  void businessTimeBetween(String cal, CalendarKind kind, String from, String to, Duration expected, String why) {
    assertThat(calendar(cal).businessTimeBetween(instant(from), instant(to), kind, BERLIN)).as(why).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} working: {1} ({2})")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      2026-06-10 | true  | a normal Wednesday
      2026-06-13 | false | a Saturday
      2026-06-14 | false | a Sunday
      2026-05-01 | false | Labour Day, a Friday
      2026-05-14 | false | Ascension, a Thursday
      2027-03-08 | false | International Women's Day, a Berlin-only holiday, on a Monday in 2027
      2026-03-09 | true  | the Monday after Women's Day on a Sunday: no substitute day in Germany
      2026-06-04 | true  | Corpus Christi: a holiday in other states, not in Berlin
      2026-11-18 | true  | Repentance Day: a holiday in Saxony, not in Berlin
      2026-12-24 | false | company closure, a Thursday
      2026-12-31 | false | company closure, a Thursday
      2026-12-28 | true  | the Monday between Christmas and New Year
      """)
  void isWorkingDay(LocalDate date, boolean working, String why) {
    assertThat(BER.isWorkingDay(date)).as(why).isEqualTo(working);
  }

  @Test
  void theConfiguredZoneIsTheDefault() {
    assertThat(BER.defaultZone()).isEqualTo(BERLIN);
    Instant friday = instant("2026-06-12T16:00+02:00");
    assertThat(BER.addWorkingTime(friday, Duration.ofHours(4), CalendarKind.BUSINESS_HOURS, null))
        .isEqualTo(BER.addWorkingTime(friday, Duration.ofHours(4), CalendarKind.BUSINESS_HOURS, BERLIN));
  }

  @Test
  void businessTimeBetweenIsTheInverseOfAddingWorkingHours() {
    Instant from = instant("2026-12-22T11:00+01:00");
    for (int hours = 1; hours < 120; hours++) {
      Instant due = BER.addWorkingTime(from, Duration.ofHours(hours), CalendarKind.BUSINESS_HOURS, BERLIN);
      assertThat(BER.businessTimeBetween(from, due, CalendarKind.BUSINESS_HOURS, BERLIN)).isEqualTo(Duration.ofHours(hours));
    }
  }

  @Test
  void aNegativeDurationIsRefused() {
    assertThatThrownBy(() -> BER.addWorkingTime(Instant.now(), Duration.ofHours(-1), CalendarKind.BUSINESS_HOURS, BERLIN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCalendarWithoutWorkingHoursGivesUpInsteadOfLooping() {
    BusinessCalendar closed = new BusinessCalendar(new SlaCalendarProperties(BERLIN, Map.of(), null, null));
    Instant start = instant("2026-06-10T10:00+02:00");
    assertThatThrownBy(() -> closed.addWorkingTime(start, Duration.ofHours(1), CalendarKind.BUSINESS_HOURS, BERLIN))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("No working day within 3700 days");
    assertThatThrownBy(() -> closed.addBusinessTime(start, BusinessDuration.ofBusinessDays(1), CalendarKind.BUSINESS_HOURS, BERLIN))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("No working day within 3700 days");
    assertThat(closed.businessTimeBetween(start, start.plus(Duration.ofDays(30)), CalendarKind.BUSINESS_HOURS, BERLIN))
        .isZero();
    assertThat(closed.addWorkingTime(start, Duration.ofHours(1), CalendarKind.ALWAYS, BERLIN))
        .isEqualTo(start.plus(Duration.ofHours(1)));
  }

  @ParameterizedTest(name = "working hours ''{0}'' are refused")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      9-17
      09:00-17
      17:00-09:00
      09:00-09:00
      09:00-25:00
      09:60-17:00
      24:00-24:00
      nine to five
      """)
  void badWorkingHoursFailNamingTheProperty(String window) {
    Map<DayOfWeek, String> hours = Map.of(DayOfWeek.MONDAY, "09:00-17:00", DayOfWeek.TUESDAY, window);
    assertThatThrownBy(() -> new SlaCalendarProperties(BERLIN, hours, null, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sla.calendar.working-hours.TUESDAY")
        .hasMessageContaining(window);
  }

  @Test
  void badHolidaysAndAMissingZoneFailNamingTheProperty() {
    Map<DayOfWeek, String> hours = weekdays("09:00-17:00");
    assertThatThrownBy(() -> new SlaCalendarProperties(BERLIN, hours, new SlaCalendarProperties.Holidays("xx", null), null))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("sla.calendar.holidays.country: 'xx'");
    assertThatThrownBy(() -> new SlaCalendarProperties(BERLIN, hours, new SlaCalendarProperties.Holidays("de", "zz"), null))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("sla.calendar.holidays.region: 'zz'");
    assertThatThrownBy(() -> new SlaCalendarProperties(null, hours, null, null))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("sla.calendar.time-zone");
  }

  /** The block for application.yaml binds as Spring Boot binds it. */
  static final String YAML = """
      sla:
        calendar:
          time-zone: Europe/Berlin
          working-hours:
            MONDAY: "09:00-17:00"
            TUESDAY: "09:00-17:00"
            WEDNESDAY: "09:00-17:00"
            THURSDAY: "09:00-17:00"
            FRIDAY: "09:00-17:00"
          holidays:
            country: de
            region: be
          closures:
            - 2026-12-24
            - 2026-12-31
      """;

  @Test
  void theApplicationYamlBlockBinds() throws Exception {
    SlaCalendarProperties properties = bind(YAML);
    assertThat(properties.timeZone()).isEqualTo(BERLIN);
    assertThat(properties.workingHours()).containsOnlyKeys(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
        DayOfWeek.THURSDAY, DayOfWeek.FRIDAY).containsEntry(DayOfWeek.FRIDAY, "09:00-17:00");
    assertThat(properties.holidays()).isEqualTo(new SlaCalendarProperties.Holidays("de", "be"));
    assertThat(properties.closures()).containsExactly(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-31"));
    BusinessCalendar calendar = new BusinessCalendar(properties);
    assertThat(calendar.addWorkingTime(instant("2026-12-23T16:00+01:00"), Duration.ofHours(2),
        CalendarKind.BUSINESS_HOURS, calendar.defaultZone())).isEqualTo(instant("2026-12-28T10:00+01:00"));
  }

  @Test
  void aBadYamlValueFailsAtBindingNamingTheProperty() {
    assertThatThrownBy(() -> bind(YAML.replace("FRIDAY: \"09:00-17:00\"", "FRIDAY: \"9-5\"")))
        .isInstanceOf(BindException.class)
        .rootCause().hasMessageContaining("sla.calendar.working-hours.FRIDAY: '9-5'");
  }

  static SlaCalendarProperties bind(String yaml) throws Exception {
    List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("application.yaml",
        new ByteArrayResource(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    StandardEnvironment environment = new StandardEnvironment();
    sources.forEach(environment.getPropertySources()::addFirst);
    return new Binder(ConfigurationPropertySources.get(environment))
        .bind("sla.calendar", SlaCalendarProperties.class).get();
  }
}
