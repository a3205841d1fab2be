package com.octoacme.support.escalation;

import java.util.Optional;

/**
 * Something other capabilities need settled before an escalation closes (for example a mail of the
 * escalation that has not gone out). The after-resolution checklist refuses to complete while one is unmet,
 * with its reason, so an escalation never closes over a failure that people would then no longer see.
 */
public interface CloseCondition {

  /** Why the ticket's escalation may not close now, for the person completing the checklist; empty if it may. */
  Optional<String> unmetFor(String ticketId);
}
