package com.octoacme.support.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What every logger of the application and the engine logged while an action ran (at the root logger). */
public final class LogCapture {

  private LogCapture() {}

  public static List<ILoggingEvent> during(Runnable action) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    try {
      action.run();
    } finally {
      root.detachAppender(appender);
      appender.stop();
    }
    return List.copyOf(appender.list);
  }
}
