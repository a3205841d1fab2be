package com.octoacme.support.notification;

import static com.octoacme.support.notification.NotificationVariables.NOTIFICATION_KEY;
import static com.octoacme.support.notification.NotificationVariables.SEND_TOPIC;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The mail workers: fetch the {@code notification-send} external tasks of bpmn/notification-delivery.bpmn
 * and send them on a bounded pool of their own ({@code notification.worker}), never on the job executor,
 * so a slow or hanging mail server cannot delay an SLA timer. A node fetches only as many sends as it
 * has free threads, locked for {@code lock-duration}: if the node dies, another sends them after that.
 *
 * <p>A failed attempt is one WARN line (kind, key, ticket, cause); the stack trace goes into the external
 * task's error details, which Cockpit shows with the incident. The first failed attempt raises the incident
 * on the escalation ({@link DeliveryIncidents#TYPE}); after the last attempt of {@code notification.retry-cycle}
 * the delivery instance has its {@code failedExternalTask} incident too. The escalation's is resolved when the
 * mail goes out, and raised again if the engine closed it because the escalation moved on (checked every 30 s).
 */
@Component
public class NotificationWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(NotificationWorker.class);
  /** While fetching fails (e.g. the database is down), say so once a minute, not on every poll. */
  private static final Duration FETCH_FAILURE_LOG_INTERVAL = Duration.ofMinutes(1);
  /** How often the escalations' incidents are checked against the failed sends (see {@link #checkIncidents}). */
  private static final Duration INCIDENT_CHECK_INTERVAL = Duration.ofSeconds(30);

  private final ExternalTaskService externalTasks;
  private final NotificationDelivery delivery;
  private final DeliveryIncidents incidents;
  private final NotificationWorkerProperties properties;
  private final RetryCycle retries;
  private final String workerId = "notification-worker-" + ManagementFactory.getRuntimeMXBean().getName();
  private final Semaphore freeSenders;

  private volatile boolean running;
  private ScheduledExecutorService poller;
  private ExecutorService senders;
  private long fetchFailingSince;
  private long fetchFailureLoggedAt;

  public NotificationWorker(ExternalTaskService externalTasks, NotificationDelivery delivery,
      DeliveryIncidents incidents, NotificationWorkerProperties properties, NotificationProperties notificationProperties,
      MailProperties mail) {
    this.externalTasks = externalTasks;
    this.delivery = delivery;
    this.incidents = incidents;
    this.properties = properties;
    this.retries = notificationProperties.retries();
    this.freeSenders = new Semaphore(properties.poolSize());
    checkLockOutlastsASend(properties.lockDuration(), mail.getProperties());
  }

  /**
   * A send must end before its lock does, or another node could send the same mail while this one is still
   * at it. A send waits at most the connect timeout, then a few replies (each the read timeout) and writes.
   */
  static void checkLockOutlastsASend(Duration lock, Map<String, String> smtp) {
    long connect = millis(smtp, "mail.smtp.connectiontimeout");
    long read = millis(smtp, "mail.smtp.timeout");
    long write = millis(smtp, "mail.smtp.writetimeout");
    if (connect <= 0 || read <= 0 || write <= 0) {
      throw new IllegalStateException("spring.mail.properties.mail.smtp.connectiontimeout, .timeout and .writetimeout"
          + " must be set (milliseconds): without them a hanging mail server holds a mail worker forever");
    }
    long longestSend = connect + 2 * read + write;
    if (lock.toMillis() <= longestSend) {
      throw new IllegalStateException("notification.worker.lock-duration " + lock + " must exceed the longest send ("
          + longestSend + " ms: connect + 2 x read + write timeout of spring.mail.properties.mail.smtp.*)");
    }
  }

  private static long millis(Map<String, String> smtp, String property) {
    String value = smtp.get(property);
    try {
      return value == null ? 0 : Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("spring.mail.properties." + property + " must be milliseconds, not '" + value + "'");
    }
  }

  @Override
  public synchronized void start() {
    if (running || !properties.enabled()) {
      return;
    }
    senders = new ThreadPoolExecutor(properties.poolSize(), properties.poolSize(), 0, TimeUnit.MILLISECONDS,
        new SynchronousQueue<>(), threads("notification-sender-"));
    poller = Executors.newSingleThreadScheduledExecutor(threads("notification-poller-"));
    long interval = properties.pollInterval().toMillis();
    poller.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
    poller.scheduleWithFixedDelay(this::checkIncidents, INCIDENT_CHECK_INTERVAL.toMillis(),
        INCIDENT_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    running = true;
    log.info("Mail workers started: {} threads, lock {}, retry cycle {} ({} attempts, {} apart), worker id {}",
        properties.poolSize(), properties.lockDuration(), retries, retries.attempts(), retries.interval(), workerId);
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    poller.shutdownNow();
    senders.shutdown();
    try {
      // A send in progress ends within the SMTP timeouts; one cut short is sent by another node after its lock.
      if (!senders.awaitTermination(10, TimeUnit.SECONDS)) {
        senders.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Fetches as many sends as there are free threads and hands them over; runs on the poller thread. */
  void poll() {
    try {
      int free = freeSenders.availablePermits();
      while (running && free > 0) {
        List<LockedExternalTask> tasks = fetch(free, null);
        fetchWorks();
        for (LockedExternalTask task : tasks) {
          freeSenders.acquireUninterruptibly();
          senders.execute(() -> {
            try {
              handle(task);
            } finally {
              freeSenders.release();
            }
          });
        }
        if (tasks.size() < free) {
          return; // nothing more to send now
        }
        free = freeSenders.availablePermits();
      }
    } catch (RuntimeException e) {
      fetchFails(e);
    }
  }

  /**
   * Sends what is due now on the calling thread, at most a pool's worth: for process tests (which run
   * without the workers) and operators' scripts. {@code ticketId} null: any ticket's.
   *
   * @return how many sends were attempted
   */
  public int deliverPending(String ticketId) {
    List<LockedExternalTask> tasks = fetch(properties.poolSize(), ticketId);
    tasks.forEach(this::handle);
    return tasks.size();
  }

  private List<LockedExternalTask> fetch(int max, String ticketId) {
    var topic = externalTasks.fetchAndLock(max, workerId).topic(SEND_TOPIC, properties.lockDuration().toMillis())
        .variables(NOTIFICATION_KEY.name());
    return (ticketId == null ? topic : topic.businessKey(ticketId)).execute();
  }

  /** One send: deliver (at most once, see {@link NotificationDelivery}), then complete the task or record the failure. */
  void handle(LockedExternalTask task) {
    String key = NOTIFICATION_KEY.from(task.getVariables());
    try {
      delivery.deliver(key);
    } catch (RuntimeException e) {
      failed(task, key, e);
      return;
    }
    try {
      if (task.getRetries() != null) {
        incidents.sent(key); // it had failed before: an incident on the escalation waits for it
      }
      externalTasks.complete(task.getId(), workerId);
    } catch (ProcessEngineException e) {
      // The lock ran out and another node took over: it finds the mail marked sent and sends nothing.
      log.info("Sent {}, but could not complete its delivery task (another node may have): {}", key,
          NotificationDeliveryException.describe(e));
    }
  }

  private void failed(LockedExternalTask task, String key, RuntimeException failure) {
    String message = failure instanceof NotificationDeliveryException
        ? failure.getMessage()
        : "Sending " + key + " for " + task.getBusinessKey() + " failed: " + NotificationDeliveryException.describe(failure);
    int left = retries.retriesAfterFailure(task.getRetries());
    int attempt = retries.attemptNumber(task.getRetries());
    try {
      externalTasks.handleFailure(task.getId(), workerId, message, stackTrace(failure), left,
          retries.interval().toMillis());
    } catch (ProcessEngineException e) {
      log.warn("{} (attempt {} of {}); recording the failure failed too, the send is retried after its lock: {}",
          message, attempt, retries.attempts(), NotificationDeliveryException.describe(e));
      return;
    }
    try {
      incidents.attemptFailed(task.getBusinessKey(), key, message, attempt, retries);
    } catch (RuntimeException e) {
      log.warn("{} (attempt {} of {}); its incident on the escalation could not be raised now (checked again"
          + " within {}): {}", message, attempt, retries.attempts(), INCIDENT_CHECK_INTERVAL,
          NotificationDeliveryException.describe(e));
    }
    if (left == 0) {
      log.warn("{} (attempt {} of {}): no attempts left", message, attempt, retries.attempts());
    } else {
      log.warn("{} (attempt {} of {}, next in {})", message, attempt, retries.attempts(), retries.interval());
    }
  }

  /** Every failed mail has its incident on the escalation, and only those (see {@link DeliveryIncidents#check}). */
  public void checkIncidents() {
    try {
      incidents.check();
    } catch (RuntimeException e) {
      log.warn("Checking the incidents of failed mails failed: {}", NotificationDeliveryException.describe(e));
    }
  }

  private synchronized void fetchWorks() {
    if (fetchFailingSince != 0) {
      log.info("Fetching mail to send works again");
      fetchFailingSince = 0;
    }
  }

  private synchronized void fetchFails(RuntimeException e) {
    long now = System.currentTimeMillis();
    if (fetchFailingSince == 0 || now - fetchFailureLoggedAt >= FETCH_FAILURE_LOG_INTERVAL.toMillis()) {
      log.warn("Fetching mail to send failed (retrying every {}, logged once a minute): {}", properties.pollInterval(),
          NotificationDeliveryException.describe(e));
      fetchFailureLoggedAt = now;
    }
    if (fetchFailingSince == 0) {
      fetchFailingSince = now;
    }
  }

  private static String stackTrace(Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger number = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
