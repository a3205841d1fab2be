package com.octoacme.support.escalation;

/** The template's "Requested Action" checkboxes (the free-text "Other" is a variable of its own). */
public enum RequestedAction {
  BUG_FIX("actionBugFix", "Bug fix required"),
  FEATURE_ENHANCEMENT("actionFeatureEnhancement", "Feature enhancement"),
  CONFIGURATION_CHANGE("actionConfigurationChange", "Configuration change"),
  DOCUMENTATION_UPDATE("actionDocumentationUpdate", "Documentation update"),
  LEADERSHIP_ESCALATION("actionLeadershipEscalation", "Escalation to leadership");

  public final ProcessVariable<Boolean> requested;
  private final String label;

  RequestedAction(String name, String label) {
    this.requested = ProcessVariable.flag(name);
    this.label = label;
  }

  public String label() {
    return label;
  }
}
