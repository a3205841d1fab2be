package com.octoacme.support.escalation;

import java.util.Arrays;
import java.util.Optional;

/** The template's four support escalation levels. */
public enum EscalationLevel {
  L1("Standard Support"),
  L2("Engineering Support"),
  L3("Critical Escalation"),
  L4("Executive Escalation");

  private final String title;

  EscalationLevel(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  /** The next level up; L4 is the top and stays L4. */
  public EscalationLevel up() {
    return this == L4 ? L4 : values()[ordinal() + 1];
  }

  /** The next level down; L1 is the bottom and stays L1. */
  public EscalationLevel down() {
    return this == L1 ? L1 : values()[ordinal() - 1];
  }

  /** Whether this level takes the escalation out of Support (and so needs the pre-escalation checklist). */
  public boolean leavesSupport() {
    return this != L1;
  }

  public static Optional<EscalationLevel> parse(String code) {
    return Arrays.stream(values()).filter(l -> l.name().equals(code)).findFirst();
  }
}
