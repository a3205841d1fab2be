package com.octoacme.support.escalation;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * One process variable: its name and Java type, declared once in a catalogue and used everywhere
 * (delegates, listeners, services, tests), so a renamed variable is a compile error, not a silent null.
 */
public final class ProcessVariable<T> {

  private final String name;
  private final Class<T> type;

  private ProcessVariable(String name, Class<T> type) {
    this.name = name;
    this.type = type;
  }

  public static ProcessVariable<String> string(String name) {
    return new ProcessVariable<>(name, String.class);
  }

  public static ProcessVariable<Long> number(String name) {
    return new ProcessVariable<>(name, Long.class);
  }

  public static ProcessVariable<Double> decimal(String name) {
    return new ProcessVariable<>(name, Double.class);
  }

  public static ProcessVariable<Boolean> flag(String name) {
    return new ProcessVariable<>(name, Boolean.class);
  }

  public static ProcessVariable<java.util.Date> date(String name) {
    return new ProcessVariable<>(name, java.util.Date.class);
  }

  public String name() {
    return name;
  }

  public Class<T> type() {
    return type;
  }

  /** The value, or empty when the variable is unset or null. */
  public Optional<T> from(VariableScope scope) {
    return Optional.ofNullable(cast(scope.getVariable(name)));
  }

  /** The value of a variable the process guarantees to be set at this point. */
  public T require(VariableScope scope) {
    return from(scope).orElseThrow(() -> new IllegalStateException("process variable '" + name + "' is not set"));
  }

  public T fromLocal(VariableScope scope) {
    return cast(scope.getVariableLocal(name));
  }

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, value);
  }

  public void setLocal(VariableScope scope, T value) {
    scope.setVariableLocal(name, value);
  }

  /** Reads a raw value from a map of variables (a REST payload or a query result). */
  public T from(java.util.Map<String, ?> variables) {
    return cast(variables.get(name));
  }

  private T cast(Object value) {
    if (value == null) {
      return null;
    }
    // Forms submit whole numbers as Integer; the catalogue speaks Long.
    if (type == Long.class && value instanceof Number n) {
      return type.cast(n.longValue());
    }
    if (type == Double.class && value instanceof Number n) {
      return type.cast(n.doubleValue());
    }
    return type.cast(value);
  }

  @Override
  public String toString() {
    return name;
  }
}
