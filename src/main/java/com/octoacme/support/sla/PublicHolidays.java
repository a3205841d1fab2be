package com.octoacme.support.sla;

import de.focus_shift.jollyday.core.CalendarHierarchy;
import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The public holidays of one jollyday calendar (country, optionally a subdivision such as "be" or a
 * path "by/mu"), cached per year. Only {@link HolidayType#PUBLIC_HOLIDAY}s count: bank holidays and
 * observances do not close the support centre (list them as closures if they should). A holiday
 * moved to an observed date (as some countries do for weekends) counts on the observed date.
 */
final class PublicHolidays {

  static final PublicHolidays NONE = new PublicHolidays(null, new String[0]);

  private final HolidayManager manager;
  private final String[] region;
  private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

  private PublicHolidays(HolidayManager manager, String[] region) {
    this.manager = manager;
    this.region = region;
  }

  /** Holidays of {@code country}/{@code region}; both validated, errors name the property under {@code prefix}. */
  static PublicHolidays of(String prefix, String country, String region) {
    if (country == null) {
      if (region != null) {
        throw new IllegalStateException(prefix + ".region: '" + region + "' needs " + prefix + ".country as well");
      }
      return NONE;
    }
    Set<String> codes = HolidayManager.getSupportedCalendarCodes();
    if (codes.stream().noneMatch(country::equalsIgnoreCase)) {
      throw new IllegalStateException(prefix + ".country: '" + country + "' is no jollyday holiday calendar; known: "
          + new TreeSet<>(codes).stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
    HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(country.toLowerCase(Locale.ROOT)));
    return new PublicHolidays(manager, regionPath(prefix, country, region, manager.getCalendarHierarchy()));
  }

  private static String[] regionPath(String prefix, String country, String region, CalendarHierarchy hierarchy) {
    if (region == null) {
      return new String[0];
    }
    String[] parts = region.split("/");
    CalendarHierarchy level = hierarchy;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].strip();
      String key = level.getChildren().keySet().stream().filter(part::equalsIgnoreCase).findFirst()
          .orElseThrow(() -> new IllegalStateException(prefix + ".region: '" + region + "' is no subdivision of '"
              + country + "'; known: " + new TreeSet<>(hierarchy.getChildren().keySet())));
      parts[i] = key;
      level = level.getChildren().get(key);
    }
    return parts;
  }

  boolean isHoliday(LocalDate date) {
    return manager != null && byYear.computeIfAbsent(date.getYear(), this::load).contains(date);
  }

  /** A holiday's observed date may fall into the year before or after: look at the neighbouring years too. */
  private Set<LocalDate> load(int year) {
    return java.util.stream.IntStream.rangeClosed(year - 1, year + 1).boxed()
        .flatMap(y -> manager.getHolidays(Year.of(y), HolidayType.PUBLIC_HOLIDAY, region).stream())
        .map(Holiday::getDate)
        .filter(date -> date.getYear() == year)
        .collect(Collectors.toUnmodifiableSet());
  }
}
