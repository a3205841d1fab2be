package com.octoacme.support.sla.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal SMTP server on a free local port that accepts and discards every mail, so the notifications
 * that follow a breach are delivered (as in production) instead of failing and retrying. Counts the mails.
 */
final class MailSink implements AutoCloseable {

  private static MailSink running;

  private final ServerSocket server;
  private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "bench-mail-sink");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicLong mails = new AtomicLong();

  private MailSink() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    connections.submit(this::accept);
  }

  /** The one sink of this JVM, started on first use. */
  static synchronized MailSink instance() {
    if (running == null) {
      try {
        running = new MailSink();
      } catch (IOException e) {
        throw new UncheckedIOException("mail sink did not start", e);
      }
    }
    return running;
  }

  int port() {
    return server.getLocalPort();
  }

  long mails() {
    return mails.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.submit(() -> converse(socket));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void converse(Socket socket) {
    try (socket;
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream()) {
      reply(out, "220 bench-mail-sink ESMTP");
      String line;
      while ((line = in.readLine()) != null) {
        String command = line.length() < 4 ? line.toUpperCase() : line.substring(0, 4).toUpperCase();
        switch (command) {
          case "EHLO" -> reply(out, "250-bench-mail-sink\r\n250 8BITMIME");
          case "DATA" -> {
            reply(out, "354 end with <CRLF>.<CRLF>");
            while ((line = in.readLine()) != null && !line.equals(".")) {
              // discard the message
            }
            mails.incrementAndGet();
            reply(out, "250 OK");
          }
          case "QUIT" -> {
            reply(out, "221 bye");
            return;
          }
          default -> reply(out, "250 OK"); // HELO, MAIL, RCPT, RSET, NOOP
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    connections.shutdownNow();
  }

  static synchronized void stop() throws IOException {
    if (running != null) {
      running.close();
      running = null;
    }
  }
}
