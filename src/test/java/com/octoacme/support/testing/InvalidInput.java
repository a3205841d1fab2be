package com.octoacme.support.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.octoacme.support.escalation.InvalidFieldException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that a call was refused for bad input; the engine wraps a listener's exception, so look down the causes. */
public final class InvalidInput {

  private InvalidInput() {}

  public static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("the call should have been refused").isNotNull();
    Throwable cause = thrown;
    while (cause != null && !(cause instanceof InvalidFieldException)) {
      cause = cause.getCause();
    }
    assertThat(cause).as("an InvalidFieldException behind %s", thrown).isNotNull();
    return assertThat(cause);
  }

  public static AbstractThrowableAssert<?, ? extends Throwable> assertInvalidField(ThrowingCallable call, String field) {
    AbstractThrowableAssert<?, ? extends Throwable> invalid = assertInvalid(call);
    invalid.isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo(field));
    return invalid;
  }
}
