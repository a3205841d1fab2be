package com.octoacme.support.escalation;

/**
 * The template's "Before Escalating to Engineering" checklist. Each item is a form checkbox
 * ({@link #done}) with a waiver reason ({@link #waiver}) for when it cannot be done.
 */
public enum PreEscalationCheck {
  BASIC_TROUBLESHOOTING("preCheckTroubleshooting", "Attempted basic troubleshooting steps"),
  KNOWLEDGE_BASE_SEARCHED("preCheckKnowledgeBase", "Searched knowledge base for similar issues"),
  REPRODUCED("preCheckReproduced", "Reproduced the issue (if possible)"),
  TECHNICAL_DETAILS_GATHERED("preCheckTechnicalDetails", "Gathered all relevant technical details"),
  STEPS_DOCUMENTED("preCheckStepsDocumented", "Documented steps to reproduce clearly"),
  EXISTING_REPORTS_CHECKED("preCheckExistingReports", "Checked for existing bug reports or feature requests"),
  IMPACT_ASSESSED("preCheckImpactAssessed", "Assessed business impact and urgency");

  public final ProcessVariable<Boolean> done;
  public final ProcessVariable<String> waiver;
  private final String label;

  PreEscalationCheck(String name, String label) {
    this.done = ProcessVariable.flag(name);
    this.waiver = ProcessVariable.string(name + "Waiver");
    this.label = label;
  }

  public String label() {
    return label;
  }
}
