package com.octoacme.support.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.orm.jpa.JpaSystemException;

/** Which failures are "the database cannot be reached" (503, retry later), and which are not (500 or 4xx). */
class DatabaseUnavailableTest {

  @Test
  void connectionFailuresAnywhereInTheChainAreAnOutage() {
    assertThat(DatabaseUnavailable.causes(new ProcessEngineException("query failed",
        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 3000ms"))))
        .as("no connection within the pool's timeout").isTrue();
    assertThat(DatabaseUnavailable.causes(new ProcessEngineException("query failed",
        new SQLException("An I/O error occurred while sending to the backend.", "08006")))).as("SQLSTATE 08").isTrue();
    assertThat(DatabaseUnavailable.causes(new SQLException("terminating connection due to administrator command", "57P01")))
        .as("PostgreSQL shutting down").isTrue();
    assertThat(DatabaseUnavailable.causes(new JpaSystemException(new RuntimeException("Unable to rollback against JDBC Connection",
        new SQLException("Connection is closed"))))).as("a broken connection's failed rollback").isTrue();
  }

  @Test
  void otherFailuresAreNot() {
    assertThat(DatabaseUnavailable.causes(new SQLException("duplicate key value violates unique constraint", "23505"))).isFalse();
    assertThat(DatabaseUnavailable.causes(new IllegalStateException("a bug"))).isFalse();
    assertThat(DatabaseUnavailable.causes(new ProcessEngineException("no such task"))).isFalse();
  }
}
