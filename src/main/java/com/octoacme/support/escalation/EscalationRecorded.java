package com.octoacme.support.escalation;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Published (synchronously, inside the recording transaction) each time {@link EscalationHistory} saves
 * an audit record: exactly one of {@code event} and {@code levelChange} is set. {@code variables} is the
 * scope of the delegate or listener that recorded it, or null for operations outside a delegate.
 * Listeners in other capabilities (the metrics) build on the audit trail without the escalation core
 * knowing them.
 */
public record EscalationRecorded(EscalationEvent event, LevelChange levelChange, VariableScope variables) {

  public static EscalationRecorded of(EscalationEvent event, VariableScope variables) {
    return new EscalationRecorded(event, null, variables);
  }

  public static EscalationRecorded of(LevelChange levelChange, VariableScope variables) {
    return new EscalationRecorded(null, levelChange, variables);
  }
}
