package com.octoacme.support.sla;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** "create" listener of every escalation task: the ticket, customer, tier, level and SLA its Tasklist card shows. */
@Component("showOnTaskCard")
public class ShowOnTaskCard implements TaskListener {

  private final EscalationSummaries summaries;

  public ShowOnTaskCard(EscalationSummaries summaries) {
    this.summaries = summaries;
  }

  @Override
  public void notify(DelegateTask task) {
    summaries.showOnCard(task);
  }
}
