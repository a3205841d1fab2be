package com.octoacme.support.escalation;

/**
 * The template's "After Resolution" checklist. Each item is a form checkbox ({@link #done}) with a
 * waiver reason ({@link #waiver}) for when it cannot be done, like the before-escalation checklist.
 */
public enum AfterResolutionCheck {
  FIX_VERIFIED("postCheckFixVerified", "Verified fix with customer"),
  KNOWLEDGE_BASE_UPDATED("postCheckKnowledgeBaseUpdated", "Updated knowledge base if new issue type"),
  ROOT_CAUSE_DOCUMENTED("postCheckRootCauseDocumented", "Documented root cause and resolution"),
  FEEDBACK_GATHERED("postCheckFeedbackGathered", "Gathered customer feedback (CSAT score)"),
  TICKET_CLOSED("postCheckTicketClosed", "Closed support ticket with summary"),
  LEARNINGS_SHARED("postCheckLearningsShared", "Shared learnings with support team");

  public final ProcessVariable<Boolean> done;
  public final ProcessVariable<String> waiver;
  private final String label;

  AfterResolutionCheck(String name, String label) {
    this.done = ProcessVariable.flag(name);
    this.waiver = ProcessVariable.string(name + "Waiver");
    this.label = label;
  }

  public String label() {
    return label;
  }
}
